package sandbox_test

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// ssecKey is an SSE-C test key with the header values a client sends.
type ssecKey struct {
	raw      []byte
	b64, md5 string
}

// newSSECKey derives a 32-byte key from a label.
func newSSECKey(label string) ssecKey {
	sum := sha256.Sum256([]byte(label))
	return keyOf(sum[:])
}

// keyOf builds the header values of any raw key (also wrong-length ones).
func keyOf(raw []byte) ssecKey {
	m := md5.Sum(raw)
	return ssecKey{raw: raw, b64: base64.StdEncoding.EncodeToString(raw), md5: base64.StdEncoding.EncodeToString(m[:])}
}

// headers are the three SSE-C request headers for this key.
func (k ssecKey) headers() http.Header {
	return http.Header{
		"X-Amz-Server-Side-Encryption-Customer-Algorithm": {"AES256"},
		"X-Amz-Server-Side-Encryption-Customer-Key":       {k.b64},
		"X-Amz-Server-Side-Encryption-Customer-Key-Md5":   {k.md5},
	}
}

// allowSSEC unblocks SSE-C on a bucket (BlockedEncryptionTypes NONE), keeping SSE-S3 as default.
func allowSSEC(t testing.TB, c *s3.Client, bucket string) {
	t.Helper()
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{
		Bucket: aws.String(bucket),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAes256},
			BlockedEncryptionTypes:             &s3types.BlockedEncryptionTypes{EncryptionType: []s3types.EncryptionType{s3types.EncryptionTypeNone}},
		}}},
	})
	if err != nil {
		t.Fatalf("PutBucketEncryption %s: %v", bucket, err)
	}
}

// setDefaultKMS makes SSE-KMS with keyID (and optionally a bucket key) the bucket default.
func setDefaultKMS(t testing.TB, c *s3.Client, bucket, algorithm, keyID string, bucketKey bool) {
	t.Helper()
	def := &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryption(algorithm)}
	if keyID != "" {
		def.KMSMasterKeyID = aws.String(keyID)
	}
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{
		Bucket: aws.String(bucket),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: def, BucketKeyEnabled: aws.Bool(bucketKey),
		}}},
	})
	if err != nil {
		t.Fatalf("PutBucketEncryption %s: %v", bucket, err)
	}
}

// newKey creates a customer-managed KMS key with an alias and returns its ARN.
func newKey(t testing.TB, srv *sandbox.Server, region, alias string) string {
	t.Helper()
	arn := srv.KMS().CreateKey(region, "test key "+alias)
	if err := srv.KMS().CreateAlias(region, alias, arn); err != nil {
		t.Fatalf("CreateAlias %s: %v", alias, err)
	}
	return arn
}

// assertEncryptedAtRest checks that the stored bytes of a version are longer
// than the plaintext (nonce and tag) and contain none of eight 16-byte
// samples spread over it.
func assertEncryptedAtRest(t testing.TB, srv *sandbox.Server, bucket, key, versionID string, plaintext []byte) {
	t.Helper()
	raw := srv.RawObjectBytes(bucket, key, versionID)
	if raw == nil {
		t.Fatalf("%s/%s: nothing stored", bucket, key)
	}
	if len(raw) <= len(plaintext) {
		t.Fatalf("%s/%s: %d bytes at rest for %d of plaintext: no room for nonce and tag", bucket, key, len(raw), len(plaintext))
	}
	n := min(len(plaintext), 16)
	for i := 0; i < 8; i++ {
		at := (len(plaintext) - n) * i / 7
		if bytes.Contains(raw, plaintext[at:at+n]) {
			t.Fatalf("%s/%s: plaintext bytes %d..%d found at rest", bucket, key, at, at+n)
		}
	}
}

// md5Raw is the binary MD5 of b.
func md5Raw(b []byte) []byte {
	sum := md5.Sum(b)
	return sum[:]
}

// crc32Composite is S3's composite CRC32 of a multipart object: the CRC32 of
// the parts' big-endian CRC32 values, base64, then "-<number of parts>".
func crc32Composite(parts ...[]byte) string {
	var all []byte
	for _, p := range parts {
		all = binary.BigEndian.AppendUint32(all, crc32.ChecksumIEEE(p))
	}
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(all))) + "-" + strconv.Itoa(len(parts))
}
