package awsops_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

// state reads the bucket's state through awsops.
func (e *encEnv) state(t *testing.T) awsops.BucketState {
	t.Helper()
	return e.sess.State(context.Background(), awsops.Bucket{Name: e.bucket, Region: e.region})
}

func TestEncryptionPlansApplied(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	p, err := awsops.EncryptionPlan(e.state(t), awsops.EncryptionChoice{Algorithm: awsops.AlgorithmKMS, KMSKeyID: "alias/acme-records", BlockSSEC: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	st := e.state(t)
	if enc := st.Encryption; enc == nil || enc.Algorithm != "aws:kms" || enc.KMSKeyID != "alias/acme-records" || enc.BucketKey || !enc.SSECBlocked() {
		t.Fatalf("encryption after the plan = %+v", enc)
	}
	before := e.srv.KMSCalls(e.bucket)

	bk, err := awsops.BucketKeyPlan(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sess.Apply(ctx, bk, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	if enc := e.state(t).Encryption; enc == nil || !enc.BucketKey || enc.KMSKeyID != "alias/acme-records" || !enc.SSECBlocked() {
		t.Fatalf("encryption after BucketKeyPlan = %+v", enc)
	}
	// Uploads that ask for nothing now get the default, with the bucket key.
	for i := range 5 {
		res, err := e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "default/" + string(rune('a'+i)), Body: strings.NewReader("x"), Size: 1}, nil)
		if err != nil || res.Mode != awsops.SSEKMS || !res.BucketKey {
			t.Fatalf("upload under the new default: %+v, %v", res, err)
		}
	}
	after := e.srv.KMSCalls(e.bucket)
	if calls := after.GenerateDataKey - before.GenerateDataKey; calls >= 5 {
		t.Errorf("5 uploads with the bucket key made %d GenerateDataKey calls, want fewer than one per object", calls)
	}
}

func TestReencryptInPlace(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	ssecKey := randomBytes(32)
	master, _ := clientside.NewAESKeyring(bytes.Repeat([]byte{9}, 32))
	objects := map[string]awsops.UploadInput{
		"plain.txt":  {},
		"ssec.bin":   {Mode: awsops.SSEC, SSECKey: ssecKey},
		"client.bin": {Mode: awsops.SSEClient, Keyring: master},
	}
	data := map[string][]byte{}
	for key, in := range objects {
		data[key] = randomBytes(4096)
		in.Bucket, in.Region, in.Key, in.Body, in.Size = e.bucket, e.region, key, bytes.NewReader(data[key]), 4096
		if _, err := e.sess.Upload(ctx, in, nil); err != nil {
			t.Fatal(err)
		}
	}
	st := e.state(t)

	// SSE-S3 and client-side objects to SSE-KMS with a bucket key, one step each.
	refs := []awsops.ObjectRef{{Key: "plain.txt"}, {Key: "client.bin"}}
	p := awsops.ReencryptPlan(st, refs, awsops.ObjectEncryptionChoice{Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records", BucketKey: aws.Bool(true)})
	var done []string
	if err := e.sess.Apply(ctx, p, awsops.MFA{}, func(i int, s awsops.Step, err error) {
		if err == nil {
			done = append(done, s.Title)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if len(done) != 2 {
		t.Errorf("progress reported %q, want one entry per object", done)
	}
	heads := e.sess.HeadObjects(ctx, e.bucket, e.region, refs)
	for _, h := range heads {
		if h.Mode != awsops.SSEKMS || !h.BucketKey || !strings.HasPrefix(h.KMSKeyARN, "arn:aws:kms:us-east-1:") {
			t.Errorf("%s after re-encryption: %+v", h.Key, h)
		}
	}
	if heads[1].ClientFormat != clientside.FormatV2 {
		t.Errorf("the client-side envelope was lost in the copy: %+v", heads[1])
	}

	// The SSE-C object, read with its key, to SSE-S3.
	p = awsops.ReencryptPlan(st, []awsops.ObjectRef{{Key: "ssec.bin"}}, awsops.ObjectEncryptionChoice{Mode: awsops.SSES3, SourceSSECKey: ssecKey})
	if err := e.sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	if h := e.sess.HeadObjects(ctx, e.bucket, e.region, []awsops.ObjectRef{{Key: "ssec.bin"}})[0]; h.Mode != awsops.SSES3 {
		t.Errorf("ssec.bin after re-encryption: %+v", h)
	}
	// Without the source key the copy is refused with a readable error.
	p = awsops.ReencryptPlan(st, []awsops.ObjectRef{{Key: "ssec.bin"}}, awsops.ObjectEncryptionChoice{Mode: awsops.SSEC, SSECKey: ssecKey})
	if err := e.sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatalf("SSE-S3 back to SSE-C: %v", err)
	}
	p = awsops.ReencryptPlan(st, []awsops.ObjectRef{{Key: "ssec.bin"}}, awsops.ObjectEncryptionChoice{Mode: awsops.SSES3})
	if err := e.sess.Apply(ctx, p, awsops.MFA{}, nil); !awsops.IsSSECKeyMissing(err) {
		t.Errorf("copy of an SSE-C object without its key: %v, want IsSSECKeyMissing", err)
	}

	// Every object still reads back byte for byte.
	for key, in := range objects {
		var out bytes.Buffer
		kr := in.Keyring
		if _, err := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: key, SSECKey: in.SSECKey, Keyring: kr}, &out, nil); err != nil || !bytes.Equal(out.Bytes(), data[key]) {
			t.Errorf("%s after re-encryption: %v", key, err)
		}
	}
}
