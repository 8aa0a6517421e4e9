package sandbox_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// pseudoRandom returns n reproducible bytes that do not repeat, so a part
// served from the wrong place would be noticed.
func pseudoRandom(n int, seed byte) []byte {
	r := rand.New(rand.NewChaCha8([32]byte{seed}))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// mpu drives one multipart upload through the SDK.
type mpu struct {
	t      *testing.T
	c      *s3.Client
	bucket string
	key    string
	id     string
	ssec   *ssecKey
	parts  []s3types.CompletedPart
}

// startMPU creates an upload; create may add SSE parameters.
func startMPU(t *testing.T, c *s3.Client, bucket, key string, ssec *ssecKey, create func(*s3.CreateMultipartUploadInput)) (*mpu, *s3.CreateMultipartUploadOutput) {
	t.Helper()
	in := &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key), ContentType: aws.String("application/x-test")}
	if ssec != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(ssec.b64), aws.String(ssec.md5)
	}
	if create != nil {
		create(in)
	}
	out, err := c.CreateMultipartUpload(ctx, in)
	if err != nil {
		t.Fatalf("CreateMultipartUpload %s: %v", key, err)
	}
	return &mpu{t: t, c: c, bucket: bucket, key: key, id: aws.ToString(out.UploadId), ssec: ssec}, out
}

// upload sends one part and remembers it for completion.
func (m *mpu) upload(n int32, data []byte) (*s3.UploadPartOutput, error) {
	in := &s3.UploadPartInput{Bucket: aws.String(m.bucket), Key: aws.String(m.key), UploadId: aws.String(m.id),
		PartNumber: aws.Int32(n), Body: bytes.NewReader(data)}
	if m.ssec != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(m.ssec.b64), aws.String(m.ssec.md5)
	}
	out, err := m.c.UploadPart(ctx, in)
	if err == nil {
		m.parts = append(m.parts, s3types.CompletedPart{PartNumber: aws.Int32(n), ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32})
	}
	return out, err
}

// complete finishes the upload with the given parts (all uploaded ones when nil).
func (m *mpu) complete(parts []s3types.CompletedPart) (*s3.CompleteMultipartUploadOutput, error) {
	if parts == nil {
		parts = m.parts
	}
	return m.c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(m.bucket), Key: aws.String(m.key),
		UploadId: aws.String(m.id), MultipartUpload: &s3types.CompletedMultipartUpload{Parts: parts}})
}

