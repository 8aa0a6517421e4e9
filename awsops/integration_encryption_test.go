package awsops_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

// encEnv is a sandbox with one fresh bucket that allows SSE-C, and a
// session on it over HTTPS.
type encEnv struct {
	env    endpointEnv
	srv    *sandbox.Server
	sess   *awsops.Session
	bucket string
	region string
}

// newEncEnv starts a sandbox (seeded unless the test opts out: its KMS
// then has alias/acme-records in us-east-1) and creates a bucket whose
// encryption rule allows SSE-C, through an EncryptionPlan, so the plan's
// PutBucketEncryption is exercised.
func newEncEnv(t *testing.T, opts sandbox.Options) *encEnv {
	t.Helper()
	env, srv := sandboxEnv(t, opts)
	e := &encEnv{env: env, srv: srv, sess: env.open(t), bucket: "enc-test", region: "us-east-1"}
	st := stage{t: t, env: env, ctx: context.Background()}
	st.create(suiteBucket{e.bucket, e.region})
	p, err := awsops.EncryptionPlan(awsops.BucketState{Name: e.bucket, Region: e.region},
		awsops.EncryptionChoice{Algorithm: awsops.AlgorithmAES256, BlockSSEC: false})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sess.Apply(context.Background(), p, awsops.MFA{}, nil); err != nil {
		t.Fatalf("allowing SSE-C on %s: %v", e.bucket, err)
	}
	return e
}

// randomBytes returns n random bytes.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// encMode is one way of uploading, for the round-trip tables.
type encMode struct {
	name     string
	in       awsops.UploadInput // encryption fields only
	wantMode awsops.SSEMode     // what S3 reports
	wantBK   bool
	format   clientside.Format
}

