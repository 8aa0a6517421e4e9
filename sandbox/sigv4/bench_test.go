package sigv4

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"time"
)

// BenchmarkVerifyHeaderAuth measures the signature check of a small request.
func BenchmarkVerifyHeaderAuth(b *testing.B) {
	r, _ := http.NewRequest("GET", "http://127.0.0.1:9000/bucket/key?versioning", nil)
	r.Header.Set("X-Amz-Content-Sha256", unsignedPayload)
	signCreds(b, r, testCreds(), unsignedPayload, "s3", time.Now())
	now := time.Now()
	b.ResetTimer()
	for b.Loop() {
		if _, e := Verify(r, testLookup, now); e != nil {
			b.Fatal(e)
		}
	}
}

// BenchmarkDecodeSignedChunks measures decoding and verifying the documented
// 66560-byte signed aws-chunked example.
func BenchmarkDecodeSignedChunks(b *testing.B) {
	body := exampleBody(exampleChunk2Sig, bytes.Repeat([]byte("a"), 1024))
	b.SetBytes(66560)
	for b.Loop() {
		r := exampleRequest(body)
		if _, e := Verify(r, exampleLookup, exampleTime); e != nil {
			b.Fatal(e)
		}
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			b.Fatal(err)
		}
	}
}