func TestMultipartRoundTripEveryMode(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "mpu")
	allowSSEC(t, c, "mpu")
	keyARN := newKey(t, srv, "us-east-1", "alias/mpu")
	ck := newSSECKey("multipart")
	const mib = 1 << 20
	for i, tc := range []struct {
		name   string
		create func(*s3.CreateMultipartUploadInput)
		ssec   *ssecKey
		sse    s3types.ServerSideEncryption
		kmsARN string
		bke    bool
	}{
		{name: "SSE-S3", sse: s3types.ServerSideEncryptionAes256},
		{name: "SSE-KMS", create: func(in *s3.CreateMultipartUploadInput) {
			in.ServerSideEncryption, in.SSEKMSKeyId = s3types.ServerSideEncryptionAwsKms, aws.String("alias/mpu")
		}, sse: s3types.ServerSideEncryptionAwsKms, kmsARN: keyARN},
		{name: "SSE-KMS with bucket key", create: func(in *s3.CreateMultipartUploadInput) {
			in.ServerSideEncryption, in.SSEKMSKeyId, in.BucketKeyEnabled = s3types.ServerSideEncryptionAwsKms, aws.String("alias/mpu"), aws.Bool(true)
		}, sse: s3types.ServerSideEncryptionAwsKms, kmsARN: keyARN, bke: true},
		{name: "DSSE-KMS", create: func(in *s3.CreateMultipartUploadInput) {
			in.ServerSideEncryption, in.SSEKMSKeyId = s3types.ServerSideEncryptionAwsKmsDsse, aws.String("alias/mpu")
		}, sse: s3types.ServerSideEncryptionAwsKmsDsse, kmsARN: keyARN},
		{name: "SSE-C", ssec: &ck},
	} {
		m, created := startMPU(t, c, "mpu", tc.name, tc.ssec, tc.create)
		if created.ServerSideEncryption != tc.sse || aws.ToString(created.SSEKMSKeyId) != tc.kmsARN || aws.ToBool(created.BucketKeyEnabled) != tc.bke {
			t.Errorf("%s: CreateMultipartUpload reports %s %s %v", tc.name, created.ServerSideEncryption, aws.ToString(created.SSEKMSKeyId), created.BucketKeyEnabled)
		}
		sizes := []int{5 * mib, 5 * mib, 100 << 10}
		var whole []byte
		for n, size := range sizes {
			data := pseudoRandom(size, byte(10*i+n))
			whole = append(whole, data...)
			out, err := m.upload(int32(n+1), data)
			if err != nil {
				t.Fatalf("%s: UploadPart %d: %v", tc.name, n+1, err)
			}
			if out.ServerSideEncryption != tc.sse || aws.ToString(out.SSEKMSKeyId) != tc.kmsARN || aws.ToBool(out.BucketKeyEnabled) != tc.bke ||
				(tc.ssec != nil) != (aws.ToString(out.SSECustomerKeyMD5) == ck.md5) {
				t.Errorf("%s: UploadPart reports %s %s %v %s", tc.name, out.ServerSideEncryption, aws.ToString(out.SSEKMSKeyId), out.BucketKeyEnabled, aws.ToString(out.SSECustomerKeyMD5))
			}
		}
		done, err := m.complete(nil)
		if err != nil {
			t.Fatalf("%s: Complete: %v", tc.name, err)
		}
		if !strings.HasSuffix(aws.ToString(done.ETag), `-3"`) || done.ServerSideEncryption != tc.sse || aws.ToString(done.SSEKMSKeyId) != tc.kmsARN {
			t.Errorf("%s: Complete reports ETag %s, %s %s", tc.name, aws.ToString(done.ETag), done.ServerSideEncryption, aws.ToString(done.SSEKMSKeyId))
		}
		get := &s3.GetObjectInput{Bucket: aws.String("mpu"), Key: aws.String(tc.name)}
		if tc.ssec != nil {
			get.SSECustomerAlgorithm, get.SSECustomerKey, get.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(ck.b64), aws.String(ck.md5)
		}
		out, err := c.GetObject(ctx, get)
		if err != nil {
			t.Fatalf("%s: GetObject: %v", tc.name, err)
		}
		if got := readAll(t, out.Body); got != string(whole) {
			t.Fatalf("%s: downloaded %d bytes differ from the %d uploaded", tc.name, len(got), len(whole))
		}
		if aws.ToString(out.ETag) != aws.ToString(done.ETag) || aws.ToString(out.ContentType) != "application/x-test" {
			t.Errorf("%s: GET ETag %s content type %s", tc.name, aws.ToString(out.ETag), aws.ToString(out.ContentType))
		}
		assertEncryptedAtRest(t, srv, "mpu", tc.name, "", whole)
	}
}

func TestMultipartSSES3ETagIsMD5OfPartMD5s(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "etag")
	m, _ := startMPU(t, c, "etag", "k", nil, nil)
	a, b := pseudoRandom(5<<20, 1), []byte("tail")
	if _, err := m.upload(1, a); err != nil {
		t.Fatal(err)
	}
	if _, err := m.upload(2, b); err != nil {
		t.Fatal(err)
	}
	if got, want := aws.ToString(m.parts[0].ETag), md5ETag(string(a)); got != want {
		t.Fatalf("part ETag %s, want %s", got, want)
	}
	done, err := m.complete(nil)
	if err != nil {
		t.Fatal(err)
	}
	digests := string(md5Raw(a)) + string(md5Raw(b))
	if want := strings.TrimSuffix(md5ETag(digests), `"`) + `-2"`; aws.ToString(done.ETag) != want {
		t.Fatalf("ETag %s, want %s", aws.ToString(done.ETag), want)
	}
}

