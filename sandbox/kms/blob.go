package kms

import (
	"crypto/aes"
	"crypto/cipher"
	crand "crypto/rand"
	"encoding/binary"
	"sort"
)

// Ciphertext blob layout (S3-BEHAVIOR 7.3):
//
//	version(1) ‖ len(keyID)(1) ‖ keyID ‖ nonce(12) ‖ AES-256-GCM ciphertext ‖ tag(16)
//
// The header (version, key id) and the canonical encryption context are the
// GCM associated data, so changing either the context or any byte of the
// blob makes decryption fail.
const (
	blobVersion   = 1
	blobNonceSize = 12
	blobTagSize   = 16
)

// sealBlob encrypts plaintext under k bound to encCtx.
func sealBlob(k *key, plaintext []byte, encCtx map[string]string) []byte {
	header := append([]byte{blobVersion, byte(len(k.id))}, k.id...)
	nonce := make([]byte, blobNonceSize)
	_, _ = crand.Read(nonce)
	out := append(header, nonce...)
	return aead(k.material).Seal(out, nonce, plaintext, associatedData(header, encCtx))
}

// blobKeyID reads the key id from a blob's header; ok is false when the blob
// cannot be one of ours.
func blobKeyID(blob []byte) (id string, ok bool) {
	if len(blob) < 2 || blob[0] != blobVersion {
		return "", false
	}
	n := int(blob[1])
	if len(blob) < 2+n+blobNonceSize+blobTagSize {
		return "", false
	}
	return string(blob[2 : 2+n]), true
}

// openBlob decrypts a blob sealed under k; ok is false on any mismatch
// (other key, other context, tampering).
func openBlob(k *key, blob []byte, encCtx map[string]string) (plaintext []byte, ok bool) {
	id, ok := blobKeyID(blob)
	if !ok || id != k.id {
		return nil, false
	}
	hl := 2 + len(id)
	nonce := blob[hl : hl+blobNonceSize]
	pt, err := aead(k.material).Open(nil, nonce, blob[hl+blobNonceSize:], associatedData(blob[:hl], encCtx))
	if err != nil {
		return nil, false
	}
	if pt == nil {
		pt = []byte{}
	}
	return pt, true
}

// aead is AES-256-GCM under a key's material.
func aead(material []byte) cipher.AEAD {
	block, err := aes.NewCipher(material)
	if err != nil {
		panic("kms: bad key material: " + err.Error()) // material is always 32 bytes
	}
	g, err := cipher.NewGCM(block)
	if err != nil {
		panic("kms: GCM: " + err.Error())
	}
	return g
}

// associatedData is the blob header followed by the canonical encryption
// context: pairs sorted by key, each string length-prefixed so that no two
// different contexts encode alike. A nil and an empty context are the same.
func associatedData(header []byte, encCtx map[string]string) []byte {
	names := make([]string, 0, len(encCtx))
	for k := range encCtx {
		names = append(names, k)
	}
	sort.Strings(names)
	ad := append([]byte(nil), header...)
	for _, k := range names {
		ad = binary.BigEndian.AppendUint32(ad, uint32(len(k)))
		ad = append(ad, k...)
		v := encCtx[k]
		ad = binary.BigEndian.AppendUint32(ad, uint32(len(v)))
		ad = append(ad, v...)
	}
	return ad
}
