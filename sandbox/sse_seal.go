package sandbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
)

// dataKeySize is the size of every content, data and bucket key (AES-256).
const dataKeySize = 32

// errSegment reports a segment that fails authentication: content changed,
// moved or cut at rest (a data directory is writable by its owner), a sandbox
// bug, or a wrong key that slipped past the checks; never a client error.
var errSegment = errors.New("sandbox: stored object segment fails authentication")

// newGCM returns AES-256-GCM under key.
func newGCM(key []byte) cipher.AEAD {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic("sandbox: " + err.Error()) // keys are always 32 bytes
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return aead
}

// sealSegment encrypts plaintext under each layer key in turn with a fresh
// random nonce: nonce ‖ ciphertext ‖ tag. It wraps SSE-S3 data keys under the
// master key; object content is sealed in segments (segment_format.go).
func sealSegment(layers [][]byte, plaintext []byte) []byte {
	out := plaintext
	for _, key := range layers {
		aead := newGCM(key)
		nonce := randomBytes(aead.NonceSize())
		out = aead.Seal(nonce, nonce, out, nil)
	}
	return out
}

// openSegment undoes sealSegment, outermost layer first.
func openSegment(layers [][]byte, segment []byte) ([]byte, error) {
	out := segment
	for i := len(layers) - 1; i >= 0; i-- {
		aead := newGCM(layers[i])
		if len(out) < aead.NonceSize()+aead.Overhead() {
			return nil, errSegment
		}
		nonce, ct := out[:aead.NonceSize()], out[aead.NonceSize():]
		pt, err := aead.Open(nil, nonce, ct, nil)
		if err != nil {
			return nil, errSegment
		}
		out = pt
	}
	return out, nil
}

// deriveKey derives a 32-byte key with HKDF-SHA256; info separates the uses.
func deriveKey(secret, salt []byte, info string) []byte {
	k, err := hkdf.Key(sha256.New, secret, salt, info, dataKeySize)
	if err != nil {
		panic(err) // only for lengths HKDF cannot produce; 32 always works
	}
	return k
}

// randomBytes returns n bytes from crypto/rand.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails since Go 1.24
	return b
}
