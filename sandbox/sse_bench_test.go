package sandbox_test

import (
	"bytes"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// BenchmarkEncryptedPutGet measures a 1 MiB PutObject + GetObject round trip
// over HTTPS per encryption mode (SSE-KMS with and without bucket key shows
// the cost of the KMS calls).
func BenchmarkEncryptedPutGet(b *testing.B) {
	srv := start(b, sandbox.Options{})
	c := s3Client(b, srv, clientOpts{})
	mustBucket(b, c, "bench")
	allowSSEC(b, c, "bench")
	ck := newSSECKey("bench")
	body := pseudoRandom(1<<20, 9)
	for _, m := range []struct {
		name string
		put  func(*s3.PutObjectInput)
		get  func(*s3.GetObjectInput)
	}{
		{"SSE-S3", func(*s3.PutObjectInput) {}, func(*s3.GetObjectInput) {}},
		{"SSE-KMS", func(in *s3.PutObjectInput) { in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKms }, func(*s3.GetObjectInput) {}},
		{"SSE-KMS-bucket-key", func(in *s3.PutObjectInput) {
			in.ServerSideEncryption, in.BucketKeyEnabled = s3types.ServerSideEncryptionAwsKms, aws.Bool(true)
		}, func(*s3.GetObjectInput) {}},
		{"DSSE-KMS", func(in *s3.PutObjectInput) { in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKmsDsse }, func(*s3.GetObjectInput) {}},
		{"SSE-C", func(in *s3.PutObjectInput) {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(ck.b64), aws.String(ck.md5)
		}, func(in *s3.GetObjectInput) {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(ck.b64), aws.String(ck.md5)
		}},
	} {
		b.Run(m.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				in := &s3.PutObjectInput{Bucket: aws.String("bench"), Key: aws.String(m.name), Body: bytes.NewReader(body)}
				m.put(in)
				if _, err := c.PutObject(ctx, in); err != nil {
					b.Fatal(err)
				}
				get := &s3.GetObjectInput{Bucket: aws.String("bench"), Key: aws.String(m.name)}
				m.get(get)
				out, err := c.GetObject(ctx, get)
				if err != nil {
					b.Fatal(err)
				}
				if len(readAll(b, out.Body)) != len(body) {
					b.Fatal("short read")
				}
			}
		})
	}
}
