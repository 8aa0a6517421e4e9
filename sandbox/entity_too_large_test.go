package sandbox_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/sandbox"
)

// TestEntityTooLargeAtTheConfiguredLimit lowers the size limit
// (Options.MaxObjectSize) to test each operation at its edge.
func TestEntityTooLargeAtTheConfiguredLimit(t *testing.T) {
	const limit = 6 * segment
	srv := start(t, sandbox.Options{MaxObjectSize: limit})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "limits")

	put := func(key string, n int) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("limits"), Key: aws.String(key), Body: bytes.NewReader(pseudoRandom(n, 1))})
		return err
	}
	if err := put("at-limit", limit); err != nil {
		t.Fatalf("PutObject of exactly the limit: %v", err)
	}
	// Over the limit the sandbox answers from the declared length without
	// reading the body; the request goes on a raw connection whose answer is
	// read while the body is still being written, as an SDK client waiting
	// for "100 Continue" would get it (the SDK's own client over this test
	// transport races the answer with its write and may see a reset).
	status, body := rawPut(t, srv, "/limits/over", limit+1)
	if status != 400 || !strings.Contains(body, "<Code>EntityTooLarge</Code>") ||
		!strings.Contains(body, "<Message>Your proposed upload exceeds the maximum allowed size</Message>") {
		t.Fatalf("PutObject over the limit: %d %s", status, body)
	}
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("limits"), Key: aws.String("over")}); err == nil {
		t.Fatal("the refused object exists")
	}

	up, _ := startMPU(t, c, "limits", "parts", nil, nil)
	if status, body := rawPut(t, srv, "/limits/parts?partNumber=1&uploadId="+url.QueryEscape(up.id), limit+1); status != 400 || !strings.Contains(body, "<Code>EntityTooLarge</Code>") {
		t.Fatalf("UploadPart over the limit: %d %s", status, body)
	}
	if _, err := up.upload(1, pseudoRandom(5*segment, 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := up.upload(2, pseudoRandom(segment+1, 4)); err != nil {
		t.Fatal(err)
	}
	_, err := up.complete(nil)
	expectError(t, err, 400, "EntityTooLarge", "")
}

// TestEntityTooLargeOverFiveGiB sends a PutObject that declares one byte over
// S3's 5 GiB limit on a raw connection: the answer comes from the declared
// length, after the sandbox has read at most its 256 KiB drain.
func TestEntityTooLargeOverFiveGiB(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "huge")
	status, body := rawPut(t, srv, "/huge/k", 5<<30+1)
	if status != 400 || !strings.Contains(body, "<Code>EntityTooLarge</Code>") ||
		!strings.Contains(body, "<MaxSizeAllowed>5368709120</MaxSizeAllowed>") ||
		!strings.Contains(body, "<ProposedSize>5368709121</ProposedSize>") {
		t.Fatalf("answer %d %s", status, body)
	}
}

// rawPut sends a signed PUT of declared zero bytes (unsigned payload) as
// root over plain HTTP on a raw connection, writing the body in the
// background while it reads the answer, which it returns.
func rawPut(t *testing.T, srv *sandbox.Server, path string, declared int64) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, srv.HTTPURL()+path, io.LimitReader(zeros{}, declared))
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = declared
	req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	root := srv.Root()
	creds := aws.Credentials{AccessKeyID: root.AccessKeyID, SecretAccessKey: root.SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.HTTPURL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	go func() { _ = req.Write(conn) }() // stops when the connection closes
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
