package awsops_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/faultnet"
	"github.com/s3sec/s3sec/sandbox"
)

// testTimeout is the per-attempt timeout of these tests: short, so they
// run fast, yet far above the sandbox's answer time on a loaded machine.
const testTimeout = 300 * time.Millisecond

// guard bounds a call that used to hang, so that a regression fails the
// test with a message instead of reaching the test binary's timeout.
func guard(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// openAt opens a session on url with keys that need not be valid (the
// silent listener never checks them) and the given timeout.
func openAt(t *testing.T, url, keyID, secret string, timeout time.Duration) *awsops.Session {
	t.Helper()
	s, err := awsops.Open(context.Background(), awsops.Options{
		Region: "us-east-1", EndpointURL: url, AccessKeyID: keyID, SecretAccessKey: secret, Timeout: timeout,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// wantTimeout checks that err is a Timeout naming the endpoint and the operation.
func wantTimeout(t *testing.T, err error, endpoint, op string) {
	t.Helper()
	if err == nil {
		t.Fatal("the call succeeded; want a timeout")
	}
	if !awsops.IsTimeout(err) {
		t.Fatalf("error is not a timeout: %v (classified %v)", err, awsops.Classify(err))
	}
	fe := awsops.Classify(err)
	if !strings.Contains(fe.Message, endpoint) || !strings.Contains(fe.Message, op) {
		t.Errorf("message %q does not name %s and %s", fe.Message, endpoint, op)
	}
}

func TestIdentityTimesOutAtASilentEndpoint(t *testing.T) {
	url := faultnet.Silent(t, "")
	sess := openAt(t, url, "AKIDEXAMPLE", "secret", testTimeout)
	_, err := sess.Identity(guard(t))
	wantTimeout(t, err, url, "GetCallerIdentity")
}

func TestListBucketsTimesOutWhenTheBodyStalls(t *testing.T) {
	// The headers arrive, then the XML stops after its first bytes.
	url := faultnet.Silent(t, "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 1000\r\n\r\n<?xml version")
	sess := openAt(t, url, "AKIDEXAMPLE", "secret", testTimeout)
	_, err := sess.Buckets(guard(t))
	wantTimeout(t, err, url, "ListBuckets")
	if !strings.Contains(err.Error(), "stalled") {
		t.Errorf("error = %q, want it to say the answer stalled", err)
	}
}

// stalledSandbox starts a sandbox with one bucket (and one object in it)
// and a proxy in front of it that applies cfg. It returns a session
// through the proxy, and the proxy's URL.
func stalledSandbox(t *testing.T, cfg faultnet.Config, object []byte) (*awsops.Session, string) {
	t.Helper()
	srv, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	root := srv.Root()
	ctx := guard(t)
	env := endpointEnv{url: srv.HTTPURL(), keyID: root.AccessKeyID, secret: root.SecretAccessKey}
	c := env.client(t, "us-east-1")
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("stall-bucket")}); err != nil {
		t.Fatal(err)
	}
	if object != nil {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("stall-bucket"), Key: aws.String("obj"), Body: bytes.NewReader(object)}); err != nil {
			t.Fatal(err)
		}
	}
	proxy := faultnet.Proxy(t, srv.HTTPURL(), cfg)
	return openAt(t, proxy, root.AccessKeyID, root.SecretAccessKey, testTimeout), proxy
}

func TestScanShowsTheTimeoutInTheStalledFacetOnly(t *testing.T) {
	sess, proxy := stalledSandbox(t, faultnet.Config{Rule: func(r *http.Request) faultnet.Fault {
		if r.URL.Query().Has("policy") {
			return faultnet.StallHeaders
		}
		return faultnet.Pass
	}}, nil)
	st := sess.State(guard(t), awsops.Bucket{Name: "stall-bucket", Region: "us-east-1"})
	fe := st.Errors[awsops.FacetPolicy]
	if fe == nil || fe.Code != awsops.CodeTimeout {
		t.Fatalf("policy facet error = %v, want %s", fe, awsops.CodeTimeout)
	}
	if !strings.Contains(fe.Message, proxy) || !strings.Contains(fe.Message, "GetBucketPolicy") {
		t.Errorf("policy facet message = %q", fe.Message)
	}
	if len(st.Errors) != 1 {
		t.Errorf("errors = %v, want the policy facet's only", st.Errors)
	}
	if st.Encryption == nil || st.Versioning == nil || st.Logging == nil || st.PublicAccessBlock == nil {
		t.Errorf("the other facets did not arrive: %+v", st)
	}
}

