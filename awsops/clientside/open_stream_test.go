package clientside_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"testing"
	"testing/iotest"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// openChunk mirrors the package's streaming chunk (128 KiB), so the sizes
// below straddle its boundaries.
const openChunk = 128 << 10

// openEnvelope opens an object or fails the test.
func openEnvelope(t *testing.T, kr clientside.Keyring, meta map[string]string) *clientside.Opened {
	t.Helper()
	o, err := clientside.OpenEnvelope(context.Background(), meta, kr, clientside.DecryptOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(o.Close)
	return o
}

// TestDecryptToStreamsAcrossChunkBoundaries decrypts V2 and V3 objects
// whose sizes straddle the streaming chunk (and the tag straddling two
// reads), through readers that return odd amounts, with and without the
// plaintext length in the metadata.
func TestDecryptToStreamsAcrossChunkBoundaries(t *testing.T) {
	kr := aesKeyring(t, katMasterKey)
	pt := make([]byte, 2*openChunk+40)
	for i := range pt {
		pt[i] = byte(i * 7)
	}
	var sizes []int
	for _, base := range []int{0, 16, openChunk, 2 * openChunk} {
		for d := -17; d <= 17; d += 3 {
			if base+d >= 0 {
				sizes = append(sizes, base+d)
			}
		}
	}
	readers := map[string]func(io.Reader) io.Reader{
		"whole": func(r io.Reader) io.Reader { return r },
		"half":  iotest.HalfReader,
		"eof":   iotest.DataErrReader,
	}
	for _, format := range both {
		for _, n := range sizes {
			body, meta := seal(t, kr, pt[:n], clientside.EncryptOptions{Format: format})
			noLen := maps.Clone(meta)
			delete(noLen, "x-amz-unencrypted-content-length")
			for name, wrap := range readers {
				for _, m := range []map[string]string{meta, noLen} {
					o := openEnvelope(t, kr, m)
					var out bytes.Buffer
					got, err := o.DecryptTo(&out, wrap(bytes.NewReader(body)))
					if err != nil || got != int64(n) || !bytes.Equal(out.Bytes(), pt[:n]) {
						t.Fatalf("%v, %d bytes, %s reader, length in metadata %v: wrote %d, err %v, equal %v",
							format, n, name, m["x-amz-unencrypted-content-length"] != "", got, err, bytes.Equal(out.Bytes(), pt[:n]))
					}
					if err := o.Verify(wrap(bytes.NewReader(body))); err != nil {
						t.Fatalf("%v, %d bytes: Verify: %v", format, n, err)
					}
				}
			}
		}
	}
}

// TestDecryptToTamperFailsAtTheEnd: a flipped byte in the middle of the
// ciphertext, in its last byte or in the tag, and a truncated or padded
// body, all end in *AuthError, from DecryptTo and from Verify, with and
// without the length in the metadata.
func TestDecryptToTamperFailsAtTheEnd(t *testing.T) {
	kr := aesKeyring(t, katMasterKey)
	pt := bytes.Repeat([]byte("streamed plaintext "), 20000) // 380,000 bytes: three chunks
	for _, format := range both {
		body, meta := seal(t, kr, pt, clientside.EncryptOptions{Format: format})
		noLen := maps.Clone(meta)
		delete(noLen, "x-amz-unencrypted-content-length")
		tampered := map[string][]byte{
			"middle byte":        flipAt(body, len(body)/2),
			"last byte":          flipAt(body, len(body)-17),
			"tag":                flipAt(body, len(body)-1),
			"truncated":          body[:len(body)-1],
			"padded":             append(bytes.Clone(body), 0),
			"tag only":           body[len(body)-16:],
			"shorter than a tag": body[:15],
		}
		for name, b := range tampered {
			for _, m := range []map[string]string{meta, noLen} {
				o := openEnvelope(t, kr, m)
				_, err := o.DecryptTo(io.Discard, bytes.NewReader(b))
				var ae *clientside.AuthError
				if !errors.As(err, &ae) {
					t.Errorf("%v %s (length in metadata %v): DecryptTo err = %v, want *AuthError", format, name, m["x-amz-unencrypted-content-length"] != "", err)
				}
				if err := o.Verify(bytes.NewReader(b)); !errors.As(err, &ae) {
					t.Errorf("%v %s: Verify err = %v, want *AuthError", format, name, err)
				}
			}
		}
	}
}

// TestDecryptToReportsReadAndWriteErrors: a broken body or destination is
// reported as such, not as an integrity failure.
func TestDecryptToReportsReadAndWriteErrors(t *testing.T) {
	kr := aesKeyring(t, katMasterKey)
	body, meta := seal(t, kr, make([]byte, 3*openChunk), clientside.EncryptOptions{})
	o := openEnvelope(t, kr, meta)
	broken := errors.New("connection reset")
	_, err := o.DecryptTo(io.Discard, io.MultiReader(bytes.NewReader(body[:openChunk+5]), iotest.ErrReader(broken)))
	if !errors.Is(err, broken) {
		t.Errorf("read error: %v", err)
	}
	full := errors.New("disk full")
	_, err = o.DecryptTo(failingWriter{full}, bytes.NewReader(body))
	if !errors.Is(err, full) {
		t.Errorf("write error: %v", err)
	}
	o.Close()
	if _, err := o.DecryptTo(io.Discard, bytes.NewReader(body)); err == nil {
		t.Error("DecryptTo after Close succeeded")
	}
}

// flipAt returns a copy of b with the lowest bit of byte i flipped.
func flipAt(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

// failingWriter fails every write.
type failingWriter struct{ err error }

// Write implements io.Writer.
func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }
