package clientside

import (
	"crypto/hkdf"
	"crypto/sha512"
	"crypto/subtle"
)

// V3 content encryption, suite 0x0073 ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY
// (S3-BEHAVIOR §9.2, S3EC spec key-derivation.md):
//
//	PRK        = HKDF-Extract(SHA-512, salt = message id (28 bytes), ikm = data key)
//	enc key    = HKDF-Expand(PRK, 0x00 0x73 ‖ "DERIVEKEY", 32)
//	commitment = HKDF-Expand(PRK, 0x00 0x73 ‖ "COMMITKEY", 28), stored in x-amz-d
//	body       = AES-256-GCM(enc key, IV = twelve 0x01 bytes, AAD = 0x00 0x73) ‖ tag
//
// The IV is all 0x01 bytes, not all zeros: the current spec and the official
// Go v4 client (internal/aes_gcm_committing_content_cipher.go) use ones; an
// early spec revision said zeros, which would not interoperate.

// suiteIDCommit is suite 0x0073 as the two bytes used in HKDF info and as AAD.
var suiteIDCommit = []byte{0x00, 0x73}

// v3Nonce is the fixed content IV of suite 0x0073; safe because every object
// has its own derived key.
var v3Nonce = []byte{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}

// v3Keys derives the content key and the key commitment.
func v3Keys(dataKey, messageID []byte) (encKey, commitment []byte, err error) {
	prk, err := hkdf.Extract(sha512.New, dataKey, messageID)
	if err != nil {
		return nil, nil, err
	}
	commitment, err = hkdf.Expand(sha512.New, prk, string(suiteIDCommit)+"COMMITKEY", commitmentSize)
	if err != nil {
		return nil, nil, err
	}
	encKey, err = hkdf.Expand(sha512.New, prk, string(suiteIDCommit)+"DERIVEKEY", dataKeySize)
	if err != nil {
		return nil, nil, err
	}
	return encKey, commitment, nil
}

// v3Stream starts streaming V3 encryption and returns the commitment to store.
func v3Stream(dataKey, messageID []byte) (*gcmStream, []byte, error) {
	encKey, commitment, err := v3Keys(dataKey, messageID)
	if err != nil {
		return nil, nil, err
	}
	s, err := newGCMStream(encKey, v3Nonce, suiteIDCommit)
	clear(encKey)
	return s, commitment, err
}

// v3Key derives the content key after checking the stored commitment in
// constant time. It runs before any byte of the body is read, so a body
// encrypted under another key is never decrypted at all.
func v3Key(dataKey, messageID, storedCommitment []byte) ([]byte, error) {
	encKey, commitment, err := v3Keys(dataKey, messageID)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(commitment, storedCommitment) != 1 {
		clear(encKey)
		return nil, &AuthError{Reason: "key commitment mismatch"}
	}
	return encKey, nil
}

// v3Open authenticates and decrypts a whole V3 body in place.
func v3Open(encKey, body []byte) ([]byte, error) {
	return gcmOpen(encKey, v3Nonce, body, suiteIDCommit)
}