func TestDownloadFailsWhenTheBodyStalls(t *testing.T) {
	object := make([]byte, 256<<10)
	rand.Read(object)
	sess, proxy := stalledSandbox(t, faultnet.Config{StallAfter: 64 << 10, Rule: func(r *http.Request) faultnet.Fault {
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/obj") {
			return faultnet.StallBody
		}
		return faultnet.Pass
	}}, object)
	var got bytes.Buffer
	_, err := sess.Download(guard(t), awsops.DownloadInput{Bucket: "stall-bucket", Key: "obj"}, &got, nil)
	wantTimeout(t, err, proxy, "GetObject")
	if !strings.Contains(err.Error(), "stalled: no data for 300ms") {
		t.Errorf("error = %q, want it to say the download stalled", err)
	}
	if got.Len() >= len(object) {
		t.Errorf("received %d bytes of %d through a stalled body", got.Len(), len(object))
	}
}

func TestDownloadOfASlowSteadyBodySucceeds(t *testing.T) {
	// 16 chunks, one every 40ms: the transfer takes longer than the timeout,
	// but never waits anywhere near it for a byte.
	object := make([]byte, 32<<10)
	rand.Read(object)
	sess, _ := stalledSandbox(t, faultnet.Config{Chunk: 2 << 10, Pause: 40 * time.Millisecond, Rule: func(r *http.Request) faultnet.Fault {
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/obj") {
			return faultnet.Trickle
		}
		return faultnet.Pass
	}}, object)
	var got bytes.Buffer
	if _, err := sess.Download(guard(t), awsops.DownloadInput{Bucket: "stall-bucket", Key: "obj"}, &got, nil); err != nil {
		t.Fatalf("slow download failed: %v", err)
	}
	if !bytes.Equal(got.Bytes(), object) {
		t.Errorf("received %d bytes, not the object", got.Len())
	}
}

func TestUploadFailsWhenTheResponseNeverComes(t *testing.T) {
	sess, proxy := stalledSandbox(t, faultnet.Config{Rule: func(r *http.Request) faultnet.Fault {
		if r.Method == http.MethodPut {
			return faultnet.StallHeaders
		}
		return faultnet.Pass
	}}, nil)
	_, err := sess.Upload(guard(t), awsops.UploadInput{Bucket: "stall-bucket", Key: "up", Body: strings.NewReader("hello"), Size: 5}, nil)
	wantTimeout(t, err, proxy, "PutObject")
	if errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("the guard's deadline ended the upload, not the session's timeout: %v", err)
	}
}

func TestUploadFailsWhenTheEndpointStopsReading(t *testing.T) {
	// The proxy takes the request headers and then reads nothing: once the
	// socket buffers are full, the upload cannot send another byte.
	sess, proxy := stalledSandbox(t, faultnet.Config{Rule: func(r *http.Request) faultnet.Fault {
		if r.Method == http.MethodPut {
			return faultnet.StallHeaders
		}
		return faultnet.Pass
	}}, nil)
	body := make([]byte, 12<<20) // one PutObject, far more than the buffers hold
	_, err := sess.Upload(guard(t), awsops.UploadInput{Bucket: "stall-bucket", Key: "big", Body: bytes.NewReader(body), Size: int64(len(body))}, nil)
	wantTimeout(t, err, proxy, "PutObject")
	if !strings.Contains(err.Error(), "nothing could be sent for 300ms") {
		t.Errorf("error = %q, want it to say the upload stalled", err)
	}
}
