package sigv4

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chunkedUpload describes an aws-chunked body the test encodes itself,
// following the algorithm of the S3 documentation, independently of the
// package's decoder.
type chunkedUpload struct {
	mode      string   // x-amz-content-sha256
	chunks    [][]byte // data chunks (the zero-size final chunk is added)
	trailers  []string // "name:value" lines
	declare   string   // x-amz-trailer header, if any
	decodedCL string   // x-amz-decoded-content-length; "" = real length
	encoding  string   // Content-Encoding; "" = aws-chunked

	// damage, applied after signing
	badChunkSig   int  // 1-based index of a chunk whose signature is altered
	badTrailerSig bool // alter x-amz-trailer-signature
}

func testHMAC(key []byte, s string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(s))
	return h.Sum(nil)
}

func testSHA256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// encode renders the body; seed, amzDate and scope come from the signed
// request (all zero when only the length is wanted).
func (u chunkedUpload) encode(seed, amzDate, scope string) []byte {
	signed := u.mode == streamingSigned || u.mode == streamingSignedTrailer
	key := testHMAC([]byte("AWS4"+testSecretKey), amzDate[:min(8, len(amzDate))])
	for _, part := range []string{testRegion, "s3", "aws4_request"} {
		key = testHMAC(key, part)
	}
	prev := seed
	sign := func(kind, last string) string {
		if seed == "" {
			return strings.Repeat("0", 64)
		}
		prev = hex.EncodeToString(testHMAC(key, kind+"\n"+amzDate+"\n"+scope+"\n"+prev+"\n"+last))
		return prev
	}
	var b bytes.Buffer
	for i, c := range append(u.chunks, nil) {
		fmt.Fprintf(&b, "%x", len(c))
		if signed {
			sig := sign("AWS4-HMAC-SHA256-PAYLOAD", testSHA256Hex(nil)+"\n"+testSHA256Hex(c))
			if i+1 == u.badChunkSig {
				sig = strings.Repeat("f", 64)
			}
			b.WriteString(";chunk-signature=" + sig)
		}
		b.WriteString("\r\n")
		if len(c) > 0 {
			b.Write(c)
			b.WriteString("\r\n")
		}
	}
	var canonical strings.Builder
	for _, tr := range u.trailers {
		b.WriteString(tr + "\r\n")
		canonical.WriteString(tr + "\n")
	}
	if u.mode == streamingSignedTrailer {
		sig := sign("AWS4-HMAC-SHA256-TRAILER", testSHA256Hex([]byte(canonical.String())))
		if u.badTrailerSig {
			sig = strings.Repeat("e", 64)
		}
		b.WriteString("x-amz-trailer-signature:" + sig + "\r\n")
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

func (u chunkedUpload) data() []byte { return bytes.Join(u.chunks, nil) }

// request signs the upload's headers with the SDK (the seed signature) and
// attaches the body encoded with that seed.
func (u chunkedUpload) request(t *testing.T, vs *verifyServer) *http.Request {
	t.Helper()
	h := http.Header{}
	h.Set("X-Amz-Content-Sha256", u.mode)
	h.Set("Content-Encoding", "aws-chunked")
	if u.encoding != "" {
		h.Set("Content-Encoding", u.encoding)
	}
	decoded := u.decodedCL
	if decoded == "" {
		decoded = strconv.Itoa(len(u.data()))
	}
	h.Set("X-Amz-Decoded-Content-Length", decoded)
	if u.declare != "" {
		h.Set("X-Amz-Trailer", u.declare)
	}
	placeholder := u.encode("", "", "")
	req := signedRequest(t, vs, "PUT", "/bucket/streamed.bin", placeholder, u.mode, time.Now(), h)
	auth := req.Header.Get("Authorization")
	seed := auth[strings.LastIndex(auth, "=")+1:]
	amzDate := req.Header.Get("X-Amz-Date")
	scope := amzDate[:8] + "/" + testRegion + "/s3/aws4_request"
	body := u.encode(seed, amzDate, scope)
	if len(body) != len(placeholder) {
		t.Fatalf("encoded length changed from %d to %d", len(placeholder), len(body))
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	return req
}

func crc32cBase64(b []byte) string {
	v := crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, v))
}

func TestHandBuiltStreamingUploads(t *testing.T) {
	vs := newVerifyServer(t, false)
	data := randomBytes(t, 150<<10)
	three := [][]byte{data[:64<<10], data[64<<10 : 128<<10], data[128<<10:]}
	crc := "x-amz-checksum-crc32:" + crc32Base64(data)
	badCRC := "x-amz-checksum-crc32:" + crc32Base64([]byte("other"))
	cases := []struct {
		name       string
		upload     chunkedUpload
		wantStatus int
		wantCode   string
	}{
		{"signed chunks (aws CLI v1, Java)", chunkedUpload{mode: streamingSigned, chunks: three}, 200, ""},
		{"signed chunks and signed trailer", chunkedUpload{mode: streamingSignedTrailer, chunks: three,
			trailers: []string{"x-amz-checksum-crc32c:" + crc32cBase64(data)}, declare: "x-amz-checksum-crc32c"}, 200, ""},
		{"unsigned chunks and trailer", chunkedUpload{mode: streamingUnsignedTrailer, chunks: three,
			trailers: []string{crc}, declare: "x-amz-checksum-crc32"}, 200, ""},
		{"corrupted second chunk signature", chunkedUpload{mode: streamingSigned, chunks: three, badChunkSig: 2}, 403, "SignatureDoesNotMatch"},
		{"corrupted final chunk signature", chunkedUpload{mode: streamingSigned, chunks: three, badChunkSig: 4}, 403, "SignatureDoesNotMatch"},
		{"corrupted trailer signature", chunkedUpload{mode: streamingSignedTrailer, chunks: three,
			trailers: []string{crc}, declare: "x-amz-checksum-crc32", badTrailerSig: true}, 403, "SignatureDoesNotMatch"},
		{"signed trailer with a wrong checksum", chunkedUpload{mode: streamingSignedTrailer, chunks: three,
			trailers: []string{badCRC}, declare: "x-amz-checksum-crc32"}, 400, "BadDigest"},
		{"tampered trailing checksum", chunkedUpload{mode: streamingUnsignedTrailer, chunks: three,
			trailers: []string{badCRC}, declare: "x-amz-checksum-crc32"}, 400, "BadDigest"},
		{"trailing checksum not base64", chunkedUpload{mode: streamingUnsignedTrailer, chunks: three,
			trailers: []string{"x-amz-checksum-crc32:not-base64!"}, declare: "x-amz-checksum-crc32"}, 400, "InvalidRequest"},
		{"undeclared trailer", chunkedUpload{mode: streamingUnsignedTrailer, chunks: three,
			trailers: []string{crc}}, 400, "MalformedTrailerError"},
		{"declared trailer missing", chunkedUpload{mode: streamingUnsignedTrailer, chunks: three,
			declare: "x-amz-checksum-crc32"}, 400, "MalformedTrailerError"},
		{"trailer other than declared", chunkedUpload{mode: streamingUnsignedTrailer, chunks: three,
			trailers: []string{"x-amz-checksum-crc32c:" + crc32cBase64(data)}, declare: "x-amz-checksum-crc32"}, 400, "MalformedTrailerError"},
		{"decoded length understated", chunkedUpload{mode: streamingSigned, chunks: three, decodedCL: "1000"}, 400, "IncompleteBody"},
		{"decoded length overstated", chunkedUpload{mode: streamingUnsignedTrailer, chunks: three, decodedCL: "999999"}, 400, "IncompleteBody"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			expectCode(t, send(t, vs, c.upload.request(t, vs)), c.wantStatus, c.wantCode)
			if c.wantStatus != 200 {
				return
			}
			s := vs.last(t)
			assertSawBody(t, s, data, `"`+hexSHA256(data)+`"`)
			for _, tr := range c.upload.trailers {
				name, value, _ := strings.Cut(tr, ":")
				if got := s.trailer.Get(name); got != value {
					t.Fatalf("r.Trailer[%s] = %q, want %q", name, got, value)
				}
			}
		})
	}
}

