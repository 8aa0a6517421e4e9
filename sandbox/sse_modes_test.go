package sandbox_test

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// sseCase is one way of writing an object and what S3 must report for it (2.3).
type sseCase struct {
	name    string
	put     func(*s3.PutObjectInput)
	sse     s3types.ServerSideEncryption // "" for SSE-C
	kmsARN  string
	bke     bool
	ssec    *ssecKey
	md5ETag bool
}

// everyMode lists the write modes against a bucket with SSE-C allowed.
func everyMode(t *testing.T, srv *sandbox.Server) []sseCase {
	keyARN := newKey(t, srv, "us-east-1", "alias/modes")
	managed, err := srv.KMS().ResolveKey("us-east-1", "alias/aws/s3")
	if err != nil {
		t.Fatal(err)
	}
	ck := newSSECKey("every mode")
	return []sseCase{
		{name: "bucket default", put: func(*s3.PutObjectInput) {}, sse: s3types.ServerSideEncryptionAes256, md5ETag: true},
		{name: "SSE-S3", put: func(in *s3.PutObjectInput) { in.ServerSideEncryption = s3types.ServerSideEncryptionAes256 },
			sse: s3types.ServerSideEncryptionAes256, md5ETag: true},
		{name: "SSE-KMS", put: func(in *s3.PutObjectInput) {
			in.ServerSideEncryption, in.SSEKMSKeyId = s3types.ServerSideEncryptionAwsKms, aws.String("alias/modes")
		}, sse: s3types.ServerSideEncryptionAwsKms, kmsARN: keyARN},
		{name: "SSE-KMS with bucket key", put: func(in *s3.PutObjectInput) {
			in.ServerSideEncryption, in.SSEKMSKeyId, in.BucketKeyEnabled = s3types.ServerSideEncryptionAwsKms, aws.String(keyARN), aws.Bool(true)
		}, sse: s3types.ServerSideEncryptionAwsKms, kmsARN: keyARN, bke: true},
		{name: "SSE-KMS AWS-managed key", put: func(in *s3.PutObjectInput) { in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKms },
			sse: s3types.ServerSideEncryptionAwsKms, kmsARN: managed},
		{name: "DSSE-KMS", put: func(in *s3.PutObjectInput) {
			in.ServerSideEncryption, in.SSEKMSKeyId = s3types.ServerSideEncryptionAwsKmsDsse, aws.String("alias/modes")
		}, sse: s3types.ServerSideEncryptionAwsKmsDsse, kmsARN: keyARN},
		{name: "SSE-C", put: func(in *s3.PutObjectInput) {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(ck.b64), aws.String(ck.md5)
		}, ssec: &ck},
	}
}

// checkReported asserts the encryption headers of a response (2.3).
func checkReported(t *testing.T, tc sseCase, what string, sse s3types.ServerSideEncryption, kmsID, alg, keyMD5 *string, bke *bool) {
	t.Helper()
	if sse != tc.sse || aws.ToString(kmsID) != tc.kmsARN || aws.ToBool(bke) != tc.bke || (bke != nil && !tc.bke) {
		t.Errorf("%s %s: SSE %q key %q bucket key %v", tc.name, what, sse, aws.ToString(kmsID), bke)
	}
	wantAlg, wantMD5 := "", ""
	if tc.ssec != nil {
		wantAlg, wantMD5 = "AES256", tc.ssec.md5
	}
	if aws.ToString(alg) != wantAlg || aws.ToString(keyMD5) != wantMD5 {
		t.Errorf("%s %s: customer algorithm %q key MD5 %q", tc.name, what, aws.ToString(alg), aws.ToString(keyMD5))
	}
}

