package awsops_test

import (
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

func TestBrowserAllows(t *testing.T) {
	answer := func(status int, hs ...string) awsops.PreflightAnswer {
		a := awsops.PreflightAnswer{Status: status}
		for i := 0; i+1 < len(hs); i += 2 {
			a.Headers = append(a.Headers, awsops.CORSHeader{Name: hs[i], Value: hs[i+1]})
		}
		return a
	}
	put := awsops.CORSRequest{Origin: "https://a.test", Method: "PUT", Headers: []string{"Content-Type"}}
	get := awsops.CORSRequest{Origin: "https://a.test", Method: "GET"}
	for _, tc := range []struct {
		name string
		req  awsops.CORSRequest
		a    awsops.PreflightAnswer
		want bool
	}{
		{"all listed", put, answer(200, "Access-Control-Allow-Origin", "https://a.test", "Access-Control-Allow-Methods", "GET, PUT", "Access-Control-Allow-Headers", "content-type"), true},
		{"star origin", put, answer(200, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "Content-Type"), true},
		{"403 with headers (moto)", put, answer(403, "Access-Control-Allow-Origin", "https://a.test", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "content-type"), false},
		{"other origin", put, answer(200, "Access-Control-Allow-Origin", "https://b.test", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "content-type"), false},
		{"no origin header", get, answer(200, "Access-Control-Allow-Methods", "GET"), false},
		{"method not listed", put, answer(200, "Access-Control-Allow-Origin", "https://a.test", "Access-Control-Allow-Methods", "GET", "Access-Control-Allow-Headers", "content-type"), false},
		{"GET is safelisted", get, answer(200, "Access-Control-Allow-Origin", "https://a.test", "Access-Control-Allow-Methods", "PUT"), true},
		{"header not listed", put, answer(200, "Access-Control-Allow-Origin", "https://a.test", "Access-Control-Allow-Methods", "PUT"), false},
	} {
		if got := awsops.BrowserAllows(tc.req, tc.a); got != tc.want {
			t.Errorf("%s: BrowserAllows = %v, want %v", tc.name, got, tc.want)
		}
	}
}
