package sigv4

import (
	"crypto/md5"
	"encoding/base64"
	"io"
	"net/http"
	"testing"
	"time"
)

// Published check values ("123456789") of each CRC the checksums use.
func TestChecksumCheckValues(t *testing.T) {
	want := map[string]string{
		"crc32":     "cbf43926",
		"crc32c":    "e3069283",
		"crc64nvme": "ae8b14860a799888",
	}
	for name, hexWant := range want {
		h := checksumAlgorithms[name].newHash()
		io.WriteString(h, "123456789")
		if got := hexOf(h.Sum(nil)); got != hexWant {
			t.Errorf("%s = %s, want %s", name, got, hexWant)
		}
	}
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// Checksum and Content-MD5 headers of a plain upload are verified once the
// body has been read.
func TestChecksumHeaders(t *testing.T) {
	vs := newVerifyServer(t, false)
	body := []byte("checksummed body")
	md5sum := md5.Sum(body)
	goodMD5 := base64.StdEncoding.EncodeToString(md5sum[:])
	cases := []struct {
		name       string
		header     http.Header
		wantStatus int
		wantCode   string
	}{
		{"right crc32", http.Header{"X-Amz-Checksum-Crc32": {crc32Base64(body)}}, 200, ""},
		{"wrong crc32", http.Header{"X-Amz-Checksum-Crc32": {crc32Base64([]byte("x"))}}, 400, "BadDigest"},
		{"crc32 of wrong length", http.Header{"X-Amz-Checksum-Crc32": {"AAAAAAA="}}, 400, "InvalidRequest"},
		{"two checksums", http.Header{"X-Amz-Checksum-Crc32": {crc32Base64(body)}, "X-Amz-Checksum-Sha1": {"AAAAAAAAAAAAAAAAAAAAAAAAAAA="}}, 400, "InvalidRequest"},
		{"checksum type is not a checksum", http.Header{"X-Amz-Checksum-Type": {"FULL_OBJECT"}}, 200, ""},
		{"right Content-MD5", http.Header{"Content-Md5": {goodMD5}}, 200, ""},
		{"wrong Content-MD5", http.Header{"Content-Md5": {"1B2M2Y8AsgTpgAmY7PhCfg=="}}, 400, "BadDigest"},
		{"invalid Content-MD5", http.Header{"Content-Md5": {"nope"}}, 400, "InvalidDigest"},
		{"empty Content-MD5", http.Header{"Content-Md5": {""}}, 400, "InvalidDigest"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := c.header.Clone()
			h.Set("X-Amz-Content-Sha256", unsignedPayload)
			req := signedRequest(t, vs, "PUT", "/b/k", body, unsignedPayload, time.Now(), h)
			expectCode(t, send(t, vs, req), c.wantStatus, c.wantCode)
		})
	}
	// The message names the algorithm as S3 does.
	req := signedRequest(t, vs, "PUT", "/b/k", body, unsignedPayload, time.Now(), http.Header{
		"X-Amz-Content-Sha256": {unsignedPayload}, "X-Amz-Checksum-Crc32c": {base64.StdEncoding.EncodeToString(make([]byte, 4))}})
	send(t, vs, req)
	if got := vs.last(t).verr.Message; got != "The CRC32C you specified did not match the calculated checksum." {
		t.Fatalf("message %q", got)
	}
}

// ChecksumHashes exposes every algorithm under its wire name, each computing
// the published check value of "123456789" (SHA digests of the same input).
func TestChecksumHashesByWireName(t *testing.T) {
	want := map[string]string{
		"CRC32":     "cbf43926",
		"CRC32C":    "e3069283",
		"CRC64NVME": "ae8b14860a799888",
		"SHA1":      "f7c3bc1d808e04732adf679965ccc34ca7ae3441",
		"SHA256":    "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225",
	}
	got := ChecksumHashes()
	if len(got) != len(want) {
		t.Fatalf("ChecksumHashes has %d algorithms, want %d", len(got), len(want))
	}
	for name, hexWant := range want {
		newHash, ok := got[name]
		if !ok {
			t.Errorf("ChecksumHashes lacks %s", name)
			continue
		}
		h := newHash()
		io.WriteString(h, "123456789")
		if sum := hexOf(h.Sum(nil)); sum != hexWant {
			t.Errorf("%s = %s, want %s", name, sum, hexWant)
		}
	}
}