func TestEveryModeRoundTripsAndIsEncryptedAtRest(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "modes")
	allowSSEC(t, c, "modes")
	body := bytes.Repeat([]byte("confidential record 0123456789\n"), 700)
	for _, tc := range everyMode(t, srv) {
		in := &s3.PutObjectInput{Bucket: aws.String("modes"), Key: aws.String(tc.name), Body: bytes.NewReader(body)}
		tc.put(in)
		put, err := c.PutObject(ctx, in)
		if err != nil {
			t.Fatalf("%s: PutObject: %v", tc.name, err)
		}
		checkReported(t, tc, "PutObject", put.ServerSideEncryption, put.SSEKMSKeyId, put.SSECustomerAlgorithm, put.SSECustomerKeyMD5, put.BucketKeyEnabled)
		if (aws.ToString(put.ETag) == md5ETag(string(body))) != tc.md5ETag {
			t.Errorf("%s: ETag %s; MD5 expected only for SSE-S3", tc.name, aws.ToString(put.ETag))
		}
		get := &s3.GetObjectInput{Bucket: aws.String("modes"), Key: aws.String(tc.name)}
		head := &s3.HeadObjectInput{Bucket: aws.String("modes"), Key: aws.String(tc.name)}
		if tc.ssec != nil {
			get.SSECustomerAlgorithm, get.SSECustomerKey, get.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(tc.ssec.b64), aws.String(tc.ssec.md5)
			head.SSECustomerAlgorithm, head.SSECustomerKey, head.SSECustomerKeyMD5 = get.SSECustomerAlgorithm, get.SSECustomerKey, get.SSECustomerKeyMD5
		}
		out, err := c.GetObject(ctx, get)
		if err != nil {
			t.Fatalf("%s: GetObject: %v", tc.name, err)
		}
		if got := readAll(t, out.Body); got != string(body) {
			t.Fatalf("%s: GetObject returned %d bytes that differ from the %d written", tc.name, len(got), len(body))
		}
		checkReported(t, tc, "GetObject", out.ServerSideEncryption, out.SSEKMSKeyId, out.SSECustomerAlgorithm, out.SSECustomerKeyMD5, out.BucketKeyEnabled)
		if aws.ToString(out.ETag) != aws.ToString(put.ETag) {
			t.Errorf("%s: GET ETag %s, PUT ETag %s", tc.name, aws.ToString(out.ETag), aws.ToString(put.ETag))
		}
		h, err := c.HeadObject(ctx, head)
		if err != nil {
			t.Fatalf("%s: HeadObject: %v", tc.name, err)
		}
		checkReported(t, tc, "HeadObject", h.ServerSideEncryption, h.SSEKMSKeyId, h.SSECustomerAlgorithm, h.SSECustomerKeyMD5, h.BucketKeyEnabled)
		if aws.ToInt64(h.ContentLength) != int64(len(body)) {
			t.Errorf("%s: HEAD Content-Length %d", tc.name, aws.ToInt64(h.ContentLength))
		}
		assertEncryptedAtRest(t, srv, "modes", tc.name, "", body)
	}
}

func TestRangeGetOfEncryptedObject(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ranges")
	newKey(t, srv, "us-east-1", "alias/ranges")
	body := []byte("0123456789abcdefghijklmnopqrstuvwxyz")
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("ranges"), Key: aws.String("k"), Body: bytes.NewReader(body),
		ServerSideEncryption: s3types.ServerSideEncryptionAwsKmsDsse, SSEKMSKeyId: aws.String("alias/ranges")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("ranges"), Key: aws.String("k"), Range: aws.String("bytes=10-15")})
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, out.Body); got != "abcdef" || aws.ToString(out.ContentRange) != "bytes 10-15/36" {
		t.Fatalf("range %q %s", got, aws.ToString(out.ContentRange))
	}
}

func TestKMSHeadersAndEncryptionContext(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ctx")
	newKey(t, srv, "us-east-1", "alias/ctx")
	encCtx := base64.StdEncoding.EncodeToString([]byte(`{"project":"falcon"}`))
	res := do(t, srv, clientOpts{}, http.MethodPut, "/ctx/k", []byte("context bound"), http.Header{
		"X-Amz-Server-Side-Encryption":                {"aws:kms"},
		"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id": {"alias/ctx"},
		"X-Amz-Server-Side-Encryption-Context":        {encCtx},
	})
	if res.Status != http.StatusOK || res.Header.Get("X-Amz-Server-Side-Encryption-Context") != encCtx {
		t.Fatalf("PUT with context: %d %v %s", res.Status, res.Header, res.Body)
	}
	if res.Header.Get("X-Amz-Server-Side-Encryption-Bucket-Key-Enabled") != "" {
		t.Fatalf("bucket-key header sent although false: %v", res.Header)
	}
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		got := do(t, srv, clientOpts{}, method, "/ctx/k", nil, nil)
		if got.Status != http.StatusOK || got.Header.Get("X-Amz-Server-Side-Encryption-Context") != "" ||
			got.Header.Get("X-Amz-Server-Side-Encryption") != "aws:kms" {
			t.Fatalf("%s: %d %v", method, got.Status, got.Header)
		}
		if method == http.MethodGet && got.Body != "context bound" {
			t.Fatalf("GET body %q", got.Body)
		}
	}
	// SSE headers on a read are refused (2.2).
	got := do(t, srv, clientOpts{}, http.MethodGet, "/ctx/k", nil, http.Header{"X-Amz-Server-Side-Encryption": {"aws:kms"}})
	if got.Status != http.StatusBadRequest || !bytes.Contains([]byte(got.Body), []byte("<Code>InvalidArgument</Code>")) {
		t.Fatalf("SSE header on GET: %d %s", got.Status, got.Body)
	}
	// A context that is not base64 JSON of strings is refused.
	for _, bad := range []string{"not base64!", base64.StdEncoding.EncodeToString([]byte(`{"n":1}`))} {
		got := do(t, srv, clientOpts{}, http.MethodPut, "/ctx/bad", []byte("x"), http.Header{
			"X-Amz-Server-Side-Encryption": {"aws:kms"}, "X-Amz-Server-Side-Encryption-Context": {bad},
		})
		if got.Status != http.StatusBadRequest || !bytes.Contains([]byte(got.Body), []byte("shall be Base64-encoded UTF-8 string holding JSON")) {
			t.Fatalf("bad context %q: %d %s", bad, got.Status, got.Body)
		}
	}
}

