package clientside

import (
	"context"
	"crypto/rand"
	"io"
	"maps"
)

// Keyring creates and recovers the per-object data keys (envelope encryption).
// The two implementations are KMSKeyring (kms+context) and AESKeyring (AES/GCM).
type Keyring interface {
	// WrapAlg is the V2 wrapping algorithm name: WrapKMSContext or WrapAESGCM.
	WrapAlg() string
	// GenerateDataKey returns a fresh 32-byte data key, its wrapped form, and
	// the description to store in the object's metadata.
	GenerateDataKey(ctx context.Context, req KeyRequest) (DataKey, error)
	// Decrypt unwraps a data key; integrity failures are *AuthError.
	Decrypt(ctx context.Context, req UnwrapRequest) ([]byte, error)
}

// KeyRequest asks a keyring for a new data key.
type KeyRequest struct {
	// ContentCipher is CipherAESGCM (V2) or CipherAESGCMCommit (V3); the KMS
	// keyring binds it into the encryption context.
	ContentCipher string
	// Context is the caller's KMS encryption context, or the material
	// description for a raw keyring. Keyrings must not modify it.
	Context map[string]string

	rand io.Reader // fixed randomness for known-answer tests; nil means crypto/rand
}

// random is the randomness source keyrings in this package use.
func (r KeyRequest) random() io.Reader {
	if r.rand != nil {
		return r.rand
	}
	return rand.Reader
}

// DataKey is a new data key in plaintext and wrapped form.
type DataKey struct {
	Plaintext   []byte            // 32 bytes; never stored
	Wrapped     []byte            // stored base64 in x-amz-key-v2 / x-amz-3
	Description map[string]string // stored as JSON in x-amz-matdesc / x-amz-t / x-amz-m
}

// UnwrapRequest asks a keyring to recover an object's data key.
type UnwrapRequest struct {
	ContentCipher string            // the object's content cipher, from its metadata
	Wrapped       []byte            // the wrapped data key
	Description   map[string]string // the stored context / material description
}

// cloneContext copies a context so callers' maps are never aliased or changed.
func cloneContext(c map[string]string) map[string]string {
	out := make(map[string]string, len(c)+1)
	maps.Copy(out, c)
	return out
}
