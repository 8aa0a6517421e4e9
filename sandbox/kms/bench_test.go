package kms_test

import (
	"testing"

	"github.com/s3sec/s3sec/sandbox/kms"
)

// BenchmarkDataKeyRoundTrip measures what one SSE-KMS write and read cost
// S3 in the sandbox: a GenerateDataKey and a Decrypt through the Go API.
func BenchmarkDataKeyRoundTrip(b *testing.B) {
	s := kms.New(kms.Options{})
	arn := s.CreateKey("us-east-1", "bench")
	encCtx := map[string]string{"aws:s3:arn": "arn:aws:s3:::bucket/key"}
	b.ReportAllocs()
	for b.Loop() {
		_, blob, _, err := s.GenerateDataKey("us-east-1", arn, encCtx)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.Decrypt("us-east-1", blob, encCtx); err != nil {
			b.Fatal(err)
		}
	}
}
