package sigv4

import (
	"net/http"
	"testing"
	"time"
)

// Requests signed with aws-sdk-go-v2's signer (SignHTTP) must verify, and
// each kind of damage must produce the error S3 gives for it.
func TestSignHTTPAccepted(t *testing.T) {
	vs := newVerifyServer(t, false)
	body := []byte("hello, sandbox")
	cases := []struct {
		name, method, path string
		body               []byte
		hash               string
		header             http.Header
	}{
		{"get with unsigned payload", "GET", "/bucket/key.txt", nil, unsignedPayload, nil},
		{"get with empty-body hash", "GET", "/bucket/key.txt", nil, emptySHA256, nil},
		{"sub-resource without value", "GET", "/bucket?versioning", nil, emptySHA256, nil},
		{"query needing encoding", "GET", "/bucket?list-type=2&prefix=a%20b%2Bc&delimiter=%2F&start-after=x~y", nil, emptySHA256, nil},
		{"repeated query names", "GET", "/bucket?b=2&a=2&a=1&a=a%2Fb&a=a-b", nil, emptySHA256, nil},
		{"encoded key", "GET", "/bucket/dir/a%20b%2Bc%25/%C3%BC%21%27%28%29%2A~.txt", nil, emptySHA256, nil},
		{"unnormalised path", "GET", "/bucket/a//b/./c/../d", nil, emptySHA256, nil},
		{"put with payload hash", "PUT", "/bucket/k", body, hexSHA256(body), http.Header{
			"X-Amz-Meta-Note":     {"  spaced   out  value "},
			"X-Amz-Meta-Multi":    {"one", "two"},
			"Content-Type":        {"text/plain"},
			"X-Amz-Storage-Class": {"STANDARD"},
		}},
		{"put unsigned payload", "PUT", "/bucket/k", body, unsignedPayload, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := c.header.Clone()
			if h == nil {
				h = http.Header{}
			}
			h.Set("X-Amz-Content-Sha256", c.hash)
			req := signedRequest(t, vs, c.method, c.path, c.body, c.hash, time.Now(), h)
			expectCode(t, send(t, vs, req), 200, "")
			s := vs.last(t)
			if string(s.body) != string(c.body) {
				t.Fatalf("handler read %q, want %q", s.body, c.body)
			}
			if s.res.AccessKeyID != testAccessKey || s.res.Region != testRegion || s.res.Service != "s3" || s.res.Presigned {
				t.Fatalf("unexpected result %+v", s.res)
			}
		})
	}
}

func TestSignHTTPRejected(t *testing.T) {
	vs := newVerifyServer(t, false)
	body := []byte("payload")
	withHash := func(h string) http.Header { return http.Header{"X-Amz-Content-Sha256": {h}} }
	cases := []struct {
		name       string
		build      func() *http.Request
		wantStatus int
		wantCode   string
	}{
		{"wrong secret", func() *http.Request {
			req := signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now(), withHash(emptySHA256))
			// Re-sign with another secret under the same key id.
			req.Header.Del("Authorization")
			signWith(t, req, testAccessKey, "not-the-secret", emptySHA256, time.Now())
			return req
		}, 403, "SignatureDoesNotMatch"},
		{"unknown access key", func() *http.Request {
			req, _ := http.NewRequest("GET", vs.URL+"/b/k", nil)
			req.Header.Set("X-Amz-Content-Sha256", emptySHA256)
			signWith(t, req, "AKIAUNKNOWN000000000", testSecretKey, emptySHA256, time.Now())
			return req
		}, 403, "InvalidAccessKeyId"},
		{"clock 20 minutes behind", func() *http.Request {
			return signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now().Add(-20*time.Minute), withHash(emptySHA256))
		}, 403, "RequestTimeTooSkewed"},
		{"clock 20 minutes ahead", func() *http.Request {
			return signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now().Add(20*time.Minute), withHash(emptySHA256))
		}, 403, "RequestTimeTooSkewed"},
		{"tampered signed header", func() *http.Request {
			h := withHash(emptySHA256)
			h.Set("X-Amz-Meta-Owner", "alice")
			req := signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now(), h)
			req.Header.Set("X-Amz-Meta-Owner", "mallory")
			return req
		}, 403, "SignatureDoesNotMatch"},
		{"tampered query value", func() *http.Request {
			req := signedRequest(t, vs, "GET", "/b?prefix=public/", nil, emptySHA256, time.Now(), withHash(emptySHA256))
			req.URL.RawQuery = "prefix=private/"
			return req
		}, 403, "SignatureDoesNotMatch"},
		{"added query parameter", func() *http.Request {
			req := signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now(), withHash(emptySHA256))
			req.URL.RawQuery = "versionId=1"
			return req
		}, 403, "SignatureDoesNotMatch"},
		{"tampered path", func() *http.Request {
			req := signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now(), withHash(emptySHA256))
			req.URL.Path = "/b/other"
			return req
		}, 403, "SignatureDoesNotMatch"},
		{"body does not match signed hash", func() *http.Request {
			req := signedRequest(t, vs, "PUT", "/b/k", body, hexSHA256([]byte("something else")), time.Now(),
				withHash(hexSHA256([]byte("something else"))))
			return req
		}, 400, "XAmzContentSHA256Mismatch"},
		{"empty body with a non-empty hash", func() *http.Request {
			return signedRequest(t, vs, "PUT", "/b/k", nil, hexSHA256(body), time.Now(), withHash(hexSHA256(body)))
		}, 400, "XAmzContentSHA256Mismatch"},
		{"missing x-amz-content-sha256", func() *http.Request {
			return signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now(), nil)
		}, 400, "InvalidRequest"},
		{"invalid x-amz-content-sha256", func() *http.Request {
			return signedRequest(t, vs, "GET", "/b/k", nil, "GIBBERISH", time.Now(), withHash("GIBBERISH"))
		}, 400, "InvalidArgument"},
		{"no authentication", func() *http.Request {
			req, _ := http.NewRequest("GET", vs.URL+"/b/k", nil)
			return req
		}, 403, "AccessDenied"},
		{"authorization without signature", func() *http.Request {
			req := signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now(), withHash(emptySHA256))
			a := req.Header.Get("Authorization")
			req.Header.Set("Authorization", a[:len(a)-len(", Signature=")-64])
			return req
		}, 400, "AuthorizationHeaderMalformed"},
		{"credential with bad terminator", func() *http.Request {
			req, _ := http.NewRequest("GET", vs.URL+"/b/k", nil)
			req.Header.Set("X-Amz-Content-Sha256", emptySHA256)
			req.Header.Set("X-Amz-Date", time.Now().UTC().Format(amzDateForm))
			req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+testAccessKey+"/"+time.Now().UTC().Format("20060102")+
				"/eu-west-1/s3/aws4_reques, SignedHeaders=host, Signature="+emptySHA256)
			return req
		}, 400, "AuthorizationHeaderMalformed"},
		{"signature version 2", func() *http.Request {
			req, _ := http.NewRequest("GET", vs.URL+"/b/k", nil)
			req.Header.Set("Authorization", "AWS "+testAccessKey+":c2lnbmF0dXJl")
			return req
		}, 400, "InvalidRequest"},
		{"header and query authentication together", func() *http.Request {
			req := signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now(), withHash(emptySHA256))
			req.URL.RawQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
			return req
		}, 400, "InvalidArgument"},
		{"unparseable x-amz-date", func() *http.Request {
			req := signedRequest(t, vs, "GET", "/b/k", nil, emptySHA256, time.Now(), withHash(emptySHA256))
			req.Header.Set("X-Amz-Date", "yesterday")
			return req
		}, 403, "AccessDenied"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			expectCode(t, send(t, vs, c.build()), c.wantStatus, c.wantCode)
		})
	}
}

