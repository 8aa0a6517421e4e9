package sandbox_test

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// segment is the sandbox's at-rest segment size (segment_format.go): the
// boundaries the ranges below straddle.
const segment = 1 << 20

// sseMode writes and reads objects in one encryption mode.
type sseMode struct {
	name   string
	put    func(*s3.PutObjectInput)
	create func(*s3.CreateMultipartUploadInput)
	ssec   *ssecKey
}

// sseModes are the four at-rest modes; SSE-C needs allowSSEC on the bucket.
func sseModes() []sseMode {
	ck := newSSECKey("segments")
	return []sseMode{
		{name: "SSE-S3", put: func(*s3.PutObjectInput) {}, create: func(*s3.CreateMultipartUploadInput) {}},
		{name: "SSE-KMS",
			put:    func(in *s3.PutObjectInput) { in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKms },
			create: func(in *s3.CreateMultipartUploadInput) { in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKms }},
		{name: "DSSE-KMS",
			put: func(in *s3.PutObjectInput) { in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKmsDsse },
			create: func(in *s3.CreateMultipartUploadInput) {
				in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKmsDsse
			}},
		{name: "SSE-C", ssec: &ck,
			put: func(in *s3.PutObjectInput) {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(ck.b64), aws.String(ck.md5)
			},
			create: func(*s3.CreateMultipartUploadInput) {}},
	}
}

// getRange GETs bucket/key with a Range header ("" = none) in mode m.
func getRange(t testing.TB, c *s3.Client, m sseMode, bucket, key, rng string) (*s3.GetObjectOutput, []byte, error) {
	t.Helper()
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if rng != "" {
		in.Range = aws.String(rng)
	}
	if m.ssec != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = aws.String("AES256"), aws.String(m.ssec.b64), aws.String(m.ssec.md5)
	}
	out, err := c.GetObject(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	defer out.Body.Close()
	data, err := io.ReadAll(out.Body)
	return out, data, err
}

// rangeCase is a Range header and the bytes [from, to) it selects.
type rangeCase struct {
	header   string
	from, to int
}

// boundaryRanges are ranges of an object of size bytes that start, end or
// cross at segment boundaries, and suffix and open ranges.
func boundaryRanges(size int) []rangeCase {
	r := func(from, last int) rangeCase {
		return rangeCase{fmt.Sprintf("bytes=%d-%d", from, last), from, last + 1}
	}
	return []rangeCase{
		r(0, 0),
		r(segment-3, segment+2),   // across the first boundary
		r(segment, segment),       // first byte of the second segment
		r(segment-1, segment-1),   // last byte of the first segment
		r(segment-1, 2*segment+1), // spans a whole segment and two edges
		r(size-1, size-1),         // the last byte
		r(5, size-1),              // nearly everything
		{"bytes=0-", 0, size},     // open: the whole object
		{fmt.Sprintf("bytes=%d-", segment+7), segment + 7, size},
		{"bytes=-10", size - 10, size},                                    // suffix within the last segment
		{fmt.Sprintf("bytes=-%d", segment+10), size - segment - 10, size}, // suffix across a boundary
		{fmt.Sprintf("bytes=-%d", size+100), 0, size},                     // suffix longer than the object
		{fmt.Sprintf("bytes=%d-%d", size-2, size+1000), size - 2, size},   // end past the object
	}
}

// checkRanges GETs every boundary range of key and compares with want.
func checkRanges(t *testing.T, c *s3.Client, m sseMode, bucket, key string, want []byte) {
	t.Helper()
	for _, rc := range boundaryRanges(len(want)) {
		out, got, err := getRange(t, c, m, bucket, key, rc.header)
		if err != nil {
			t.Fatalf("%s %s %s: %v", m.name, key, rc.header, err)
		}
		if !bytes.Equal(got, want[rc.from:rc.to]) {
			t.Fatalf("%s %s %s: got %d bytes, want bytes %d..%d (%d), content differs", m.name, key, rc.header, len(got), rc.from, rc.to, rc.to-rc.from)
		}
		if cr := fmt.Sprintf("bytes %d-%d/%d", rc.from, rc.to-1, len(want)); aws.ToString(out.ContentRange) != cr {
			t.Fatalf("%s %s %s: Content-Range %q, want %q", m.name, key, rc.header, aws.ToString(out.ContentRange), cr)
		}
	}
	_, got, err := getRange(t, c, m, bucket, key, "")
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s %s: whole GET differs (err %v)", m.name, key, err)
	}
}

