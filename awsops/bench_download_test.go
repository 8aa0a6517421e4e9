package awsops_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

// benchDownloadSize is the object every download benchmark reads: eight
// parts of the default size.
const benchDownloadSize = 64 << 20

// BenchmarkDownload reads a 64 MiB object in each mode with the default
// settings (8 MiB ranged GETs, 4 in flight), to io.Discard; "single" is
// one plain GET. Client-side objects are decrypted as parts arrive into a
// discardable writer (as cp and the console do), or held until
// authenticated (as for stdout: the ciphertext is spooled to $TMPDIR).
// Client and sandbox run in this process on loopback HTTPS, so the sandbox's
// own work (it decrypts what it serves) is in the figures; compare the modes
// with each other.
func BenchmarkDownload(b *testing.B) {
	sess, _, bucket := benchEnv(b)
	data := randomBytes(benchDownloadSize)
	ssecKey := randomBytes(32)
	master, _ := clientside.NewAESKeyring(bytes.Repeat([]byte{3}, 32))
	kmsRing := sess.KMSKeyring("us-east-1", "alias/acme-records")
	modes := []struct {
		name string
		up   awsops.UploadInput
		down awsops.DownloadInput
	}{
		{"SSE-S3", awsops.UploadInput{Mode: awsops.SSES3}, awsops.DownloadInput{}},
		{"SSE-S3 single", awsops.UploadInput{Mode: awsops.SSES3}, awsops.DownloadInput{Concurrency: 1}},
		{"SSE-KMS", awsops.UploadInput{Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records"}, awsops.DownloadInput{}},
		{"SSE-C", awsops.UploadInput{Mode: awsops.SSEC, SSECKey: ssecKey}, awsops.DownloadInput{SSECKey: ssecKey}},
		{"client AES", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: master}, awsops.DownloadInput{Keyring: master, DiscardsOnError: true}},
		{"client AES single", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: master}, awsops.DownloadInput{Keyring: master, DiscardsOnError: true, Concurrency: 1}},
		{"client KMS", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: kmsRing}, awsops.DownloadInput{Keyring: kmsRing, DiscardsOnError: true}},
		{"client AES held", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: master}, awsops.DownloadInput{Keyring: master}},
	}
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			ctx := context.Background()
			up := m.up
			up.Bucket, up.Region, up.Key, up.Body, up.Size = bucket, "us-east-1", "bench-download", bytes.NewReader(data), int64(len(data))
			if _, err := sess.Upload(ctx, up, nil); err != nil {
				b.Fatal(err)
			}
			in := m.down
			in.Bucket, in.Region, in.Key = bucket, "us-east-1", "bench-download"
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				res, err := sess.Download(ctx, in, io.Discard, nil)
				if err != nil || res.Size != int64(len(data)) {
					b.Fatalf("%v, %d bytes", err, res.Size)
				}
			}
		})
	}
}

// BenchmarkDownloadLatency compares parallel ranged GETs with one plain
// GET against a sandbox that answers every request after 20 ms, for a
// 64 MiB SSE-S3 object and for a client-side one.
func BenchmarkDownloadLatency(b *testing.B) {
	const latency = 20 * time.Millisecond
	srv, err := sandbox.Start(sandbox.Options{Latency: latency})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	root := srv.Root()
	env := endpointEnv{name: "sandbox", url: srv.HTTPSURL(), caFile: srv.CAFile(), keyID: root.AccessKeyID, secret: root.SecretAccessKey}
	sess := env.open(b)
	ctx := context.Background()
	const bucket = "bench-latency"
	if _, err := env.client(b, "us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket),
		CreateBucketConfiguration: &types.CreateBucketConfiguration{}}); err != nil {
		b.Fatal(err)
	}
	data := randomBytes(benchDownloadSize)
	master, _ := clientside.NewAESKeyring(bytes.Repeat([]byte{3}, 32))
	for _, kind := range []struct {
		name string
		up   awsops.UploadInput
		down awsops.DownloadInput
	}{
		{"SSE-S3", awsops.UploadInput{Mode: awsops.SSES3}, awsops.DownloadInput{}},
		{"client AES", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: master}, awsops.DownloadInput{Keyring: master, DiscardsOnError: true}},
	} {
		up := kind.up
		up.Bucket, up.Region, up.Key, up.Body, up.Size = bucket, "us-east-1", kind.name, bytes.NewReader(data), int64(len(data))
		if _, err := sess.Upload(ctx, up, nil); err != nil {
			b.Fatal(err)
		}
		for _, concurrency := range []int{1, 4, 8} {
			b.Run(fmt.Sprintf("%s/concurrency=%d", kind.name, concurrency), func(b *testing.B) {
				in := kind.down
				in.Bucket, in.Region, in.Key, in.Concurrency = bucket, "us-east-1", kind.name, concurrency
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if _, err := sess.Download(ctx, in, io.Discard, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