func TestIdenticalKMSUploadsGetDifferentETags(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "etags")
	etag := func() string {
		out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("etags"), Key: aws.String("k"),
			Body: bytes.NewReader([]byte("same bytes")), ServerSideEncryption: s3types.ServerSideEncryptionAwsKms})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.ETag)
	}
	a, b := etag(), etag()
	if a == b || a == md5ETag("same bytes") || len(a) != 34 {
		t.Fatalf("ETags %s %s: want two distinct quoted 32-hex values, not the MD5", a, b)
	}
}

func TestBucketDefaultKMSAndRequestOverrides(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "defaults")
	keyARN := newKey(t, srv, "us-east-1", "alias/defaults")
	// The default names the key by bare id: objects still report the full ARN (2.1).
	keyID := keyARN[len(keyARN)-36:]
	setDefaultKMS(t, c, "defaults", "aws:kms", keyID, true)
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("defaults"), Key: aws.String("a"), Body: bytes.NewReader([]byte("a"))})
	if err != nil {
		t.Fatal(err)
	}
	if put.ServerSideEncryption != s3types.ServerSideEncryptionAwsKms || aws.ToString(put.SSEKMSKeyId) != keyARN || !aws.ToBool(put.BucketKeyEnabled) {
		t.Fatalf("default SSE-KMS with bucket key: %s %s %v", put.ServerSideEncryption, aws.ToString(put.SSEKMSKeyId), put.BucketKeyEnabled)
	}
	// An explicit bucket-key header overrides the default for that object only.
	put, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("defaults"), Key: aws.String("b"), Body: bytes.NewReader([]byte("b")),
		ServerSideEncryption: s3types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String(keyID), BucketKeyEnabled: aws.Bool(false)})
	if err != nil || put.BucketKeyEnabled != nil {
		t.Fatalf("bucket key overridden off: %v %v", err, put.BucketKeyEnabled)
	}
	// An explicit AES256 wins over the KMS default.
	put, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("defaults"), Key: aws.String("c"), Body: bytes.NewReader([]byte("c")),
		ServerSideEncryption: s3types.ServerSideEncryptionAes256})
	if err != nil || put.ServerSideEncryption != s3types.ServerSideEncryptionAes256 || put.SSEKMSKeyId != nil || put.BucketKeyEnabled != nil {
		t.Fatalf("explicit AES256: %v %+v", err, put)
	}
	// A key id without aws:kms is refused (2.4).
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("defaults"), Key: aws.String("d"), Body: bytes.NewReader([]byte("d")),
		SSEKMSKeyId: aws.String(keyID)})
	expectError(t, err, 400, "InvalidArgument", "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms")
	// DSSE as default: no bucket key even though the rule enables it.
	setDefaultKMS(t, c, "defaults", "aws:kms:dsse", "alias/defaults", true)
	put, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("defaults"), Key: aws.String("e"), Body: bytes.NewReader([]byte("e"))})
	if err != nil || put.ServerSideEncryption != s3types.ServerSideEncryptionAwsKmsDsse || aws.ToString(put.SSEKMSKeyId) != keyARN || put.BucketKeyEnabled != nil {
		t.Fatalf("DSSE default: %v %+v", err, put)
	}
}
