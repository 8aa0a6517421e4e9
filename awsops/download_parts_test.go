package awsops_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

// testPartSize keeps the part tests small: 64 KiB parts, the minimum.
const testPartSize = 64 << 10

// TestParallelDownloadEqualsSingleStream uploads an object of a little over
// five parts in each mode, then reads it with concurrent ranged GETs and
// with one plain GET: both must give the uploaded bytes, and the parallel
// read must really have used one GET per part. Client-side objects are
// read both into a discardable file (decrypted as parts arrive) and into a
// plain writer (held until authenticated).
func TestParallelDownloadEqualsSingleStream(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	ssecKey := randomBytes(32)
	data := randomBytes(5*testPartSize + 1234)
	master, _ := clientside.NewAESKeyring(bytes.Repeat([]byte{5}, 32))
	modes := []struct {
		name string
		up   awsops.UploadInput
		down awsops.DownloadInput
	}{
		{"SSE-S3", awsops.UploadInput{Mode: awsops.SSES3}, awsops.DownloadInput{}},
		{"SSE-KMS", awsops.UploadInput{Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records"}, awsops.DownloadInput{}},
		{"SSE-C", awsops.UploadInput{Mode: awsops.SSEC, SSECKey: ssecKey}, awsops.DownloadInput{SSECKey: ssecKey}},
		{"client V2 KMS", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: e.sess.KMSKeyring(e.region, "alias/acme-records")},
			awsops.DownloadInput{Keyring: e.sess.KMSKeyring(e.region, "")}},
		{"client V3 AES", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: master, ClientFormat: clientside.FormatV3},
			awsops.DownloadInput{Keyring: master}},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			up := m.up
			up.Bucket, up.Region, up.Key, up.Body, up.Size = e.bucket, e.region, "parts/"+m.name, bytes.NewReader(data), int64(len(data))
			if _, err := e.sess.Upload(ctx, up, nil); err != nil {
				t.Fatal(err)
			}
			stored := int64(len(data))
			if m.up.Mode == awsops.SSEClient {
				stored += 16 // the GCM tag
			}
			wantParts := int((stored + testPartSize - 1) / testPartSize)
			for _, c := range []struct {
				name         string
				concurrency  int
				discards     bool
				wantRequests int
			}{
				{"parallel", 3, true, wantParts},
				{"parallel, held", 3, false, wantParts},
				{"single stream", 1, true, 1},
			} {
				in := m.down
				in.Bucket, in.Region, in.Key = e.bucket, e.region, up.Key
				in.PartSize, in.Concurrency, in.DiscardsOnError = testPartSize, c.concurrency, c.discards
				var out bytes.Buffer
				var last awsops.DownloadProgress
				res, err := e.sess.Download(ctx, in, &out, func(p awsops.DownloadProgress) { last = p })
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if !bytes.Equal(out.Bytes(), data) || res.Size != int64(len(data)) {
					t.Errorf("%s: got %d bytes (result says %d), equal=%v", c.name, out.Len(), res.Size, bytes.Equal(out.Bytes(), data))
				}
				if res.Requests != c.wantRequests {
					t.Errorf("%s: %d GETs, want %d", c.name, res.Requests, c.wantRequests)
				}
				if last.Bytes != stored || last.Total != stored {
					t.Errorf("%s: last progress %+v, want %d of %d", c.name, last, stored, stored)
				}
				if last.Held != (m.up.Mode == awsops.SSEClient && !c.discards) {
					t.Errorf("%s: progress Held=%v", c.name, last.Held)
				}
			}
			if m.up.Mode == awsops.SSEClient {
				// Refused before the body is read: the other parts are never asked for.
				in := awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: up.Key, PartSize: testPartSize}
				res, err := e.sess.Download(ctx, in, &bytes.Buffer{}, nil)
				if !errors.Is(err, awsops.ErrKeyringRequired) || res.Requests != 1 {
					t.Errorf("without a keyring: err %v, %d GETs; want ErrKeyringRequired after 1", err, res.Requests)
				}
			}
		})
	}
}

// TestParallelDownloadEdgeSizes: an empty object (which answers 416 to any
// range), one of exactly one part and one a byte over.
func TestParallelDownloadEdgeSizes(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{})
	ctx := context.Background()
	for _, tc := range []struct {
		size, requests int
	}{{0, 1}, {testPartSize, 1}, {testPartSize + 1, 2}} {
		data := randomBytes(tc.size)
		key := "edge"
		if _, err := e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: key, Body: bytes.NewReader(data), Size: int64(len(data))}, nil); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		res, err := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: key, PartSize: testPartSize}, &out, nil)
		if err != nil || !bytes.Equal(out.Bytes(), data) || res.Requests != tc.requests {
			t.Errorf("%d bytes: err %v, got %d bytes, %d GETs (want %d)", tc.size, err, out.Len(), res.Requests, tc.requests)
		}
	}
}

