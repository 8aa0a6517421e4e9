package clientside

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// maxPlaintextSize is GCM's limit, 2^39-256 bits (just under 64 GiB).
const maxPlaintextSize = 1<<36 - 32

// defaultChunkSize is how much plaintext Encrypt holds at a time.
const defaultChunkSize = 64 << 10

// EncryptOptions configures Encrypt.
type EncryptOptions struct {
	// Format is FormatV2 (the default; readable by every S3EC v2+ client) or
	// FormatV3 (key-committing; readable by Go S3EC v3.2+/v4, Java v3.6+/v4).
	Format Format
	// Context is the KMS encryption context (KMS keyring) or the material
	// description (AES keyring); it is stored in the object's metadata.
	Context map[string]string

	rand      io.Reader // fixed randomness for known-answer tests; nil means crypto/rand
	chunkSize int       // tests use small chunks to cross many chunk boundaries
}

// Sealed is an encrypted object ready for PutObject.
type Sealed struct {
	// Body yields the ciphertext (plaintext size + 16 bytes of tag) while it
	// reads the plaintext. It fails if the plaintext is shorter or longer than
	// the size given to Encrypt, so a short read can never upload a truncated
	// object that still looks valid.
	Body io.Reader
	// Size is the ciphertext length, for PutObjectInput.ContentLength.
	Size int64
	// Metadata is the S3EC envelope for PutObjectInput.Metadata (keys without
	// the x-amz-meta- prefix). It does not depend on the body, so it is
	// complete before Body is read.
	Metadata map[string]string
}

// Encrypt prepares size bytes of plaintext for upload as an S3EC object: it
// gets a data key from the keyring now and encrypts lazily as Body is read,
// holding one 64 KiB chunk at a time (see the package documentation).
func Encrypt(ctx context.Context, plaintext io.Reader, size int64, kr Keyring, opts EncryptOptions) (*Sealed, error) {
	if size < 0 || size > maxPlaintextSize {
		return nil, fmt.Errorf("clientside: plaintext size %d is outside 0..%d (the AES-GCM limit)", size, int64(maxPlaintextSize))
	}
	if kr == nil {
		return nil, errors.New("clientside: no keyring")
	}
	format := opts.Format
	if format == FormatNone {
		format = FormatV2
	}
	env := &envelope{format: format, wrapAlg: kr.WrapAlg(), plainLen: size}
	switch format {
	case FormatV2:
		env.cekAlg = CipherAESGCM
	case FormatV3:
		env.cekAlg = CipherAESGCMCommit
	default:
		return nil, fmt.Errorf("clientside: cannot write %v; choose FormatV2 or FormatV3", format)
	}
	if env.wrapAlg != WrapKMSContext && env.wrapAlg != WrapAESGCM {
		return nil, fmt.Errorf("clientside: keyring wrapping algorithm %q cannot be written", env.wrapAlg)
	}
	rnd := opts.rand
	if rnd == nil {
		rnd = KeyRequest{}.random()
	}

	dk, err := kr.GenerateDataKey(ctx, KeyRequest{ContentCipher: env.cekAlg, Context: opts.Context, rand: rnd})
	if err != nil {
		return nil, err
	}
	defer clear(dk.Plaintext)
	if len(dk.Plaintext) != dataKeySize || len(dk.Wrapped) == 0 {
		return nil, fmt.Errorf("clientside: keyring returned a %d-byte data key, want %d", len(dk.Plaintext), dataKeySize)
	}
	env.wrappedKey, env.description = dk.Wrapped, dk.Description

	var stream *gcmStream
	if format == FormatV2 {
		env.iv = make([]byte, gcmIVSize)
		if _, err := io.ReadFull(rnd, env.iv); err != nil {
			return nil, fmt.Errorf("clientside: random IV: %w", err)
		}
		stream, err = v2Stream(dk.Plaintext, env.iv)
	} else {
		if env.messageID, err = nonZeroRandom(rnd, messageIDSize); err != nil {
			return nil, err
		}
		stream, env.commitment, err = v3Stream(dk.Plaintext, env.messageID)
	}
	if err != nil {
		return nil, err
	}

	chunk := opts.chunkSize
	if chunk <= 0 {
		chunk = defaultChunkSize
	}
	body := &sealReader{src: plaintext, remaining: size, size: size, stream: stream,
		buf: make([]byte, min(int64(chunk), size))}
	return &Sealed{Body: body, Size: size + gcmTagSize, Metadata: env.metadata()}, nil
}

// nonZeroRandom reads n random bytes, retrying the (2^-224) all-zero draw the
// spec warns is more likely a broken generator than chance.
func nonZeroRandom(r io.Reader, n int) ([]byte, error) {
	b := make([]byte, n)
	for {
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("clientside: random message id: %w", err)
		}
		for _, c := range b {
			if c != 0 {
				return b, nil
			}
		}
	}
}

// sealReader is Sealed.Body: plaintext chunks in, ciphertext chunks and the
// tag out. buf's length is the chunk size, a multiple of 16 (the last chunk
// may be shorter), as gcmStream requires.
type sealReader struct {
	src       io.Reader
	remaining int64
	size      int64
	stream    *gcmStream
	buf       []byte
	out       []byte // ciphertext not yet returned
	tag       [gcmTagSize]byte
	tagged    bool
	err       error
}

// Read implements io.Reader.
func (r *sealReader) Read(p []byte) (int, error) {
	for len(r.out) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		r.fill()
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}

// fill produces the next chunk of output, the tag, or the final error/EOF.
func (r *sealReader) fill() {
	switch {
	case r.remaining > 0:
		chunk := r.buf[:min(int64(len(r.buf)), r.remaining)]
		if n, err := io.ReadFull(r.src, chunk); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				got := r.size - r.remaining + int64(n)
				err = fmt.Errorf("clientside: plaintext ended after %d of %d bytes: %w", got, r.size, io.ErrUnexpectedEOF)
			}
			r.err = err
			return
		}
		r.remaining -= int64(len(chunk))
		r.stream.seal(chunk, chunk)
		r.out = chunk
	case !r.tagged:
		var probe [1]byte
		n, err := io.ReadFull(r.src, probe[:])
		if n > 0 {
			r.err = fmt.Errorf("clientside: plaintext is longer than the declared %d bytes", r.size)
			return
		}
		if err != io.EOF {
			r.err = err
			return
		}
		r.tag, r.tagged = r.stream.tag(), true
		r.out = r.tag[:]
	default:
		r.err = io.EOF
	}
}