func TestCompleteMultipartUploadValidation(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "check")
	m, _ := startMPU(t, c, "check", "k", nil, nil)
	for n := int32(1); n <= 3; n++ {
		if _, err := m.upload(n, []byte(fmt.Sprintf("small part %d", n))); err != nil {
			t.Fatal(err)
		}
	}
	p1, p2, p3 := m.parts[0], m.parts[1], m.parts[2]
	_, err := m.complete([]s3types.CompletedPart{p1, p2})
	expectError(t, err, 400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size")
	_, err = m.complete([]s3types.CompletedPart{p2, p1})
	expectError(t, err, 400, "InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.")
	bad := p3
	bad.ETag = aws.String(`"00000000000000000000000000000000"`)
	_, err = m.complete([]s3types.CompletedPart{bad})
	expectError(t, err, 400, "InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
	_, err = m.complete([]s3types.CompletedPart{{PartNumber: aws.Int32(9), ETag: p1.ETag}})
	expectError(t, err, 400, "InvalidPart", "")
	res := do(t, srv, clientOpts{}, http.MethodPost, "/check/k?uploadId="+m.id, []byte("<CompleteMultipartUpload></CompleteMultipartUpload>"), nil)
	expectRawError(t, "empty part list", res, 400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", "", "")
	// The failures left the upload intact: a single (last, hence small) part completes it.
	done, err := m.complete([]s3types.CompletedPart{p3})
	if err != nil || aws.ToString(done.ETag) == "" {
		t.Fatalf("complete after failures: %v", err)
	}
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("check"), Key: aws.String("k")})
	if err != nil || readAll(t, got.Body) != "small part 3" {
		t.Fatalf("object %v", err)
	}
	// A retry with the same list is answered again (TestCompleteMultipartUploadRetried); another list is not.
	_, err = m.complete([]s3types.CompletedPart{{PartNumber: aws.Int32(1), ETag: p1.ETag}})
	expectError(t, err, 404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
	_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("check"), Key: aws.String("k"), UploadId: aws.String(m.id),
		PartNumber: aws.Int32(10001), Body: strings.NewReader("x")})
	expectError(t, err, 400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")
}

func TestAbortLeavesNothing(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "abort")
	m, _ := startMPU(t, c, "abort", "big.bin", nil, nil)
	for n := int32(1); n <= 2; n++ {
		if _, err := m.upload(n, pseudoRandom(1<<20, byte(n))); err != nil {
			t.Fatal(err)
		}
	}
	lp, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("abort"), Key: aws.String("big.bin"), UploadId: aws.String(m.id)})
	if err != nil || len(lp.Parts) != 2 {
		t.Fatalf("ListParts before abort: %v %+v", err, lp)
	}
	if _, err := c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String("abort"), Key: aws.String("big.bin"), UploadId: aws.String(m.id)}); err != nil {
		t.Fatalf("AbortMultipartUpload: %v", err)
	}
	const gone = "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."
	_, err = c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("abort"), Key: aws.String("big.bin"), UploadId: aws.String(m.id)})
	expectError(t, err, 404, "NoSuchUpload", gone)
	_, err = m.upload(3, []byte("late part"))
	expectError(t, err, 404, "NoSuchUpload", gone)
	_, err = m.complete(nil)
	expectError(t, err, 404, "NoSuchUpload", gone)
	_, err = c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String("abort"), Key: aws.String("big.bin"), UploadId: aws.String(m.id)})
	expectError(t, err, 404, "NoSuchUpload", gone)
	ups, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("abort")})
	if err != nil || len(ups.Uploads) != 0 {
		t.Fatalf("uploads after abort: %v %+v", err, ups.Uploads)
	}
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("abort"), Key: aws.String("big.bin")}); asAPIError(t, err).Status != 404 {
		t.Fatalf("object after abort: %v", err)
	}
	if raw := srv.RawObjectBytes("abort", "big.bin", ""); raw != nil {
		t.Fatalf("%d bytes stored after abort", len(raw))
	}
	// The bucket is empty again, so it can be deleted.
	if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("abort")}); err != nil {
		t.Fatalf("DeleteBucket after abort: %v", err)
	}
}