// TestParallelDownloadRefusesAnObjectReplacedMidway replaces the object
// while its first part is being read. With two buffers, the fourth part
// cannot start before the first has been consumed, so at least that part
// is asked for after the replacement: If-Match must refuse it rather than
// splice two objects together.
func TestParallelDownloadRefusesAnObjectReplacedMidway(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{})
	ctx := context.Background()
	raw := e.env.client(t, e.region)
	put := func(data []byte) {
		t.Helper()
		if _, err := raw.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(e.bucket), Key: aws.String("moving"), Body: bytes.NewReader(data)}); err != nil {
			t.Fatal(err)
		}
	}
	put(randomBytes(4 * testPartSize))
	replaced := false
	var out bytes.Buffer
	_, err := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: "moving", PartSize: testPartSize, Concurrency: 2},
		&out, func(awsops.DownloadProgress) {
			if !replaced {
				replaced = true
				put(randomBytes(4 * testPartSize))
			}
		})
	if !errors.Is(err, awsops.ErrObjectChanged) {
		t.Fatalf("err = %v, want ErrObjectChanged", err)
	}
	t.Logf("refused: %v", err)
}

// TestParallelDownloadCancelledMidway cancels after the first bytes: the
// download stops with a cancellation, not a success or a hang.
func TestParallelDownloadCancelledMidway(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{})
	data := randomBytes(6 * testPartSize)
	if _, err := e.sess.Upload(context.Background(), awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "big", Body: bytes.NewReader(data), Size: int64(len(data))}, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	_, err := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: "big", PartSize: testPartSize, Concurrency: 2},
		&out, func(p awsops.DownloadProgress) {
			if p.Bytes > testPartSize {
				cancel()
			}
		})
	if err == nil || awsops.Classify(err).Code != awsops.CodeRequestCanceled {
		t.Fatalf("err = %v, want a cancellation", err)
	}
	t.Logf("stopped: %v", err)
	if out.Len() >= len(data) {
		t.Errorf("the whole object was written despite the cancellation")
	}
}

// TestParallelDownloadMoto reads objects of several parts from moto_server
// (an independent S3 emulator) with ranged GETs and with one plain GET, for
// SSE-S3, SSE-KMS and a client-side object, and replaces one midway. moto
// speaks plain HTTP, so SSE-C (HTTPS only) is covered by the sandbox test.
func TestParallelDownloadMoto(t *testing.T) {
	env := motoEnv(t)
	ctx := context.Background()
	sess := env.open(t)
	raw := env.client(t, "us-east-1")
	const bucket = "parts-moto"
	if _, err := raw.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	motoKMSKey(t, env, "alias/moto-parts")
	master, _ := clientside.NewAESKeyring(bytes.Repeat([]byte{6}, 32))
	data := randomBytes(5*testPartSize + 77)
	for _, m := range []struct {
		name string
		up   awsops.UploadInput
	}{
		{"SSE-S3", awsops.UploadInput{Mode: awsops.SSES3}},
		{"SSE-KMS", awsops.UploadInput{Mode: awsops.SSEKMS, KMSKeyID: "alias/moto-parts"}},
		{"client V3", awsops.UploadInput{Mode: awsops.SSEClient, Keyring: master, ClientFormat: clientside.FormatV3}},
	} {
		up := m.up
		up.Bucket, up.Region, up.Key, up.Body, up.Size = bucket, "us-east-1", m.name, bytes.NewReader(data), int64(len(data))
		if _, err := sess.Upload(ctx, up, nil); err != nil {
			t.Fatalf("%s: upload: %v", m.name, err)
		}
		for _, concurrency := range []int{3, 1} {
			var out bytes.Buffer
			in := awsops.DownloadInput{Bucket: bucket, Region: "us-east-1", Key: m.name, Keyring: master, DiscardsOnError: true,
				PartSize: testPartSize, Concurrency: concurrency}
			res, err := sess.Download(ctx, in, &out, nil)
			if err != nil || !bytes.Equal(out.Bytes(), data) {
				t.Fatalf("%s, concurrency %d: %v (equal=%v)", m.name, concurrency, err, bytes.Equal(out.Bytes(), data))
			}
			if concurrency > 1 && res.Requests < 6 {
				t.Errorf("%s: %d GETs, want one per part", m.name, res.Requests)
			}
		}
	}

	put := func(body []byte) {
		t.Helper()
		if _, err := raw.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("moving"), Body: bytes.NewReader(body)}); err != nil {
			t.Fatal(err)
		}
	}
	put(randomBytes(4 * testPartSize))
	replaced := false
	_, err := sess.Download(ctx, awsops.DownloadInput{Bucket: bucket, Region: "us-east-1", Key: "moving", PartSize: testPartSize, Concurrency: 2},
		&bytes.Buffer{}, func(awsops.DownloadProgress) {
			if !replaced {
				replaced = true
				put(randomBytes(4 * testPartSize))
			}
		})
	if !errors.Is(err, awsops.ErrObjectChanged) {
		t.Errorf("object replaced midway: err = %v, want ErrObjectChanged", err)
	}
}
