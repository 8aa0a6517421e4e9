package clientside

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"
)

// streamSizes are plaintext lengths around block and chunk boundaries.
func streamSizes() []int {
	var sizes []int
	for n := 0; n <= 200; n++ {
		sizes = append(sizes, n)
	}
	for _, base := range []int{1024, 4096, defaultChunkSize, 3 * defaultChunkSize} {
		for d := -17; d <= 17; d++ {
			sizes = append(sizes, base+d)
		}
	}
	return sizes
}

// stdSeal is the reference: crypto/cipher's one-shot GCM.
func stdSeal(t testing.TB, key, nonce, pt, aad []byte) []byte {
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		t.Fatal(err)
	}
	return aead.Seal(nil, nonce, pt, aad)
}

// streamSeal runs gcmStream over pt in chunks of chunk bytes.
func streamSeal(t testing.TB, key, nonce, pt, aad []byte, chunk int) []byte {
	s, err := newGCMStream(key, nonce, aad)
	if err != nil {
		t.Fatal(err)
	}
	out := bytes.Clone(pt)
	for off := 0; off < len(out); off += chunk {
		c := out[off:min(off+chunk, len(out))]
		s.seal(c, c)
	}
	tag := s.tag()
	return append(out, tag[:]...)
}

// TestGCMStreamMatchesStdlib checks the streaming construction byte for byte
// against cipher.AEAD.Seal for many lengths (empty, partial blocks, chunk
// boundaries ±17), several chunk sizes, with and without AAD.
func TestGCMStreamMatchesStdlib(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	key := make([]byte, 32)
	nonce := make([]byte, 12)
	pt := make([]byte, 3*defaultChunkSize+64)
	for _, b := range [][]byte{key, nonce, pt} {
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
	}
	aads := [][]byte{nil, suiteIDCommit, bytes.Repeat([]byte{7}, 37)}
	for _, chunk := range []int{16, 48, 4096, defaultChunkSize} {
		for _, aad := range aads {
			for _, n := range streamSizes() {
				if chunk == 16 && n > 5000 { // tiny chunks over big inputs add time, not coverage
					continue
				}
				want := stdSeal(t, key, nonce, pt[:n], aad)
				got := streamSeal(t, key, nonce, pt[:n], aad, chunk)
				if !bytes.Equal(got, want) {
					t.Fatalf("chunk %d, aad %d bytes, size %d: stream output differs from cipher.AEAD.Seal", chunk, len(aad), n)
				}
			}
		}
	}
}

// TestGFMulIdentityAndCommutes checks the field arithmetic directly: one is
// the identity, multiplication commutes, and gfPow agrees with repeated gfMul.
func TestGFMulIdentityAndCommutes(t *testing.T) {
	one := gfElem{hi: 1 << 63}
	x := gfElem{0x0123456789abcdef, 0xfedcba9876543210}
	y := gfElem{0xdeadbeefcafef00d, 0x0badc0ffee123456}
	if gfMul(x, one) != x || gfMul(one, x) != x {
		t.Error("1 is not the identity")
	}
	if gfMul(x, y) != gfMul(y, x) {
		t.Error("multiplication does not commute")
	}
	p := one
	for n := uint64(1); n <= 40; n++ {
		p = gfMul(p, x)
		if gfPow(x, n) != p {
			t.Fatalf("gfPow(x, %d) differs from repeated multiplication", n)
		}
	}
}

// TestEncryptReaderAnyReadPattern reads Sealed.Body one byte at a time and
// through a half-reader, with small chunks, and compares with the one-shot
// result for V2 and V3.
func TestEncryptReaderAnyReadPattern(t *testing.T) {
	kr, err := NewAESKeyring(bytes.Repeat([]byte{9}, 32))
	if err != nil {
		t.Fatal(err)
	}
	pt := bytes.Repeat([]byte("0123456789abcdef-"), 50) // 850 bytes: 53 blocks + 2
	for _, format := range []Format{FormatV2, FormatV3} {
		randomness := bytes.Repeat([]byte{0x5a}, 32+12+28)
		var bodies [][]byte
		for _, chunk := range []int{16, 64, defaultChunkSize} {
			for _, wrap := range []func(io.Reader) io.Reader{iotest.OneByteReader, iotest.HalfReader, iotest.DataErrReader} {
				s, err := Encrypt(context.Background(), wrap(bytes.NewReader(pt)), int64(len(pt)), kr,
					EncryptOptions{Format: format, rand: bytes.NewReader(randomness), chunkSize: chunk})
				if err != nil {
					t.Fatal(err)
				}
				body, err := io.ReadAll(iotest.OneByteReader(s.Body))
				if err != nil {
					t.Fatal(err)
				}
				bodies = append(bodies, body)
				got, err := Decrypt(context.Background(), bytes.NewReader(body), s.Metadata, kr, DecryptOptions{})
				if err != nil || !bytes.Equal(got, pt) {
					t.Fatalf("%v chunk %d: round trip failed: %v", format, chunk, err)
				}
			}
		}
		for i := 1; i < len(bodies); i++ {
			if !bytes.Equal(bodies[i], bodies[0]) {
				t.Fatalf("%v: read pattern %d produced different ciphertext", format, i)
			}
		}
	}
}

// TestEncryptReaderSizeMismatch: a plaintext shorter or longer than declared
// must fail the body read instead of producing a valid-looking object.
func TestEncryptReaderSizeMismatch(t *testing.T) {
	kr, _ := NewAESKeyring(bytes.Repeat([]byte{9}, 32))
	for _, tc := range []struct {
		name     string
		actual   int
		declared int64
		want     error
	}{
		{"short", 100, 101, io.ErrUnexpectedEOF},
		{"short-empty", 0, 1, io.ErrUnexpectedEOF},
		{"long", 101, 100, nil},
		{"long-from-empty", 1, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Encrypt(context.Background(), bytes.NewReader(make([]byte, tc.actual)), tc.declared, kr,
				EncryptOptions{chunkSize: 32})
			if err != nil {
				t.Fatal(err)
			}
			_, err = io.ReadAll(s.Body)
			if err == nil {
				t.Fatal("reading the body succeeded; want an error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
		})
	}
}
