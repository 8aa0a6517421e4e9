package clientside

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"errors"
)

// gcmStream computes AES-GCM encryption (seal) or decryption (open) piece by
// piece, byte-identical to cipher.AEAD.Seal/Open on the whole message, so
// Encrypt and DecryptTo need only one chunk of memory. The standard library exposes no incremental GCM, so:
//
//   - the keystream is AES-CTR from J0+1 (cipher.NewCTR; its 128-bit counter
//     equals GCM's 32-bit one because GCM messages are < 2^32 blocks);
//   - GHASH of each ciphertext chunk is taken from the standard GCM itself:
//     sealing an empty plaintext with the chunk as AAD under a fixed helper
//     nonce yields GHASH(chunk ‖ len) masked by E(helper J0), and both the
//     mask and the length term are removed here. That keeps the per-byte
//     work in the library's assembly; only a few GF(2^128) products per chunk
//     are done in Go (gfMul).
//
// Chunks combine by Horner's rule over chunks: acc = acc·H^m + W, where m is
// the chunk's block count and W its GHASH without the length term. Every chunk
// except the last must be a multiple of 16 bytes.
type gcmStream struct {
	ctr      cipher.Stream
	hasher   cipher.AEAD // same key; only ever seals empty plaintexts, output never leaves
	hashMask gfElem      // E(helper nonce ‖ 1), the mask on every hasher tag
	h        gfElem      // E(0^128), the GHASH key
	tagMask  gfElem      // E(J0) for the real nonce
	acc      gfElem
	aadLen   uint64
	ctLen    uint64
	last     bool // a partial chunk was absorbed; no more input allowed

	scratch [gcmTagSize]byte // hasher output; a field so it is not allocated per chunk

	powBlocks uint64 // cache of h^powBlocks, since most chunks have one size
	pow       gfElem
}

// helperNonce is the nonce of the GHASH-only seals; any fixed value works
// because those tags are unmasked internally and never published.
var helperNonce [gcmIVSize]byte

// newGCMStream starts an AES-GCM encryption with a 12-byte nonce and the given AAD.
func newGCMStream(key, nonce, aad []byte) (*gcmStream, error) {
	if len(nonce) != gcmIVSize {
		return nil, errors.New("clientside: GCM nonce must be 12 bytes")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	hasher, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	s := &gcmStream{hasher: hasher}
	var buf [16]byte
	block.Encrypt(buf[:], buf[:])
	s.h = gfLoad(buf[:])

	s.hashMask = encryptCounter(block, helperNonce[:], 1)
	s.tagMask = encryptCounter(block, nonce, 1)

	var iv [16]byte
	copy(iv[:], nonce)
	binary.BigEndian.PutUint32(iv[12:], 2)
	s.ctr = cipher.NewCTR(block, iv[:])

	if len(aad) > 0 {
		s.absorb(aad)
		s.aadLen = uint64(len(aad))
		s.last = false // the AAD is padded on its own; ciphertext starts a fresh block
	}
	return s, nil
}

// encryptCounter returns E(nonce ‖ counter).
func encryptCounter(block cipher.Block, nonce []byte, counter uint32) gfElem {
	var b [16]byte
	copy(b[:], nonce)
	binary.BigEndian.PutUint32(b[12:], counter)
	block.Encrypt(b[:], b[:])
	return gfLoad(b[:])
}

// seal encrypts src into dst (same length; may alias src exactly) and feeds
// the ciphertext to GHASH.
func (s *gcmStream) seal(dst, src []byte) {
	if s.last || len(dst) != len(src) {
		panic("clientside: gcmStream misuse: chunk after a partial chunk, or dst/src lengths differ")
	}
	s.ctr.XORKeyStream(dst, src)
	s.absorb(dst)
	s.ctLen += uint64(len(dst))
}

// open feeds a ciphertext chunk to GHASH and decrypts it into dst (same
// length; may alias src exactly). The same chunk rules as seal apply.
func (s *gcmStream) open(dst, src []byte) {
	if s.last || len(dst) != len(src) {
		panic("clientside: gcmStream misuse: chunk after a partial chunk, or dst/src lengths differ")
	}
	s.absorb(src)
	s.ctLen += uint64(len(src))
	s.ctr.XORKeyStream(dst, src)
}

// absorb folds one chunk into the GHASH accumulator.
func (s *gcmStream) absorb(chunk []byte) {
	if len(chunk) == 0 {
		return
	}
	tag := s.hasher.Seal(s.scratch[:0], helperNonce[:], nil, chunk)
	// tag = GHASH(chunk ‖ L) ⊕ mask, and GHASH(chunk ‖ L) = W ⊕ L·H.
	w := gfLoad(tag).xor(s.hashMask).xor(gfMul(lengthBlock(uint64(len(chunk)), 0), s.h))
	blocks := uint64(len(chunk)+15) / 16
	if blocks != s.powBlocks {
		s.powBlocks, s.pow = blocks, gfPow(s.h, blocks)
	}
	s.acc = gfMul(s.acc, s.pow).xor(w)
	s.last = len(chunk)%16 != 0
}

// tag finishes the message and returns its 16-byte authentication tag.
func (s *gcmStream) tag() [gcmTagSize]byte {
	y := s.acc.xor(gfMul(lengthBlock(s.aadLen, s.ctLen), s.h)).xor(s.tagMask)
	var out [gcmTagSize]byte
	y.put(out[:])
	return out
}