func TestListMultipartUploadsAndParts(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	mustBucket(t, c, "lists")
	var ids []string
	for _, k := range []string{"a/one", "a/two", "b/three", "top"} {
		m, _ := startMPU(t, c, "lists", k, nil, nil)
		ids = append(ids, m.id)
	}
	adminUpload, _ := startMPU(t, admin, "lists", "a/one", nil, nil) // a second upload of the same key
	all, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("lists")})
	if err != nil || len(all.Uploads) != 5 {
		t.Fatalf("ListMultipartUploads: %v %d", err, len(all.Uploads))
	}
	var keys []string
	for _, u := range all.Uploads {
		keys = append(keys, aws.ToString(u.Key))
		if aws.ToString(u.UploadId) == adminUpload.id && aws.ToString(u.Initiator.ID) != srv.Admin().ARN {
			t.Errorf("admin's upload initiator %s", aws.ToString(u.Initiator.ID))
		}
	}
	if strings.Join(keys, ",") != "a/one,a/one,a/two,b/three,top" {
		t.Fatalf("upload order %v", keys)
	}
	grouped, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("lists"), Delimiter: aws.String("/")})
	if err != nil || len(grouped.Uploads) != 1 || len(grouped.CommonPrefixes) != 2 || aws.ToString(grouped.Uploads[0].Key) != "top" {
		t.Fatalf("delimited listing: %v %+v", err, grouped)
	}
	prefixed, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("lists"), Prefix: aws.String("a/")})
	if err != nil || len(prefixed.Uploads) != 3 {
		t.Fatalf("prefix listing: %v %+v", err, prefixed)
	}
	seen := 0
	p := s3.NewListMultipartUploadsPaginator(c, &s3.ListMultipartUploadsInput{Bucket: aws.String("lists"), MaxUploads: aws.Int32(2)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		seen += len(page.Uploads)
	}
	if seen != 5 {
		t.Fatalf("paginated %d uploads", seen)
	}

	m := &mpu{t: t, c: c, bucket: "lists", key: "top", id: ids[3]}
	for n := int32(1); n <= 5; n++ {
		if _, err := m.upload(n, []byte(fmt.Sprintf("part %d", n))); err != nil {
			t.Fatal(err)
		}
	}
	page, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("lists"), Key: aws.String("top"), UploadId: aws.String(m.id), MaxParts: aws.Int32(2)})
	if err != nil || len(page.Parts) != 2 || !aws.ToBool(page.IsTruncated) || aws.ToString(page.NextPartNumberMarker) != "2" ||
		aws.ToInt64(page.Parts[0].Size) != 6 || aws.ToString(page.Parts[0].ETag) != aws.ToString(m.parts[0].ETag) {
		t.Fatalf("ListParts page: %v %+v", err, page)
	}
	rest, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("lists"), Key: aws.String("top"), UploadId: aws.String(m.id), PartNumberMarker: aws.String("2")})
	if err != nil || len(rest.Parts) != 3 || aws.ToBool(rest.IsTruncated) || aws.ToInt32(rest.Parts[0].PartNumber) != 3 {
		t.Fatalf("ListParts rest: %v %+v", err, rest)
	}
	// An upload id belongs to its key.
	_, err = c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("lists"), Key: aws.String("a/two"), UploadId: aws.String(m.id)})
	expectError(t, err, 404, "NoSuchUpload", "")
}

