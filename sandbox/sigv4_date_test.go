package sandbox_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/s3sec/s3sec/sandbox"
)

// hmacSHA256 is one step of the SigV4 key derivation.
func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// dateSignedRequest builds a request signed by hand the way older S3 clients
// do it: the time travels in an RFC 1123 Date header (signed as "date"), with
// no X-Amz-Date. The string to sign carries the same instant in ISO 8601
// basic form, as the SigV4 reference ("Handling dates") prescribes.
func dateSignedRequest(t *testing.T, srv *sandbox.Server, method, path string, body []byte, at time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, srv.HTTPSURL()+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	at = at.UTC()
	sum := sha256.Sum256(body)
	payload := hex.EncodeToString(sum[:])
	req.Header.Set("Date", at.Format(http.TimeFormat))
	req.Header.Set("X-Amz-Content-Sha256", payload)
	signed := "date;host;x-amz-content-sha256"
	canonical := strings.Join([]string{method, path, "",
		"date:" + req.Header.Get("Date"), "host:" + req.URL.Host, "x-amz-content-sha256:" + payload, "",
		signed, payload}, "\n")
	day, stamp := at.Format("20060102"), at.Format("20060102T150405Z")
	scope := day + "/us-east-1/s3/aws4_request"
	crSum := sha256.Sum256([]byte(canonical))
	toSign := "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + hex.EncodeToString(crSum[:])
	creds := srv.Root()
	key := hmacSHA256([]byte("AWS4"+creds.SecretAccessKey), day)
	for _, part := range []string{"us-east-1", "s3", "aws4_request"} {
		key = hmacSHA256(key, part)
	}
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+creds.AccessKeyID+"/"+scope+
		", SignedHeaders="+signed+", Signature="+hex.EncodeToString(hmacSHA256(key, toSign)))
	return req
}

// S3 accepts a SigV4 request whose time is the signed Date header instead of X-Amz-Date.
func TestSigV4DateHeaderInsteadOfXAmzDate(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "dated")
	hc := httpClient(t, srv)
	send := func(req *http.Request) (int, string) {
		t.Helper()
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	if status, body := send(dateSignedRequest(t, srv, "PUT", "/dated/k", []byte("signed with Date"), time.Now())); status != 200 {
		t.Fatalf("PUT signed with Date: %d %s", status, body)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("dated"), Key: aws.String("k")})
	if err != nil || readAll(t, out.Body) != "signed with Date" {
		t.Fatalf("object: %v", err)
	}
	// The Date header is held to the same 15-minute window as X-Amz-Date.
	if status, body := send(dateSignedRequest(t, srv, "GET", "/dated/k", nil, time.Now().Add(-time.Hour))); status != 403 || !strings.Contains(body, "RequestTimeTooSkewed") {
		t.Fatalf("stale Date: %d %s", status, body)
	}
}