// putSegmented stores a single-part object of three segments and a bit in mode m.
func putSegmented(t *testing.T, c *s3.Client, m sseMode, bucket, key string, body []byte) {
	t.Helper()
	in := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)}
	m.put(in)
	if _, err := c.PutObject(ctx, in); err != nil {
		t.Fatalf("%s PutObject %s: %v", m.name, key, err)
	}
}

func TestRangedGetAcrossSegmentBoundariesEveryMode(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ranges")
	allowSSEC(t, c, "ranges")
	single := pseudoRandom(3*segment+123, 1)
	for _, m := range sseModes() {
		key := "single-" + m.name
		putSegmented(t, c, m, "ranges", key, single)
		checkRanges(t, c, m, "ranges", key, single)
		assertEncryptedAtRest(t, srv, "ranges", key, "", single)

		// Multipart: the part boundary (5 MiB + 1 byte into a 5 MiB + 1 part)
		// is not a segment boundary of the object.
		first, second := pseudoRandom(5*segment+1, 2), pseudoRandom(2*segment+9, 3)
		up, _ := startMPU(t, c, "ranges", "multi-"+m.name, m.ssec, m.create)
		for i, part := range [][]byte{first, second} {
			if _, err := up.upload(int32(i+1), part); err != nil {
				t.Fatalf("%s UploadPart %d: %v", m.name, i+1, err)
			}
		}
		if _, err := up.complete(nil); err != nil {
			t.Fatalf("%s CompleteMultipartUpload: %v", m.name, err)
		}
		whole := append(append([]byte(nil), first...), second...)
		checkRanges(t, c, m, "ranges", "multi-"+m.name, whole)
		edge := fmt.Sprintf("bytes=%d-%d", len(first)-2, len(first)+1)
		if _, got, err := getRange(t, c, m, "ranges", "multi-"+m.name, edge); err != nil || !bytes.Equal(got, whole[len(first)-2:len(first)+2]) {
			t.Fatalf("%s across the part boundary: err %v, %d bytes", m.name, err, len(got))
		}
	}
}

func TestEmptyObjectIsSealedAndServed(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "empty")
	allowSSEC(t, c, "empty")
	for _, m := range sseModes() {
		key := "empty-" + m.name
		putSegmented(t, c, m, "empty", key, nil)
		// Nothing to hide, but the one empty segment still carries nonce and tag.
		if raw := srv.RawObjectBytes("empty", key, ""); len(raw) == 0 {
			t.Fatalf("%s: an empty object stores nothing at all", m.name)
		}
		out, got, err := getRange(t, c, m, "empty", key, "")
		if err != nil || len(got) != 0 || aws.ToInt64(out.ContentLength) != 0 {
			t.Fatalf("%s: GET of an empty object: err %v, %d bytes", m.name, err, len(got))
		}
		_, _, err = getRange(t, c, m, "empty", key, "bytes=0-0")
		expectError(t, err, 416, "InvalidRange", "")
		_, _, err = getRange(t, c, m, "empty", key, "bytes=-5")
		expectError(t, err, 416, "InvalidRange", "")
	}
}

func TestCopyObjectOfManySegmentsStreams(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "copyseg")
	allowSSEC(t, c, "copyseg")
	modes := sseModes()
	body := pseudoRandom(2*segment+segment/2, 4)
	putSegmented(t, c, modes[3], "copyseg", "src", body) // SSE-C source
	ck := modes[3].ssec
	_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("copyseg"), Key: aws.String("dst"),
		CopySource:                     aws.String("copyseg/src"),
		CopySourceSSECustomerAlgorithm: aws.String("AES256"), CopySourceSSECustomerKey: aws.String(ck.b64), CopySourceSSECustomerKeyMD5: aws.String(ck.md5),
		ServerSideEncryption: s3types.ServerSideEncryptionAwsKmsDsse, ChecksumAlgorithm: s3types.ChecksumAlgorithmCrc32})
	if err != nil {
		t.Fatalf("CopyObject: %v", err)
	}
	checkRanges(t, c, modes[2], "copyseg", "dst", body)
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("copyseg"), Key: aws.String("dst"), ChecksumMode: s3types.ChecksumModeEnabled})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := aws.ToString(head.ChecksumCRC32), crc32Of(body); got != want {
		t.Fatalf("copy's CRC32 %s, want %s (computed over the streamed plaintext)", got, want)
	}
	if !strings.Contains(string(head.ServerSideEncryption), "dsse") {
		t.Fatalf("copy's encryption %q, want DSSE-KMS", head.ServerSideEncryption)
	}
}

// crc32Of is the base64 big-endian CRC32 (IEEE) of b, as S3 sends it.
func crc32Of(b []byte) string {
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b)))
}