func TestSSECMultipartPartRules(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ssecmpu")
	allowSSEC(t, c, "ssecmpu")
	k, other := newSSECKey("upload key"), newSSECKey("other key")
	m, created := startMPU(t, c, "ssecmpu", "k", &k, nil)
	if aws.ToString(created.SSECustomerKeyMD5) != k.md5 || created.ServerSideEncryption != "" {
		t.Fatalf("CreateMultipartUpload SSE-C headers %+v", created)
	}
	path := "/ssecmpu/k?partNumber=1&uploadId=" + m.id
	const initiate = "The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters."
	expectRawError(t, "part without key", do(t, srv, clientOpts{}, http.MethodPut, path, []byte("x"), nil), 400, "InvalidRequest", initiate, "", "")
	expectRawError(t, "part with another key", do(t, srv, clientOpts{}, http.MethodPut, path, []byte("x"), other.headers()),
		400, "InvalidRequest", "The provided encryption parameters did not match the ones used originally.", "", "")
	expectRawError(t, "part with a 16-byte key", do(t, srv, clientOpts{}, http.MethodPut, path, []byte("x"), keyOf([]byte("sixteen byte key")).headers()),
		400, "InvalidArgument", "The secret key was invalid for the specified algorithm.", "x-amz-server-side-encryption", "")
	expectRawError(t, "part over HTTP", do(t, srv, clientOpts{plain: true}, http.MethodPut, path, []byte("x"), k.headers()),
		400, "InvalidRequest", "Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.", "", "")
	if res := do(t, srv, clientOpts{}, http.MethodPut, path, []byte("right key"), k.headers()); res.Status != 200 || res.Header.Get(hMD5) != k.md5 {
		t.Fatalf("part with the right key: %d %s", res.Status, res.Body)
	}
	// A part with SSE-C headers for an upload that is not SSE-C.
	plain, _ := startMPU(t, c, "ssecmpu", "plain", nil, nil)
	expectRawError(t, "SSE-C part of a plain upload", do(t, srv, clientOpts{}, http.MethodPut, "/ssecmpu/plain?partNumber=1&uploadId="+plain.id, []byte("x"), k.headers()),
		400, "InvalidRequest", initiate, "", "")
}

func TestMultipartCompositeChecksum(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "sums")
	m, created := startMPU(t, c, "sums", "k", nil, func(in *s3.CreateMultipartUploadInput) { in.ChecksumAlgorithm = s3types.ChecksumAlgorithmCrc32 })
	if created.ChecksumAlgorithm != s3types.ChecksumAlgorithmCrc32 || created.ChecksumType != s3types.ChecksumTypeComposite {
		t.Fatalf("CreateMultipartUpload checksum %s %s", created.ChecksumAlgorithm, created.ChecksumType)
	}
	a, b := pseudoRandom(5<<20, 7), []byte("last part")
	for i, data := range [][]byte{a, b} {
		if _, err := m.upload(int32(i+1), data); err != nil {
			t.Fatal(err)
		}
	}
	done, err := m.complete(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := crc32Composite(a, b)
	if aws.ToString(done.ChecksumCRC32) != want || done.ChecksumType != s3types.ChecksumTypeComposite {
		t.Fatalf("composite checksum %s (%s), want %s", aws.ToString(done.ChecksumCRC32), done.ChecksumType, want)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("sums"), Key: aws.String("k"), ChecksumMode: s3types.ChecksumModeEnabled})
	if err != nil || aws.ToString(head.ChecksumCRC32) != want {
		t.Fatalf("HEAD checksum %v %s", err, aws.ToString(head.ChecksumCRC32))
	}
	// A part in another algorithm than the upload's is refused.
	m2, _ := startMPU(t, c, "sums", "k2", nil, func(in *s3.CreateMultipartUploadInput) { in.ChecksumAlgorithm = s3types.ChecksumAlgorithmCrc32 })
	_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("sums"), Key: aws.String("k2"), UploadId: aws.String(m2.id),
		PartNumber: aws.Int32(1), Body: strings.NewReader("x"), ChecksumAlgorithm: s3types.ChecksumAlgorithmSha256})
	expectError(t, err, 400, "InvalidRequest", "Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: sha256")
}