// Framing damage is reported as S3 does: IncompleteBody.
func TestMalformedChunkFraming(t *testing.T) {
	vs := newVerifyServer(t, false)
	good := "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:" + crc32Base64([]byte("hello")) + "\r\n\r\n"
	bodies := map[string]string{
		"size not hex":            strings.Replace(good, "5\r\n", "z\r\n", 1),
		"size larger than data":   strings.Replace(good, "5\r\n", "50\r\n", 1),
		"missing CRLF after data": strings.Replace(good, "hello\r\n", "hello", 1),
		"truncated":               good[:8],
		"absurd size claim":       "ffffffffffffffff\r\nhello\r\n0\r\n\r\n",
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			req := signedRequest(t, vs, "PUT", "/b/k", []byte(body), streamingUnsignedTrailer, time.Now(), http.Header{
				"X-Amz-Content-Sha256":         {streamingUnsignedTrailer},
				"Content-Encoding":             {"aws-chunked"},
				"X-Amz-Decoded-Content-Length": {"5"},
				"X-Amz-Trailer":                {"x-amz-checksum-crc32"},
			})
			expectCode(t, send(t, vs, req), 400, "IncompleteBody")
		})
	}
}

// Content-Encoding keeps the codings other than aws-chunked.
func TestContentEncodingKeepsOtherCodings(t *testing.T) {
	vs := newVerifyServer(t, false)
	u := chunkedUpload{mode: streamingSigned, chunks: [][]byte{[]byte("gzipped?")}, encoding: "aws-chunked,gzip"}
	expectCode(t, send(t, vs, u.request(t, vs)), 200, "")
	if got := vs.last(t).contentEncoding; got != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", got)
	}
}
