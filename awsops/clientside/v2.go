package clientside

import (
	"crypto/aes"
	"crypto/cipher"
)

// V2 content encryption, suite 0x0072 "AES/GCM/NoPadding": AES-256-GCM keyed
// directly with the data key, a random 12-byte IV stored in x-amz-iv, no AAD,
// and the 16-byte tag appended to the body (S3-BEHAVIOR §9.2).

// v2Stream starts streaming V2 encryption.
func v2Stream(dataKey, iv []byte) (*gcmStream, error) {
	return newGCMStream(dataKey, iv, nil)
}

// v2Open authenticates and decrypts a whole V2 body in place.
func v2Open(dataKey, iv, body []byte) ([]byte, error) {
	return gcmOpen(dataKey, iv, body, nil)
}

// gcmOpen decrypts body in place with AES-256-GCM; on failure body is wiped
// so no unauthenticated plaintext survives in the caller's buffer.
func gcmOpen(key, nonce, body, aad []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	pt, err := aead.Open(body[:0], nonce, body, aad)
	if err != nil {
		clear(body)
		return nil, &AuthError{Reason: "AES-GCM tag mismatch", Err: err}
	}
	return pt, nil
}
