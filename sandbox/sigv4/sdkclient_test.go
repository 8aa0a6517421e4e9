package sigv4

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// s3Client is a real aws-sdk-go-v2 S3 client pointed at the test server.
// s3.New leaves request checksums unset; config.LoadDefaultConfig (what the
// console uses) turns them on "when supported", so the test does the same.
func s3Client(vs *verifyServer, secret string) *s3.Client {
	return s3.New(s3.Options{
		Region:                     testRegion,
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		BaseEndpoint:               aws.String(vs.URL),
		UsePathStyle:               true,
		Credentials:                credentials.NewStaticCredentialsProvider(testAccessKey, secret, ""),
		HTTPClient:                 vs.Client(),
		RetryMaxAttempts:           1,
	})
}

func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func crc32Base64(b []byte) string {
	sum := crc32.ChecksumIEEE(b)
	return base64.StdEncoding.EncodeToString([]byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
}

// awkwardKey needs escaping in every way a key can: space, plus, percent,
// non-ASCII, sub-delimiters and a nested prefix.
const awkwardKey = "dir/a b+c%/ü!'()*~=&.txt"

// Over HTTPS the SDK streams PutObject as aws-chunked with an unsigned
// payload and a trailing CRC32; the handler must get the exact bytes.
func TestSDKPutObjectOverTLS(t *testing.T) {
	vs := newVerifyServer(t, true)
	data := randomBytes(t, 300<<10)
	out, err := s3Client(vs, testSecretKey).PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: aws.String("bucket"), Key: aws.String(awkwardKey), Body: bytes.NewReader(data),
	})
	if err != nil {
		t.Fatal(err)
	}
	s := vs.last(t)
	if s.contentSHA256 != streamingUnsignedTrailer {
		t.Fatalf("the SDK sent x-amz-content-sha256 %q; this test expects the aws-chunked path", s.contentSHA256)
	}
	assertSawBody(t, s, data, aws.ToString(out.ETag))
	if got := s.trailer.Get("X-Amz-Checksum-Crc32"); got != crc32Base64(data) {
		t.Fatalf("verified trailer crc32 %q, want %q", got, crc32Base64(data))
	}
}

// A body of unknown length is sent by the SDK in 64 KiB aws-chunked chunks
// without x-amz-decoded-content-length.
func TestSDKPutObjectMultipleChunks(t *testing.T) {
	vs := newVerifyServer(t, true)
	vs.captureRaw = true
	data := randomBytes(t, 200<<10+123)
	out, err := s3Client(vs, testSecretKey).PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: aws.String("bucket"), Key: aws.String("big.bin"), Body: io.MultiReader(bytes.NewReader(data)),
	})
	if err != nil {
		t.Fatal(err)
	}
	s := vs.last(t)
	if !bytes.HasPrefix(s.raw, []byte("10000\r\n")) || !bytes.Contains(s.raw, []byte("\r\n10000\r\n")) {
		t.Fatalf("expected several 64 KiB chunks on the wire, raw body starts %q", s.raw[:min(len(s.raw), 16)])
	}
	assertSawBody(t, s, data, aws.ToString(out.ETag))
	if s.contentLength != -1 {
		t.Fatalf("r.ContentLength %d, want -1 (no x-amz-decoded-content-length)", s.contentLength)
	}
}

// Over plain HTTP the SDK signs the payload's SHA-256 and sends the CRC32 as
// an ordinary header; both are checked.
func TestSDKPutObjectOverHTTP(t *testing.T) {
	vs := newVerifyServer(t, false)
	data := randomBytes(t, 100<<10)
	out, err := s3Client(vs, testSecretKey).PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: aws.String("bucket"), Key: aws.String(awkwardKey), Body: bytes.NewReader(data),
	})
	if err != nil {
		t.Fatal(err)
	}
	s := vs.last(t)
	if s.contentSHA256 != hexSHA256(data) || s.checksumCRC32 != crc32Base64(data) {
		t.Fatalf("the SDK sent x-amz-content-sha256 %q and x-amz-checksum-crc32 %q; this test expects the signed-payload path with a CRC32 header",
			s.contentSHA256, s.checksumCRC32)
	}
	assertSawBody(t, s, data, aws.ToString(out.ETag))
}