// The anonymous sentinel is distinguishable from an explicit denial.
func TestAnonymousSentinel(t *testing.T) {
	r, _ := http.NewRequest("GET", "http://127.0.0.1/b/k", nil)
	res, e := Verify(r, testLookup, time.Now())
	if res != nil || e == nil || !e.Anonymous() || e.Status != 403 || e.Code != "AccessDenied" || e.Message != "Access Denied" {
		t.Fatalf("got %+v %+v", res, e)
	}
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x")
	if _, e := Verify(r, testLookup, time.Now()); e == nil || e.Anonymous() {
		t.Fatalf("a malformed header is not anonymous: %+v", e)
	}
}

// SignatureDoesNotMatch carries the canonical request and string to sign
// that S3 would show, so a client author can diff them.
func TestSignatureMismatchDetails(t *testing.T) {
	r, _ := http.NewRequest("GET", "http://127.0.0.1:9000/b/k?acl", nil)
	r.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	signWith(t, r, testAccessKey, "wrong", emptySHA256, time.Now())
	_, e := Verify(r, testLookup, time.Now())
	if e == nil || e.Code != "SignatureDoesNotMatch" || e.Status != 403 || e.Message != msgSignatureMismatch {
		t.Fatalf("got %+v", e)
	}
	fields := map[string]string{}
	for _, f := range e.Fields {
		fields[f.Name] = f.Value
	}
	wantCanonical := "GET\n/b/k\nacl=\nhost:127.0.0.1:9000\nx-amz-content-sha256:" + emptySHA256 + "\nx-amz-date:" +
		r.Header.Get("X-Amz-Date") + "\n\nhost;x-amz-content-sha256;x-amz-date\n" + emptySHA256
	if fields["CanonicalRequest"] != wantCanonical {
		t.Fatalf("canonical request\n%q\nwant\n%q", fields["CanonicalRequest"], wantCanonical)
	}
	if fields["AWSAccessKeyId"] != testAccessKey || fields["StringToSign"] == "" || fields["CanonicalRequestBytes"][:5] != "47 45" {
		t.Fatalf("fields %+v", fields)
	}
}

// A session token is reported so the server can check it.
func TestSessionTokenReported(t *testing.T) {
	r, _ := http.NewRequest("GET", "http://127.0.0.1/b/k", nil)
	r.Header.Set("X-Amz-Content-Sha256", unsignedPayload)
	creds := testCreds()
	creds.SessionToken = "FwoGZXIvYXdzEXAMPLETOKEN"
	signCreds(t, r, creds, unsignedPayload, "s3", time.Now())
	res, e := Verify(r, testLookup, time.Now())
	if e != nil || res.SessionToken != creds.SessionToken {
		t.Fatalf("got %+v %+v", res, e)
	}
}

func TestCheckRegion(t *testing.T) {
	res := &Result{Region: "us-east-1"}
	if e := CheckRegion(res, "us-east-1"); e != nil {
		t.Fatalf("same region rejected: %v", e)
	}
	e := CheckRegion(res, "eu-west-1")
	if e == nil || e.Status != 400 || e.Code != "AuthorizationHeaderMalformed" ||
		e.Message != "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'" ||
		len(e.Fields) != 1 || e.Fields[0] != (Field{"Region", "eu-west-1"}) {
		t.Fatalf("got %+v", e)
	}
	res.Presigned = true
	if e := CheckRegion(res, "eu-west-1"); e == nil || e.Code != "AuthorizationQueryParametersError" {
		t.Fatalf("presigned: got %+v", e)
	}
}
