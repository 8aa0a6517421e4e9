package clientside

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"io"
)

// aesWrapAAD is authenticated with every wrapped data key. The Java S3EC's
// AesKeyring always uses the suite-0x0072 cipher name here, also for V3
// objects (its commit suite reports the same cipher name), so we do too.
var aesWrapAAD = []byte(CipherAESGCM)

// AESKeyring wraps data keys locally with AES-256-GCM under a master key
// (wrapping algorithm AES/GCM, V3 code 02, as the Java S3EC's AesKeyring):
// wrapped = IV (12) ‖ ciphertext (32) ‖ tag (16).
//
// The material description stored with the object (the Context passed to
// Encrypt) is not bound into the wrap, exactly as in the Java client; Decrypt
// compares it with DecryptOptions.ExpectedContext when one is given.
type AESKeyring struct {
	aead cipher.AEAD
}

// NewAESKeyring returns a keyring for a 32-byte master key (see LoadMasterKey).
func NewAESKeyring(masterKey []byte) (*AESKeyring, error) {
	if len(masterKey) != dataKeySize {
		return nil, fmt.Errorf("clientside: master key must be 32 bytes (AES-256), got %d", len(masterKey))
	}
	block, err := aes.NewCipher(masterKey)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &AESKeyring{aead: aead}, nil
}

// WrapAlg returns WrapAESGCM.
func (k *AESKeyring) WrapAlg() string { return WrapAESGCM }

// GenerateDataKey draws a random data key and wraps it under the master key.
func (k *AESKeyring) GenerateDataKey(_ context.Context, req KeyRequest) (DataKey, error) {
	buf := make([]byte, dataKeySize+gcmIVSize)
	if _, err := io.ReadFull(req.random(), buf); err != nil {
		return DataKey{}, fmt.Errorf("clientside: random data key: %w", err)
	}
	dataKey, iv := buf[:dataKeySize], buf[dataKeySize:]
	wrapped := make([]byte, gcmIVSize, gcmIVSize+dataKeySize+gcmTagSize)
	copy(wrapped, iv)
	wrapped = k.aead.Seal(wrapped, iv, dataKey, aesWrapAAD)
	return DataKey{Plaintext: dataKey, Wrapped: wrapped, Description: cloneContext(req.Context)}, nil
}

// Decrypt unwraps a data key; a wrong master key or a modified wrapped key
// fails GCM authentication and returns *AuthError.
func (k *AESKeyring) Decrypt(_ context.Context, req UnwrapRequest) ([]byte, error) {
	if len(req.Wrapped) != gcmIVSize+dataKeySize+gcmTagSize {
		return nil, &AuthError{Reason: fmt.Sprintf("wrapped data key is %d bytes, want %d", len(req.Wrapped), gcmIVSize+dataKeySize+gcmTagSize)}
	}
	iv, sealed := req.Wrapped[:gcmIVSize], req.Wrapped[gcmIVSize:]
	dataKey, err := k.aead.Open(nil, iv, sealed, aesWrapAAD)
	if err != nil {
		return nil, &AuthError{Reason: "the master key is wrong or the wrapped data key was modified", Err: err}
	}
	return dataKey, nil
}
