package clientside

import (
	"bytes"
	"context"
	"io"
)

// maxPrealloc caps the buffer reserved up front from the (unauthenticated)
// length in the metadata; beyond it the buffer grows as data really arrives.
const maxPrealloc = 64 << 20

// DecryptOptions configures Decrypt and OpenEnvelope.
type DecryptOptions struct {
	// ExpectedContext, when non-nil, must equal the stored encryption context
	// (or material description) without the reserved aws:x-amz-cek-alg key;
	// otherwise decryption fails with *AuthError before contacting KMS.
	ExpectedContext map[string]string
}

// Decrypt authenticates and decrypts an S3EC object (V2 or V3) read from
// ciphertext, given its metadata (keys with or without x-amz-meta-), into
// memory: peak memory is about the object size. It returns plaintext only
// after the tag has been verified: on any failure it returns no plaintext
// and wipes what it decrypted. For objects of any size, stream instead with
// OpenEnvelope and Opened.DecryptTo into a file that is discarded on error.
// Integrity failures are *AuthError; unreadable metadata is *MetadataError.
func Decrypt(ctx context.Context, ciphertext io.Reader, metadata map[string]string, kr Keyring, opts DecryptOptions) ([]byte, error) {
	o, err := OpenEnvelope(ctx, metadata, kr, opts)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	var buf bytes.Buffer
	if o.plainLen >= 0 {
		buf.Grow(int(min(o.plainLen, maxPrealloc)))
	}
	if _, err := o.DecryptTo(&wipingBuffer{&buf}, ciphertext); err != nil {
		clear(buf.Bytes()[:buf.Cap()])
		return nil, err
	}
	return buf.Bytes(), nil
}

// wipingBuffer is a bytes.Buffer that wipes its old storage when it grows,
// so no copy of unauthenticated plaintext is left to the garbage collector.
type wipingBuffer struct{ b *bytes.Buffer }

// Write implements io.Writer.
func (w *wipingBuffer) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > w.b.Cap() {
		old := w.b.Bytes()[:w.b.Cap()]
		w.b.Grow(max(len(p), w.b.Cap()))
		defer clear(old)
	}
	return w.b.Write(p)
}
