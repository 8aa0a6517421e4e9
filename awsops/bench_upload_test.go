package awsops_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

// benchEnv is a seeded sandbox, a session on it over HTTPS and a bucket
// that allows SSE-C, for the upload benchmarks.
func benchEnv(b *testing.B) (*awsops.Session, *s3.Client, string) {
	b.Helper()
	srv, err := sandbox.Start(sandbox.Options{Seed: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	root := srv.Root()
	env := endpointEnv{name: "sandbox", url: srv.HTTPSURL(), caFile: srv.CAFile(), keyID: root.AccessKeyID, secret: root.SecretAccessKey}
	raw := env.client(b, "us-east-1")
	const bucket = "bench-upload"
	ctx := context.Background()
	if _, err := raw.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		b.Fatal(err)
	}
	_, err = raw.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(bucket),
		ServerSideEncryptionConfiguration: &types.ServerSideEncryptionConfiguration{Rules: []types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &types.ServerSideEncryptionByDefault{SSEAlgorithm: types.ServerSideEncryptionAes256},
			BlockedEncryptionTypes:             &types.BlockedEncryptionTypes{EncryptionType: []types.EncryptionType{types.EncryptionTypeNone}},
		}}}})
	if err != nil {
		b.Fatal(err)
	}
	return env.open(b), raw, bucket
}

// BenchmarkUpload uploads an 8 MiB object (one PutObject) in each mode; the
// MB/s of "bucket default" is the plain baseline the others compare with.
// Client and server run in this process on loopback HTTPS.
func BenchmarkUpload(b *testing.B) {
	sess, _, bucket := benchEnv(b)
	data := randomBytes(8 << 20)
	master, _ := clientside.NewAESKeyring(bytes.Repeat([]byte{3}, 32))
	modes := []struct {
		name string
		in   awsops.UploadInput
	}{
		{"bucket default", awsops.UploadInput{}},
		{"SSE-S3", awsops.UploadInput{Mode: awsops.SSES3}},
		{"SSE-KMS", awsops.UploadInput{Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records"}},
		{"SSE-KMS bucket key", awsops.UploadInput{Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records", BucketKey: aws.Bool(true)}},
		{"DSSE-KMS", awsops.UploadInput{Mode: awsops.DSSEKMS, KMSKeyID: "alias/acme-records"}},
		{"SSE-C", awsops.UploadInput{Mode: awsops.SSEC, SSECKey: randomBytes(32)}},
		{"client AES", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: master}},
		{"client KMS", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: sess.KMSKeyring("us-east-1", "alias/acme-records")}},
	}
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				in := m.in
				in.Bucket, in.Region, in.Key, in.Body, in.Size = bucket, "us-east-1", "bench", bytes.NewReader(data), int64(len(data))
				if _, err := sess.Upload(context.Background(), in, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUploadLarge uploads 96 MiB to the sandbox with the default
// multipart settings (8 MiB parts, 4 in flight), SSE-KMS with bucket key.
func BenchmarkUploadLarge(b *testing.B) {
	sess, raw, bucket := benchEnv(b)
	data := randomBytes(96 << 20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		in := awsops.UploadInput{Bucket: bucket, Region: "us-east-1", Key: "large", Body: bytes.NewReader(data), Size: int64(len(data)),
			Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records", BucketKey: aws.Bool(true)}
		if _, err := sess.Upload(context.Background(), in, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		// Drop the stored copy so iterations do not pile objects up.
		if _, err := raw.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String("large")}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkUploadLargeMemory measures the client's memory for a 256 MiB
// multipart upload of unknown length (a pipe) with the defaults. The
// endpoint is a sink that discards bodies, so only the client's memory
// counts: peak-heap-MiB is the largest heap growth over the baseline,
// sampled while the upload runs; alloc-MiB/op what one upload allocates.
// The design bound is Concurrency × PartSize (4 × 8 MiB) plus the 16 MiB
// read to tell a small body from a large one, independent of object size.
func BenchmarkUploadLargeMemory(b *testing.B) {
	sink := httptest.NewServer(sinkS3())
	b.Cleanup(sink.Close)
	sess, err := awsops.Open(context.Background(), awsops.Options{Region: "us-east-1", EndpointURL: sink.URL, AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"})
	if err != nil {
		b.Fatal(err)
	}
	const size = 256 << 20
	var peak atomic.Uint64
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		for {
			p := peak.Load()
			if m.HeapInuse <= p || peak.CompareAndSwap(p, m.HeapInuse) {
				return
			}
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, allocs := ms.HeapInuse, ms.TotalAlloc
	b.SetBytes(size)
	for b.Loop() {
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() { // sampling between parts too; a metric, not an assertion
			defer close(done)
			t := time.NewTicker(2 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					sample()
				}
			}
		}()
		in := awsops.UploadInput{Bucket: "sink", Key: "large", Body: io.LimitReader(zeroReader{}, size), Size: -1}
		_, err := sess.Upload(context.Background(), in, func(awsops.UploadProgress) { sample() })
		close(stop)
		<-done
		if err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.TotalAlloc-allocs)/float64(b.N)/(1<<20), "alloc-MiB/op")
	b.ReportMetric(float64(peak.Load()-min(base, peak.Load()))/(1<<20), "peak-heap-MiB")
}

// zeroReader is an endless source of zero bytes.
type zeroReader struct{}

// Read implements io.Reader.
func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// sinkS3 answers just enough of S3 for an upload, discarding every body.
func sinkS3() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		q := r.URL.Query()
		switch {
		case r.Method == http.MethodPost && q.Has("uploads"):
			fmt.Fprint(w, `<InitiateMultipartUploadResult><Bucket>sink</Bucket><Key>large</Key><UploadId>u1</UploadId></InitiateMultipartUploadResult>`)
		case r.Method == http.MethodPost && q.Has("uploadId"):
			fmt.Fprint(w, `<CompleteMultipartUploadResult><ETag>"0-1"</ETag></CompleteMultipartUploadResult>`)
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("ETag", `"0"`)
		}
	})
}
