package sigv4

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"
)

// fuzzSigner is a fixed signing context for the signed variants.
func fuzzSigner() *chunkSigner {
	return &chunkSigner{key: []byte("fuzz-key"), amzDate: "20250101T000000Z", scope: "20250101/us-east-1/s3/aws4_request", previous: emptySHA256}
}

// FuzzChunkedDecoder feeds arbitrary bytes to the aws-chunked decoder in its
// three variants. It must never panic, never produce more bytes than it was
// given, and fail only with *Error.
func FuzzChunkedDecoder(f *testing.F) {
	seeds := []string{
		"",
		"0\r\n\r\n",
		"5\r\nhello\r\n0\r\n\r\n",
		"5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n",
		"5;chunk-signature=" + emptySHA256 + "\r\nhello\r\n0;chunk-signature=" + emptySHA256 + "\r\n\r\n",
		"0;chunk-signature=" + emptySHA256 + "\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:" + emptySHA256 + "\r\n\r\n",
		"ffffffffffffffff\r\n",
		"140000000\r\nshort",
		"5\r\nhel",
		"5\nhello\n0\n\n",
		"0\r\nx-amz-checksum-crc32\r\n\r\n",
		"1;ext=1;chunk-signature=zz\r\nx\r\n0\r\n\r\n",
		"\r\n\r\n\r\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(1))
		f.Add([]byte(s), uint8(2))
	}
	f.Fuzz(func(t *testing.T, data []byte, variant uint8) {
		var signer *chunkSigner
		spec := trailerSpec{names: []string{"x-amz-checksum-crc32"}}
		switch variant % 3 {
		case 1:
			signer, spec = fuzzSigner(), trailerSpec{}
		case 2:
			signer, spec.signed = fuzzSigner(), true
		}
		cr := newChunkedReader(bytes.NewReader(data), signer, spec, -1)
		n, err := io.Copy(io.Discard, cr)
		if n > int64(len(data)) {
			t.Fatalf("decoded %d bytes from %d", n, len(data))
		}
		if e, ok := AsError(err); err != nil && !ok {
			t.Fatalf("non-S3 error %T %v", err, err)
		} else if ok && e.Code == "" {
			t.Fatalf("error without a code: %+v", e)
		}
		if _, again := cr.Read(make([]byte, 8)); err != nil && !errors.Is(again, err) {
			t.Fatalf("error not sticky: %v then %v", err, again)
		}
	})
}

// A chunk that claims 5 GiB but ends at once must fail without the decoder
// allocating anything near the claimed size.
func TestChunkedDecoderDoesNotTrustClaimedSize(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cr := newChunkedReader(bytes.NewReader([]byte("140000000\r\nonly a few bytes")), nil, trailerSpec{}, -1)
	_, err := io.Copy(io.Discard, cr)
	runtime.ReadMemStats(&after)
	if e, ok := AsError(err); !ok || e.Code != "IncompleteBody" {
		t.Fatalf("got %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("decoder allocated %d bytes for a claimed 5 GiB chunk", grew)
	}
	over := newChunkedReader(bytes.NewReader([]byte("140000001\r\nx")), nil, trailerSpec{}, -1)
	if _, err := io.Copy(io.Discard, over); err == nil {
		t.Fatal("a chunk above the 5 GiB cap was accepted")
	}
}
