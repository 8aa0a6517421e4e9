package sandbox_test

import (
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/s3sec/s3sec/sandbox"
)

// Keys are limited to 1,024 bytes of UTF-8 (not characters): longer ones are
// refused with 400 KeyTooLongError and nothing is stored.
func TestKeyTooLongError(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "keys")
	atLimit := strings.Repeat("é", 512) // 1,024 bytes, 512 characters
	mustPut(t, c, "keys", atLimit, "fits")
	tooLong := atLimit + "x"
	put := func(key string) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("keys"), Key: aws.String(key), Body: strings.NewReader("x")})
		return err
	}
	expectError(t, put(tooLong), 400, "KeyTooLongError", "Your key is too long")
	_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("keys"), Key: aws.String(tooLong), CopySource: aws.String("keys/" + atLimit)})
	expectError(t, err, 400, "KeyTooLongError", "Your key is too long")
	_, err = c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("keys"), Key: aws.String(tooLong)})
	expectError(t, err, 400, "KeyTooLongError", "Your key is too long")
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("keys")})
	if err != nil || len(out.Contents) != 1 || aws.ToString(out.Contents[0].Key) != atLimit {
		t.Fatalf("only the key at the limit is stored: %v %+v", err, out)
	}
}

func TestKeyTooLongErrorCLI(t *testing.T) {
	srv := start(t, sandbox.Options{})
	aws := awsCLI(t, srv)
	if out, err := aws("s3api", "create-bucket", "--bucket", "keys"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	file := t.TempDir() + "/body"
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := aws("s3api", "put-object", "--bucket", "keys", "--key", strings.Repeat("k", 1025), "--body", file)
	if err == nil || !strings.Contains(out, "KeyTooLongError") || !strings.Contains(out, "Your key is too long") {
		t.Fatalf("put-object with a 1,025-byte key: %v\n%s", err, out)
	}
}