// encModes are the upload modes every round trip covers.
func encModes(t *testing.T, ssecKey []byte) []encMode {
	master, err := clientside.NewAESKeyring(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return []encMode{
		{name: "bucket default", in: awsops.UploadInput{}, wantMode: awsops.SSES3},
		{name: "SSE-S3", in: awsops.UploadInput{Mode: awsops.SSES3}, wantMode: awsops.SSES3},
		{name: "SSE-KMS", in: awsops.UploadInput{Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records"}, wantMode: awsops.SSEKMS},
		{name: "SSE-KMS bucket key", in: awsops.UploadInput{Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records", BucketKey: aws.Bool(true)}, wantMode: awsops.SSEKMS, wantBK: true},
		{name: "SSE-KMS aws/s3", in: awsops.UploadInput{Mode: awsops.SSEKMS}, wantMode: awsops.SSEKMS},
		{name: "DSSE-KMS", in: awsops.UploadInput{Mode: awsops.DSSEKMS, KMSKeyID: "alias/acme-records"}, wantMode: awsops.DSSEKMS},
		{name: "SSE-C", in: awsops.UploadInput{Mode: awsops.SSEC, SSECKey: ssecKey}, wantMode: awsops.SSEC},
		{name: "client V2 KMS", in: awsops.UploadInput{Mode: awsops.SSEClient, Keyring: nil /* set per session */, ClientContext: map[string]string{"purpose": "test"}}, wantMode: awsops.SSES3, format: clientside.FormatV2},
		{name: "client V3 AES", in: awsops.UploadInput{Mode: awsops.SSEClient, Keyring: master, ClientFormat: clientside.FormatV3}, wantMode: awsops.SSES3, format: clientside.FormatV3},
	}
}

// withKeyring fills in the KMS keyring of the client V2 mode.
func (m encMode) withKeyring(sess *awsops.Session, region string) encMode {
	if m.in.Mode == awsops.SSEClient && m.in.Keyring == nil {
		m.in.Keyring = sess.KMSKeyring(region, "alias/acme-records")
	}
	return m
}

// roundTrip uploads data in mode m, downloads it and checks the bytes and
// the encryption S3 reported on the way in, on the way out and on HEAD.
func (e *encEnv) roundTrip(t *testing.T, m encMode, key string, data []byte, tune func(*awsops.UploadInput)) awsops.UploadResult {
	t.Helper()
	ctx := context.Background()
	m = m.withKeyring(e.sess, e.region)
	in := m.in
	in.Bucket, in.Region, in.Key = e.bucket, e.region, key
	in.Body, in.Size = bytes.NewReader(data), int64(len(data))
	if tune != nil {
		tune(&in)
	}
	res, err := e.sess.Upload(ctx, in, nil)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	if res.Mode != m.wantMode || res.BucketKey != m.wantBK || res.ClientFormat != m.format {
		t.Errorf("upload reported %s bucketKey=%v format=%v, want %s %v %v", res.Mode, res.BucketKey, res.ClientFormat, m.wantMode, m.wantBK, m.format)
	}
	if m.wantMode == awsops.SSEKMS || m.wantMode == awsops.DSSEKMS {
		if !strings.HasPrefix(res.KMSKeyARN, "arn:aws:kms:"+e.region+":") {
			t.Errorf("upload reported key %q, want a key ARN", res.KMSKeyARN)
		}
	}
	var out bytes.Buffer
	dl, err := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: key, SSECKey: in.SSECKey, Keyring: in.Keyring}, &out, nil)
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Fatalf("downloaded %d bytes differ from the %d uploaded", out.Len(), len(data))
	}
	if dl.Mode != m.wantMode || dl.ClientFormat != m.format || dl.KMSKeyARN != res.KMSKeyARN || dl.Size != int64(len(data)) {
		t.Errorf("download reported %+v, upload %+v", dl, res)
	}
	head := e.sess.HeadObjects(ctx, e.bucket, e.region, []awsops.ObjectRef{{Key: key}})[0]
	if head.Err != nil || head.Mode != m.wantMode || head.BucketKey != m.wantBK || head.ClientFormat != m.format || head.KMSKeyARN != res.KMSKeyARN {
		t.Errorf("HeadObjects = %+v, want mode %s bucketKey=%v format %v key %q", head, m.wantMode, m.wantBK, m.format, res.KMSKeyARN)
	}
	return res
}

func TestUploadDownloadEveryModeSandbox(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ssecKey := randomBytes(32)
	data := randomBytes(100<<10 + 7)
	for _, m := range encModes(t, ssecKey) {
		t.Run(m.name, func(t *testing.T) {
			e.roundTrip(t, m, "single/"+m.name, data, nil)
		})
	}
}

func TestMultipartEveryModeSandbox(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ssecKey := randomBytes(32)
	data := randomBytes(11<<20 + 123) // three parts of 5 MiB, the last short
	for _, m := range encModes(t, ssecKey) {
		if !slices.Contains([]string{"bucket default", "SSE-KMS bucket key", "DSSE-KMS", "SSE-C", "client V2 KMS"}, m.name) {
			continue // the single-part test covers the rest; multipart adds only the part path
		}
		t.Run(m.name, func(t *testing.T) {
			res := e.roundTrip(t, m, "multi/"+m.name, data, func(in *awsops.UploadInput) {
				in.MultipartThreshold, in.PartSize, in.Concurrency = 5<<20, 5<<20, 2
			})
			if res.Parts != 3 || !strings.HasSuffix(strings.Trim(res.ETag, `"`), "-3") {
				t.Errorf("parts = %d, ETag %s; want 3 parts and a multipart ETag", res.Parts, res.ETag)
			}
		})
	}
}

func TestUploadRefusesBadInputBeforeSending(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	watch := &watchTransport{}
	root := e.srv.Root()
	sess, err := awsops.Open(context.Background(), awsops.Options{Region: e.region, EndpointURL: e.srv.HTTPSURL(),
		AccessKeyID: root.AccessKeyID, SecretAccessKey: root.SecretAccessKey, HTTPClient: &http.Client{Transport: watch}})
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]awsops.UploadInput{
		"SSE-C short key":      {Mode: awsops.SSEC, SSECKey: make([]byte, 16)},
		"key with SSE-S3":      {Mode: awsops.SSES3, KMSKeyID: "alias/acme-records"},
		"client without key":   {Mode: awsops.SSEClient},
		"DSSE with bucket key": {Mode: awsops.DSSEKMS, BucketKey: aws.Bool(true)},
		"client with key id":   {Mode: awsops.SSEClient, KMSKeyID: "alias/acme-records"},
		"SSE-C key with KMS":   {Mode: awsops.SSEKMS, SSECKey: make([]byte, 32)},
		"small parts":          {PartSize: 1 << 20},
	} {
		in.Bucket, in.Key, in.Body, in.Size = e.bucket, "never", strings.NewReader("x"), 1
		if _, err := sess.Upload(context.Background(), in, nil); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if watch.requests != 0 {
		t.Errorf("%d requests sent for refused uploads, want none", watch.requests)
	}
}
