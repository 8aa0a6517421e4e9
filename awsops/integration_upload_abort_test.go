package awsops_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// multipartTuning makes multipart uploads of a few MiB: 5 MiB parts (S3's minimum).
func multipartTuning(in *awsops.UploadInput) {
	in.MultipartThreshold, in.PartSize, in.Concurrency = 5<<20, 5<<20, 2
}

// pendingUploads counts the bucket's unfinished multipart uploads.
func pendingUploads(t *testing.T, c *s3.Client, bucket string) int {
	t.Helper()
	out, err := c.ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatalf("ListMultipartUploads: %v", err)
	}
	return len(out.Uploads)
}

// tripReader serves data and calls trip once more than after bytes have
// been read; then it either keeps serving or fails with failErr.
type tripReader struct {
	r       io.Reader
	n       int64
	after   int64
	trip    func()
	tripped bool
	failErr error
}

// Read implements io.Reader.
func (t *tripReader) Read(p []byte) (int, error) {
	if t.tripped && t.failErr != nil {
		return 0, t.failErr
	}
	n, err := t.r.Read(p)
	t.n += int64(n)
	if !t.tripped && t.n > t.after {
		t.tripped = true
		t.trip()
	}
	return n, err
}

func TestMultipartProgress(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	data := randomBytes(12<<20 + 1)
	in := awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "progress", Body: bytes.NewReader(data), Size: int64(len(data)), Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records"}
	multipartTuning(&in)
	var seen []awsops.UploadProgress
	res, err := e.sess.Upload(context.Background(), in, func(p awsops.UploadProgress) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	// The first call comes before any part is sent, so the total size is
	// shown from the start; then one call per part.
	if len(seen) != 4 || res.Parts != 3 {
		t.Fatalf("progress calls %+v, result parts %d; want a first call then one per part, 3 parts", seen, res.Parts)
	}
	if seen[0] != (awsops.UploadProgress{Total: int64(len(data))}) {
		t.Fatalf("first progress %+v: want 0 bytes of the total, before any part", seen[0])
	}
	for i, p := range seen[1:] {
		if p.Total != int64(len(data)) || p.Parts != i+1 || p.Bytes <= seen[i].Bytes {
			t.Errorf("progress %d = %+v: want growing bytes, Total %d, Parts %d", i+1, p, len(data), i+1)
		}
	}
	if last := seen[len(seen)-1]; last.Bytes != int64(len(data)) {
		t.Errorf("last progress %+v, want all %d bytes", last, len(data))
	}
}

func TestCancelledUploadLeavesNothing(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	raw := e.env.client(t, e.region)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	data := randomBytes(20 << 20)
	during := -1
	body := &tripReader{r: bytes.NewReader(data), after: 11 << 20, trip: func() {
		during = pendingUploads(t, raw, e.bucket) // the upload exists, with parts in flight
		cancel()
	}}
	in := awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "cancelled", Body: body, Size: int64(len(data)), Mode: awsops.SSEC, SSECKey: randomBytes(32)}
	multipartTuning(&in)
	_, err := e.sess.Upload(ctx, in, nil)
	if !awsops.IsCanceled(err) {
		t.Fatalf("err = %v, want a cancellation", err)
	}
	if during != 1 {
		t.Fatalf("%d uploads in progress when cancelled, want 1: the test did not cancel mid-upload", during)
	}
	if n := pendingUploads(t, raw, e.bucket); n != 0 {
		t.Errorf("%d multipart uploads remain after cancel, want 0 (aborted)", n)
	}
	if _, err := raw.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(e.bucket), Key: aws.String("cancelled")}); err == nil {
		t.Error("a cancelled upload created the object")
	}
}

func TestFailedUploadLeavesNothing(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	raw := e.env.client(t, e.region)
	readErr := errors.New("disk on fire")
	data := randomBytes(20 << 20)
	body := &tripReader{r: bytes.NewReader(data), after: 11 << 20, trip: func() {}, failErr: readErr}
	in := awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "failed", Body: body, Size: int64(len(data))}
	multipartTuning(&in)
	_, err := e.sess.Upload(context.Background(), in, nil)
	if !errors.Is(err, readErr) {
		t.Fatalf("err = %v, want the read error", err)
	}
	if n := pendingUploads(t, raw, e.bucket); n != 0 {
		t.Errorf("%d multipart uploads remain after a failure, want 0 (aborted)", n)
	}
}

func TestUploadOfUnknownLength(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	for name, size := range map[string]int{"small": 1000, "multipart": 11 << 20} {
		t.Run(name, func(t *testing.T) {
			data := randomBytes(size)
			in := awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "pipe/" + name, Body: io.MultiReader(bytes.NewReader(data)), Size: -1}
			multipartTuning(&in)
			res, err := e.sess.Upload(context.Background(), in, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Size != int64(size) {
				t.Errorf("stored %d bytes, want %d", res.Size, size)
			}
			var out bytes.Buffer
			if _, err := e.sess.Download(context.Background(), awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: "pipe/" + name}, &out, nil); err != nil || !bytes.Equal(out.Bytes(), data) {
				t.Errorf("download: %v, %d bytes equal=%v", err, out.Len(), bytes.Equal(out.Bytes(), data))
			}
		})
	}
	// A body longer or shorter than announced is refused rather than
	// stored truncated, in one request or in parts (then aborted).
	for name, tc := range map[string]struct{ size, actual int }{
		"longer":            {10, 100},
		"shorter":           {100, 10},
		"longer multipart":  {11 << 20, 12 << 20},
		"shorter multipart": {12 << 20, 11 << 20},
	} {
		in := awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "liar", Body: bytes.NewReader(make([]byte, tc.actual)), Size: int64(tc.size)}
		multipartTuning(&in)
		if _, err := e.sess.Upload(context.Background(), in, nil); err == nil || !strings.Contains(err.Error(), "announced") {
			t.Errorf("%s: err = %v, want a refusal", name, err)
		}
	}
	raw := e.env.client(t, e.region)
	if _, err := raw.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(e.bucket), Key: aws.String("liar")}); err == nil {
		t.Error("a body of the wrong length was stored")
	}
	if n := pendingUploads(t, raw, e.bucket); n != 0 {
		t.Errorf("%d multipart uploads remain", n)
	}
}
