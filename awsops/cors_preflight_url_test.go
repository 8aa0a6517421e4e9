package awsops

import (
	"context"
	"testing"
)

// TestPreflightURL checks that preflights go where the session's S3 client
// sends its requests: virtual-hosted on AWS, path-style for a bucket name
// with dots (its certificate would not match) and on custom endpoints.
func TestPreflightURL(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Setenv("AWS_ENDPOINT_URL_S3", "")
	t.Setenv("AWS_CONFIG_FILE", "/nonexistent")
	ctx := context.Background()
	open := func(endpoint string) *Session {
		s, err := Open(ctx, Options{Region: "eu-west-1", EndpointURL: endpoint, AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	aws, custom := open(""), open("https://127.0.0.1:4443")
	for _, tc := range []struct {
		s                   *Session
		bucket, region, key string
		want                string
	}{
		{aws, "site", "eu-west-1", "", "https://site.s3.eu-west-1.amazonaws.com/"},
		{aws, "site", "ap-south-1", "img/a b+c.png", "https://site.s3.ap-south-1.amazonaws.com/img/a%20b+c.png"},
		{aws, "www.example.com", "eu-west-1", "k", "https://s3.eu-west-1.amazonaws.com/www.example.com/k"},
		{custom, "site", "eu-west-1", "", "https://127.0.0.1:4443/site"},
		{custom, "site", "eu-west-1", "dir/?x#y", "https://127.0.0.1:4443/site/dir/%3Fx%23y"},
	} {
		got, err := tc.s.objectURL(ctx, tc.bucket, tc.region, tc.key)
		if err != nil || got != tc.want {
			t.Errorf("objectURL(%s, %s, %q) = %q, %v; want %q", tc.bucket, tc.region, tc.key, got, err, tc.want)
		}
	}
}
