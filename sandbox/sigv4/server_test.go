package sigv4

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Demo credentials of the tests; the lookup knows only testAccessKey.
const (
	testAccessKey = "AKIASANDBOXTEST00001"
	testSecretKey = "sandbox/secret+key/for-tests-only0000000"
	testRegion    = "eu-west-1"
)

func testLookup(id string) (string, bool) {
	if id == testAccessKey {
		return testSecretKey, true
	}
	return "", false
}

func testCreds() aws.Credentials {
	return aws.Credentials{AccessKeyID: testAccessKey, SecretAccessKey: testSecretKey}
}

// seen is what the test handler observed about one request.
type seen struct {
	contentSHA256   string // x-amz-content-sha256 as received, before Verify
	checksumCRC32   string // x-amz-checksum-crc32 header as received
	raw             []byte // the body as received, when captureRaw is set
	res             *Result
	verr            *Error
	body            []byte
	contentLength   int64  // r.ContentLength after Verify
	contentEncoding string // Content-Encoding after Verify
	headerLength    string // Content-Length header after Verify
	trailer         http.Header
}

// verifyServer is an httptest server whose handler calls Verify, reads the
// whole body, records what it saw and answers like S3/STS/KMS would.
type verifyServer struct {
	*httptest.Server
	captureRaw bool
	mu         sync.Mutex
	log        []seen
}

func newVerifyServer(t *testing.T, useTLS bool) *verifyServer {
	t.Helper()
	vs := &verifyServer{}
	if useTLS {
		vs.Server = httptest.NewTLSServer(http.HandlerFunc(vs.handle))
	} else {
		vs.Server = httptest.NewServer(http.HandlerFunc(vs.handle))
	}
	t.Cleanup(vs.Close)
	return vs
}

func (vs *verifyServer) handle(w http.ResponseWriter, r *http.Request) {
	s := seen{contentSHA256: r.Header.Get("X-Amz-Content-Sha256"), checksumCRC32: r.Header.Get("X-Amz-Checksum-Crc32")}
	defer func() { vs.mu.Lock(); vs.log = append(vs.log, s); vs.mu.Unlock() }()
	if vs.captureRaw {
		raw, _ := io.ReadAll(r.Body)
		s.raw = raw
		r.Body = io.NopCloser(bytes.NewReader(raw))
	}
	s.res, s.verr = Verify(r, testLookup, time.Now())
	if s.verr != nil {
		writeError(w, s.verr)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		if e, ok := AsError(err); ok {
			s.verr = e
			writeError(w, e)
			return
		}
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.body, s.contentLength = body, r.ContentLength
	s.contentEncoding, s.headerLength = r.Header.Get("Content-Encoding"), r.Header.Get("Content-Length")
	s.trailer = r.Trailer.Clone()
	writeSuccess(w, r, s.res, body)
}

// last returns the most recent observation.
func (vs *verifyServer) last(t *testing.T) seen {
	t.Helper()
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if len(vs.log) == 0 {
		t.Fatal("the server saw no request")
	}
	return vs.log[len(vs.log)-1]
}

func writeError(w http.ResponseWriter, e *Error) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(e.Status)
	fmt.Fprintf(w, "<Error><Code>%s</Code><Message>%s</Message></Error>", e.Code, e.Message)
}

// writeSuccess answers with just enough of each API's response for the SDK
// to parse it; object writes echo the SHA-256 of the decoded body as ETag.
func writeSuccess(w http.ResponseWriter, r *http.Request, res *Result, body []byte) {
	q := r.URL.Query()
	switch {
	case res.Service == "sts":
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>`+
			`<Arn>arn:aws:iam::123456789012:root</Arn><UserId>123456789012</UserId><Account>123456789012</Account>`+
			`</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`)
	case res.Service == "kms":
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		io.WriteString(w, `{"Keys":[],"Truncated":false}`)
	case q.Has("versioning"):
		io.WriteString(w, `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`)
	case q.Has("list-type"):
		io.WriteString(w, `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><KeyCount>0</KeyCount></ListBucketResult>`)
	default:
		sum := sha256.Sum256(body)
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:])+`"`)
	}
}

// signedRequest builds a request to the server, signs it with the SDK's own
// signer for S3 at signTime, and leaves it ready to send.
func signedRequest(t *testing.T, vs *verifyServer, method, path string, body []byte, payloadHash string, signTime time.Time, header http.Header) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, vs.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if err := v4.NewSigner().SignHTTP(context.Background(), testCreds(), req, payloadHash, "s3", testRegion, signTime,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }); err != nil {
		t.Fatal(err)
	}
	return req
}

// reply is the status and S3 error code of a response.
type reply struct {
	status int
	code   string
}

// send performs the request and returns the status and S3 error code.
func send(t *testing.T, vs *verifyServer, req *http.Request) reply {
	t.Helper()
	resp, err := vs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	code := ""
	if i, j := bytes.Index(data, []byte("<Code>")), bytes.Index(data, []byte("</Code>")); i >= 0 && j > i {
		code = string(data[i+6 : j])
	}
	return reply{resp.StatusCode, code}
}

func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// expectCode asserts one outcome of send.
func expectCode(t *testing.T, got reply, wantStatus int, wantCode string) {
	t.Helper()
	if got.status != wantStatus || got.code != wantCode {
		t.Fatalf("got %d %q, want %d %q", got.status, got.code, wantStatus, wantCode)
	}
}

// signWith signs req for S3 with arbitrary key material.
func signWith(t *testing.T, req *http.Request, akid, secret, payloadHash string, at time.Time) {
	t.Helper()
	signCreds(t, req, aws.Credentials{AccessKeyID: akid, SecretAccessKey: secret}, payloadHash, "s3", at)
}

// signCreds signs req with the SDK signer for any service.
func signCreds(t testing.TB, req *http.Request, creds aws.Credentials, payloadHash, service string, at time.Time) {
	t.Helper()
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, payloadHash, service, testRegion, at,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = service == "s3" }); err != nil {
		t.Fatal(err)
	}
}

// bodyOf is a request body holding b.
func bodyOf(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }
