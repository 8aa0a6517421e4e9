package sandbox_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/sandbox"
)

// BenchmarkRangedGet reads a 64 KiB range from the middle of objects of
// growing size (SSE-S3, in memory and in a data directory): with segmented
// sealing the cost per request stays that of one or two segments (a 1 MiB
// decrypt at most), whatever the object's size. Compare the ns/op and B/op
// across sizes (B/op counts the in-process sandbox and the client).
func BenchmarkRangedGet(b *testing.B) {
	b.Run("store=memory", func(b *testing.B) { benchRangedGet(b, sandbox.Options{}) })
	b.Run("store=disk", func(b *testing.B) { benchRangedGet(b, sandbox.Options{DataDir: b.TempDir()}) })
}

// benchRangedGet runs BenchmarkRangedGet on one sandbox.
func benchRangedGet(b *testing.B, opts sandbox.Options) {
	srv := start(b, opts)
	c := s3Client(b, srv, clientOpts{})
	mustBucket(b, c, "rbench")
	const rangeLen = 64 << 10
	for _, size := range []int{1 << 20, 16 << 20, 128 << 20} {
		key := fmt.Sprintf("obj-%dMiB", size>>20)
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("rbench"), Key: aws.String(key),
			Body: bytes.NewReader(pseudoRandom(size, 3))}); err != nil {
			b.Fatal(err)
		}
		from := size/2 - rangeLen/2
		rng := fmt.Sprintf("bytes=%d-%d", from, from+rangeLen-1)
		b.Run(fmt.Sprintf("object=%dMiB", size>>20), func(b *testing.B) {
			b.SetBytes(rangeLen)
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("rbench"), Key: aws.String(key), Range: aws.String(rng)})
				if err != nil {
					b.Fatal(err)
				}
				if n := len(readAll(b, out.Body)); n != rangeLen {
					b.Fatalf("read %d bytes", n)
				}
			}
		})
	}
}
