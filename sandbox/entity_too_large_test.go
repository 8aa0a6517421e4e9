package sandbox_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
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
	expectError(t, put("over", limit+1), 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("limits"), Key: aws.String("over")}); err == nil {
		t.Fatal("the refused object exists")
	}

	up, _ := startMPU(t, c, "limits", "parts", nil, nil)
	_, err := up.upload(1, pseudoRandom(limit+1, 2))
	expectError(t, err, 400, "EntityTooLarge", "")
	if _, err := up.upload(1, pseudoRandom(5*segment, 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := up.upload(2, pseudoRandom(segment+1, 4)); err != nil {
		t.Fatal(err)
	}
	_, err = up.complete(nil)
	expectError(t, err, 400, "EntityTooLarge", "")
}

// TestEntityTooLargeOverFiveGiB sends a PutObject that declares one byte over
// S3's 5 GiB limit on a raw connection: the answer comes from the declared
// length, after the sandbox has read at most its 256 KiB drain.
func TestEntityTooLargeOverFiveGiB(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "huge")
	const declared = 5<<30 + 1
	req, err := http.NewRequest(http.MethodPut, srv.HTTPURL()+"/huge/k", io.LimitReader(zeros{}, declared))
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
	if resp.StatusCode != 400 || !strings.Contains(string(body), "<Code>EntityTooLarge</Code>") ||
		!strings.Contains(string(body), "<MaxSizeAllowed>5368709120</MaxSizeAllowed>") ||
		!strings.Contains(string(body), "<ProposedSize>5368709121</ProposedSize>") {
		t.Fatalf("answer %d %s", resp.StatusCode, body)
	}
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
