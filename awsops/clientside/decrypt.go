package clientside

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
)

// maxPrealloc caps the buffer reserved up front from the (unauthenticated)
// length in the metadata; beyond it the buffer grows as data really arrives.
const maxPrealloc = 64 << 20

// DecryptOptions configures Decrypt.
type DecryptOptions struct {
	// ExpectedContext, when non-nil, must equal the stored encryption context
	// (or material description) without the reserved aws:x-amz-cek-alg key;
	// otherwise Decrypt fails with *AuthError before contacting KMS.
	ExpectedContext map[string]string
}

// Decrypt authenticates and decrypts an S3EC object (V2 or V3) read from
// ciphertext, given its metadata (keys with or without x-amz-meta-). It reads
// the whole body into one buffer and decrypts it in place, so peak memory is
// about the object size, and it returns plaintext only after the tag has been
// verified: on any failure it returns no plaintext and wipes the buffer.
// Integrity failures are *AuthError; unreadable metadata is *MetadataError.
func Decrypt(ctx context.Context, ciphertext io.Reader, metadata map[string]string, kr Keyring, opts DecryptOptions) ([]byte, error) {
	env, err := parseMetadata(metadata)
	if err != nil {
		return nil, err
	}
	if kr == nil || kr.WrapAlg() != env.wrapAlg {
		have := "none"
		if kr != nil {
			have = kr.WrapAlg()
		}
		return nil, fmt.Errorf("%w: object uses %s, keyring is %s", ErrWrongKeyring, env.wrapAlg, have)
	}
	if opts.ExpectedContext != nil {
		stored := maps.Clone(env.description)
		delete(stored, ReservedContextKey)
		if !maps.Equal(stored, opts.ExpectedContext) {
			return nil, &AuthError{Reason: "stored encryption context differs from the expected one"}
		}
	}
	dataKey, err := kr.Decrypt(ctx, UnwrapRequest{ContentCipher: env.cekAlg, Wrapped: env.wrappedKey, Description: env.description})
	if err != nil {
		return nil, err
	}
	defer clear(dataKey)
	if len(dataKey) != dataKeySize {
		return nil, &AuthError{Reason: fmt.Sprintf("unwrapped data key is %d bytes, want %d", len(dataKey), dataKeySize)}
	}

	var contentKey []byte
	if env.format == FormatV3 {
		// The commitment is checked before the body is read at all.
		if contentKey, err = v3Key(dataKey, env.messageID, env.commitment); err != nil {
			return nil, err
		}
		defer clear(contentKey)
	}

	body, err := readBody(ciphertext, env.plainLen)
	if err != nil {
		return nil, err
	}
	if env.format == FormatV3 {
		return v3Open(contentKey, body)
	}
	return v2Open(dataKey, env.iv, body)
}

// readBody reads the whole ciphertext into one buffer. With a known
// plaintext length the buffer is sized exactly (up to maxPrealloc, as the
// length is not yet authenticated) and at most one byte past the expected
// size is read, so a padded body fails without reading it all.
func readBody(r io.Reader, plainLen int64) ([]byte, error) {
	limit := int64(-1)
	initial := int64(64 << 10)
	if plainLen >= 0 {
		limit = plainLen + gcmTagSize + 1
		initial = min(limit, maxPrealloc)
	}
	body := make([]byte, 0, initial)
	for limit < 0 || int64(len(body)) < limit {
		if len(body) == cap(body) {
			grow := max(cap(body), 512)
			if limit >= 0 {
				grow = int(min(int64(grow), limit-int64(len(body))))
			}
			body = slices.Grow(body, grow)
		}
		room := body[len(body):cap(body)]
		if limit >= 0 {
			room = room[:min(int64(len(room)), limit-int64(len(body)))]
		}
		n, err := r.Read(room)
		body = body[:len(body)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("clientside: read ciphertext: %w", err)
		}
	}
	switch {
	case len(body) < gcmTagSize:
		return nil, &AuthError{Reason: fmt.Sprintf("body is %d bytes, shorter than the 16-byte tag", len(body))}
	case plainLen >= 0 && int64(len(body)) != plainLen+gcmTagSize:
		return nil, &AuthError{Reason: fmt.Sprintf("body length does not match x-amz-unencrypted-content-length %d", plainLen)}
	}
	return body, nil
}