// Sub-resources and encoded query values from the SDK verify too, and a
// wrong secret comes back to the SDK as SignatureDoesNotMatch.
func TestSDKQueryOperations(t *testing.T) {
	for _, useTLS := range []bool{false, true} {
		vs := newVerifyServer(t, useTLS)
		client := s3Client(vs, testSecretKey)
		if _, err := client.GetBucketVersioning(context.Background(), &s3.GetBucketVersioningInput{Bucket: aws.String("bucket")}); err != nil {
			t.Fatalf("tls=%v GetBucketVersioning: %v", useTLS, err)
		}
		if _, err := client.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{
			Bucket: aws.String("bucket"), Prefix: aws.String("a b+c/ü*"), Delimiter: aws.String("/"), StartAfter: aws.String("x=y&z"),
		}); err != nil {
			t.Fatalf("tls=%v ListObjectsV2: %v", useTLS, err)
		}
		_, err := s3Client(vs, "a-wrong-secret").GetBucketVersioning(context.Background(), &s3.GetBucketVersioningInput{Bucket: aws.String("bucket")})
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "SignatureDoesNotMatch" {
			t.Fatalf("tls=%v wrong secret: got %v", useTLS, err)
		}
	}
}

// assertSawBody checks that the handler read exactly data and that the
// request was rewritten to describe the decoded payload.
func assertSawBody(t *testing.T, s seen, data []byte, etag string) {
	t.Helper()
	if !bytes.Equal(s.body, data) {
		t.Fatalf("handler read %d bytes (sha %s), want %d bytes (sha %s)", len(s.body), hexSHA256(s.body), len(data), hexSHA256(data))
	}
	if strings.Trim(etag, `"`) != hexSHA256(data) {
		t.Fatalf("ETag echoed to the SDK %s, want %s", etag, hexSHA256(data))
	}
	if s.contentEncoding != "" {
		t.Fatalf("Content-Encoding after Verify %q, want none", s.contentEncoding)
	}
	if s.contentLength >= 0 && (s.contentLength != int64(len(data)) || s.headerLength != strconv.Itoa(len(data))) {
		t.Fatalf("r.ContentLength %d / Content-Length %q, want %d", s.contentLength, s.headerLength, len(data))
	}
}

// The SDK's presign client produces URLs that verify, for download and for
// upload of a body sent by a plain HTTP client.
func TestSDKPresignClient(t *testing.T) {
	vs := newVerifyServer(t, true)
	presigner := s3.NewPresignClient(s3Client(vs, testSecretKey))
	data := randomBytes(t, 10<<10)
	put, err := presigner.PresignPutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("bucket"), Key: aws.String(awkwardKey)})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(put.Method, put.URL, bytes.NewReader(data))
	for k, v := range put.SignedHeader {
		if k != "Host" {
			req.Header[k] = v
		}
	}
	expectCode(t, send(t, vs, req), 200, "")
	if s := vs.last(t); !s.res.Presigned || !bytes.Equal(s.body, data) {
		t.Fatalf("presigned PUT: presigned=%v, %d bytes", s.res.Presigned, len(s.body))
	}
	get, err := presigner.PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("bucket"), Key: aws.String(awkwardKey)})
	if err != nil {
		t.Fatal(err)
	}
	req, _ = http.NewRequest(get.Method, get.URL, nil)
	expectCode(t, send(t, vs, req), 200, "")
}

// An empty PutObject carries no chunked body; its checksum header is still
// checked, within Verify.
func TestSDKPutEmptyObject(t *testing.T) {
	for _, useTLS := range []bool{false, true} {
		vs := newVerifyServer(t, useTLS)
		if _, err := s3Client(vs, testSecretKey).PutObject(context.Background(), &s3.PutObjectInput{
			Bucket: aws.String("bucket"), Key: aws.String("empty"), Body: bytes.NewReader(nil),
		}); err != nil {
			t.Fatalf("tls=%v: %v", useTLS, err)
		}
		if s := vs.last(t); len(s.body) != 0 || s.verr != nil {
			t.Fatalf("tls=%v: %+v", useTLS, s)
		}
	}
}
