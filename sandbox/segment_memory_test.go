package sandbox_test

import (
	"bytes"
	"io"
	"runtime"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/sandbox"
)

// allocatedDuring is how many bytes the process allocated while f ran (the
// sandbox runs in-process, so its allocations count).
func allocatedDuring(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestGetAllocatesPerSegmentNotPerObject bounds what GETs of a 64 MiB object
// allocate, sandbox and client together: a 100-byte range and the whole
// object streamed to io.Discard each stay far below the object's size (when
// every GET decrypted the whole object, the range alone cost 64 MiB and more).
func TestGetAllocatesPerSegmentNotPerObject(t *testing.T) {
	const size = 64 << 20
	for _, opts := range []sandbox.Options{{}, {DataDir: t.TempDir()}} {
		srv := start(t, opts)
		c := s3Client(t, srv, clientOpts{})
		mustBucket(t, c, "alloc")
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("alloc"), Key: aws.String("big"),
			Body: bytes.NewReader(pseudoRandom(size, 9))}); err != nil {
			t.Fatal(err)
		}
		get := func(rng *string) int64 {
			out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("alloc"), Key: aws.String("big"), Range: rng})
			if err != nil {
				t.Fatal(err)
			}
			defer out.Body.Close()
			n, err := io.Copy(io.Discard, out.Body)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		get(aws.String("bytes=0-0")) // warm the connection and the buffer pool
		var n int64
		if a := allocatedDuring(func() { n = get(aws.String("bytes=33554400-33554499")) }); n != 100 || a > 8<<20 {
			t.Errorf("data dir %q: a 100-byte range allocated %d bytes (read %d)", opts.DataDir, a, n)
		}
		if a := allocatedDuring(func() { n = get(nil) }); n != size || a > 16<<20 {
			t.Errorf("data dir %q: streaming the whole %d-byte object allocated %d bytes (read %d)", opts.DataDir, size, a, n)
		} else {
			t.Logf("data dir %q: whole 64 MiB GET allocated %d KiB", opts.DataDir, a>>10)
		}
	}
}
