package sigv4

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// presign returns a URL presigned by the SDK's PresignHTTP for S3, valid for
// expires seconds from signTime.
func presign(t *testing.T, vs *verifyServer, method, path string, creds aws.Credentials, expires string, signTime time.Time) string {
	t.Helper()
	req, err := http.NewRequest(method, vs.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	q := req.URL.Query()
	q.Set("X-Amz-Expires", expires)
	req.URL.RawQuery = q.Encode()
	signed, _, err := v4.NewSigner().PresignHTTP(context.Background(), creds, req, unsignedPayload, "s3", testRegion, signTime,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func TestPresignAccepted(t *testing.T) {
	vs := newVerifyServer(t, false)
	u := presign(t, vs, "GET", "/bucket/dir/a%20b.txt", testCreds(), "900", time.Now())
	req, _ := http.NewRequest("GET", u, nil)
	expectCode(t, send(t, vs, req), 200, "")
	s := vs.last(t)
	if !s.res.Presigned || s.res.AccessKeyID != testAccessKey || s.res.Region != testRegion {
		t.Fatalf("result %+v", s.res)
	}

	// A presigned PUT carries an unsigned body, which reaches the handler as is.
	u = presign(t, vs, "PUT", "/bucket/upload.bin", testCreds(), "60", time.Now())
	req, _ = http.NewRequest("PUT", u, bytes.NewReader([]byte("presigned body")))
	expectCode(t, send(t, vs, req), 200, "")
	if got := string(vs.last(t).body); got != "presigned body" {
		t.Fatalf("body %q", got)
	}

	// Temporary credentials put the session token in the signed query.
	creds := testCreds()
	creds.SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE/token+with=chars"
	u = presign(t, vs, "GET", "/bucket/k", creds, "60", time.Now())
	req, _ = http.NewRequest("GET", u, nil)
	expectCode(t, send(t, vs, req), 200, "")
	if got := vs.last(t).res.SessionToken; got != creds.SessionToken {
		t.Fatalf("session token %q", got)
	}
}

func TestPresignRejected(t *testing.T) {
	vs := newVerifyServer(t, false)
	cases := []struct {
		name       string
		url        func() string
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{"expired", func() string {
			return presign(t, vs, "GET", "/b/k", testCreds(), "3600", time.Now().Add(-2*time.Hour))
		}, 403, "AccessDenied", "Request has expired"},
		{"signed in the future", func() string {
			return presign(t, vs, "GET", "/b/k", testCreds(), "3600", time.Now().Add(time.Hour))
		}, 403, "AccessDenied", "Request is not yet valid"},
		{"longer than a week", func() string {
			return presign(t, vs, "GET", "/b/k", testCreds(), "604801", time.Now())
		}, 400, "AuthorizationQueryParametersError", "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds"},
		{"expiry not a number", func() string {
			return presign(t, vs, "GET", "/b/k", testCreds(), "soon", time.Now())
		}, 400, "AuthorizationQueryParametersError", "X-Amz-Expires should be a number"},
		{"wrong secret", func() string {
			return presign(t, vs, "GET", "/b/k", aws.Credentials{AccessKeyID: testAccessKey, SecretAccessKey: "nope"}, "60", time.Now())
		}, 403, "SignatureDoesNotMatch", msgSignatureMismatch},
		{"unknown key", func() string {
			return presign(t, vs, "GET", "/b/k", aws.Credentials{AccessKeyID: "AKIANOBODY", SecretAccessKey: "x"}, "60", time.Now())
		}, 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."},
		{"tampered expiry", func() string {
			u := presign(t, vs, "GET", "/b/k", testCreds(), "60", time.Now())
			return strings.Replace(u, "X-Amz-Expires=60", "X-Amz-Expires=600", 1)
		}, 403, "SignatureDoesNotMatch", msgSignatureMismatch},
		{"tampered path", func() string {
			u := presign(t, vs, "GET", "/b/public", testCreds(), "60", time.Now())
			return strings.Replace(u, "/b/public", "/b/secret", 1)
		}, 403, "SignatureDoesNotMatch", msgSignatureMismatch},
		{"extra query parameter", func() string {
			return presign(t, vs, "GET", "/b/k", testCreds(), "60", time.Now()) + "&versionId=old"
		}, 403, "SignatureDoesNotMatch", msgSignatureMismatch},
		{"missing signature", func() string {
			u, _ := url.Parse(presign(t, vs, "GET", "/b/k", testCreds(), "60", time.Now()))
			q := u.Query()
			q.Del("X-Amz-Signature")
			u.RawQuery = q.Encode()
			return u.String()
		}, 400, "AuthorizationQueryParametersError", missingQueryParams},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", c.url(), nil)
			expectCode(t, send(t, vs, req), c.wantStatus, c.wantCode)
			if got := vs.last(t).verr.Message; got != c.wantMsg {
				t.Fatalf("message %q, want %q", got, c.wantMsg)
			}
		})
	}
}

// STS presigned GetCallerIdentity URLs (the EKS token form) sign the empty
// body's hash and use the non-S3 canonical URI.
func TestPresignedSTS(t *testing.T) {
	vs := newVerifyServer(t, false)
	req, _ := http.NewRequest("GET", vs.URL+"/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Expires=60", nil)
	u, _, err := v4.NewSigner().PresignHTTP(context.Background(), testCreds(), req, emptySHA256, "sts", testRegion, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	req, _ = http.NewRequest("GET", u, nil)
	expectCode(t, send(t, vs, req), 200, "")
	if s := vs.last(t); s.res.Service != "sts" || !s.res.Presigned {
		t.Fatalf("result %+v", s.res)
	}
}
