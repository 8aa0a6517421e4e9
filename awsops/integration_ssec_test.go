package awsops_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// watchTransport forwards requests and records them, so a test can prove
// that nothing (or nothing secret) was sent.
type watchTransport struct {
	mu       sync.Mutex
	requests int
	ssec     int // requests carrying an SSE-C key
}

// RoundTrip implements http.RoundTripper.
func (w *watchTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	w.mu.Lock()
	w.requests++
	for name := range r.Header {
		if strings.Contains(strings.ToLower(name), "customer-key") {
			w.ssec++
		}
	}
	w.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func TestSSECOverHTTPRefusedBeforeSending(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	watch := &watchTransport{}
	root := e.srv.Root()
	sess, err := awsops.Open(context.Background(), awsops.Options{
		Region: e.region, EndpointURL: e.srv.HTTPURL(), AccessKeyID: root.AccessKeyID, SecretAccessKey: root.SecretAccessKey,
		HTTPClient: &http.Client{Transport: watch},
	})
	if err != nil {
		t.Fatal(err)
	}
	key := randomBytes(32)
	ctx := context.Background()

	_, upErr := sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "k", Body: strings.NewReader("secret"), Size: 6, Mode: awsops.SSEC, SSECKey: key}, nil)
	_, downErr := sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: "k", SSECKey: key}, &bytes.Buffer{}, nil)
	plan := awsops.ReencryptPlan(awsops.BucketState{Name: e.bucket, Region: e.region}, []awsops.ObjectRef{{Key: "k"}}, awsops.ObjectEncryptionChoice{Mode: awsops.SSEC, SSECKey: key})
	applyErr := sess.Apply(ctx, plan, awsops.MFA{}, nil)
	for name, err := range map[string]error{"Upload": upErr, "Download": downErr, "re-encrypt": applyErr} {
		if !errors.Is(err, awsops.ErrSSECOverHTTP) {
			t.Errorf("%s over HTTP: err = %v, want ErrSSECOverHTTP", name, err)
		}
	}
	if watch.requests != 0 {
		t.Fatalf("%d requests were sent before refusing (%d with an SSE-C key)", watch.requests, watch.ssec)
	}
	// Control: the same session does reach the sandbox for a non-SSE-C upload,
	// so the zero above means "refused", not "transport broken".
	if _, err := sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "plain", Body: strings.NewReader("x"), Size: 1}, nil); err != nil {
		t.Fatalf("plain upload over HTTP: %v", err)
	}
	if watch.requests == 0 || watch.ssec != 0 {
		t.Errorf("control upload: %d requests, %d with an SSE-C key", watch.requests, watch.ssec)
	}
}

func TestSSECWrongAndMissingKey(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	key, other := randomBytes(32), randomBytes(32)
	data := []byte("the launch codes")
	res, err := e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "vault/plan", Body: bytes.NewReader(data), Size: int64(len(data)), Mode: awsops.SSEC, SSECKey: key}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.SSECKeyMD5 != awsops.SSECKeyMD5(key) {
		t.Errorf("S3 echoed key MD5 %q, want %q", res.SSECKeyMD5, awsops.SSECKeyMD5(key))
	}

	var out bytes.Buffer
	_, wrongErr := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: "vault/plan", SSECKey: other}, &out, nil)
	if !awsops.IsSSECKeyWrong(wrongErr) || awsops.IsSSECKeyMissing(wrongErr) {
		t.Errorf("wrong key: err = %v, want IsSSECKeyWrong", wrongErr)
	}
	if fe := awsops.Classify(wrongErr); fe.Code != "AccessDenied" || !strings.Contains(fe.Message, "correct secret key") {
		t.Errorf("wrong key: classified %+v, want S3's AccessDenied message kept", fe)
	}
	_, missingErr := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: "vault/plan"}, &out, nil)
	if !awsops.IsSSECKeyMissing(missingErr) {
		t.Errorf("no key: err = %v, want IsSSECKeyMissing", missingErr)
	}
	if out.Len() != 0 {
		t.Errorf("%d bytes were written despite the refusals", out.Len())
	}
	for _, err := range []error{wrongErr, missingErr} {
		msg := err.Error()
		if strings.Contains(msg, string(key)) || strings.Contains(msg, base64.StdEncoding.EncodeToString(other)) || awsops.ExplainEncryptionError(err) == "" {
			t.Errorf("error %q leaks a key or has no explanation", msg)
		}
	}

	head := e.sess.HeadObjects(ctx, e.bucket, e.region, []awsops.ObjectRef{{Key: "vault/plan"}, {Key: "no-such-key"}})
	if head[0].Mode != awsops.SSEC || head[0].Err != nil {
		t.Errorf("HeadObjects of the SSE-C object = %+v, want SSE-C from the keyless 400", head[0])
	}
	if head[1].Err == nil || head[1].Err.Code != "NotFound" {
		t.Errorf("HeadObjects of a missing key = %+v, want NotFound", head[1])
	}
}

func TestSSECBlockedByBucket(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	p, err := awsops.EncryptionPlan(awsops.BucketState{Name: e.bucket, Region: e.region}, awsops.EncryptionChoice{Algorithm: awsops.AlgorithmAES256, BlockSSEC: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	_, err = e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "k", Body: strings.NewReader("x"), Size: 1, Mode: awsops.SSEC, SSECKey: randomBytes(32)}, nil)
	if !awsops.IsSSECBlocked(err) || !awsops.IsAccessDenied(err) {
		t.Errorf("SSE-C upload to a blocking bucket: err = %v, want AccessDenied IsSSECBlocked", err)
	}
}
