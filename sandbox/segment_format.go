package sandbox

import (
	"crypto/cipher"
	"encoding/binary"
)

// Object content at rest is cut into segments of segmentSize plaintext bytes
// (the last one shorter, an empty piece has one empty segment), each sealed on
// its own with AES-256-GCM under a fresh random nonce: nonce ‖ ciphertext ‖
// tag, twice for DSSE-KMS. A GET therefore decrypts only the segments its
// range touches and holds one segment at a time, whatever the object's size.
//
// Each segment's additional authenticated data binds it to its place: the
// random id of the piece it belongs to (a single-part object, or one part of
// a multipart upload), its index in the piece, and whether it is the last
// one. Segments moved between pieces or objects, reordered, dropped or cut
// short fail authentication like flipped bits do (the STREAM construction of
// Hoang, Reyhanitabar, Rogaway and Vizár, "Online Authenticated-Encryption
// and its Nonce-Reuse Misuse-Resistance", with random nonces).

// segmentSize is the plaintext length of every segment but a piece's last.
// 1 MiB: the per-segment overhead (28 bytes a layer) is negligible, and a
// request holds at most one segment's worth of buffers.
const segmentSize = 1 << 20

// segmentLayerOverhead is what one AES-GCM layer adds: a 12-byte nonce and a
// 16-byte tag.
const segmentLayerOverhead = 12 + 16

// maxSegmentLayers is the most layers a segment has (DSSE-KMS).
const maxSegmentLayers = 2

// pieceIDSize is the length of a piece's random id.
const pieceIDSize = 16

// segmentAADSize is the length of segmentAAD's result.
const segmentAADSize = len(segmentAADLabel) + pieceIDSize + 8 + 1

// segmentAADLabel keeps the sandbox's content AAD apart from any other use of
// the same keys (key wrapping uses no AAD).
const segmentAADLabel = "s3sec sandbox segment v1"

// segmentAAD is the additional data of segment index of piece id.
func segmentAAD(dst []byte, id [pieceIDSize]byte, index int64, last bool) []byte {
	dst = append(dst[:0], segmentAADLabel...)
	dst = append(dst, id[:]...)
	dst = binary.BigEndian.AppendUint64(dst, uint64(index))
	if last {
		return append(dst, 1)
	}
	return append(dst, 0)
}

// segmentCount is how many segments hold size plaintext bytes (at least one).
func segmentCount(size int64) int64 {
	if size <= 0 {
		return 1
	}
	return (size + segmentSize - 1) / segmentSize
}

// sealedSegmentLen is the at-rest length of a segment of n plaintext bytes.
func sealedSegmentLen(n int, layers int) int {
	return n + layers*segmentLayerOverhead
}

// segmentCipher seals and opens the segments of one object's content; it
// holds the AEAD of each layer, innermost first, so a request builds them once.
type segmentCipher struct {
	layers []cipher.AEAD
	aad    []byte
}

// newSegmentCipher builds the cipher of contentLayers' keys.
func newSegmentCipher(keys [][]byte) *segmentCipher {
	sc := &segmentCipher{aad: make([]byte, 0, segmentAADSize)}
	for _, k := range keys {
		sc.layers = append(sc.layers, newGCM(k))
	}
	return sc
}

// seal encrypts plaintext (which it overwrites) as segment index of piece id
// and returns the sealed segment in out, which must have room for
// sealedSegmentLen(len(plaintext)) bytes; plaintext and out must not overlap.
// With two layers it uses plaintext's storage for the inner layer, so both
// buffers need that room.
func (sc *segmentCipher) seal(out, plaintext []byte, id [pieceIDSize]byte, index int64, last bool) []byte {
	sc.aad = segmentAAD(sc.aad, id, index, last)
	src, dst := plaintext, out
	for _, aead := range sc.layers {
		nonce := randomBytes(aead.NonceSize())
		sealed := aead.Seal(append(dst[:0], nonce...), nonce, src, sc.aad)
		src, dst = sealed, src[:0]
	}
	return src
}

// open authenticates and decrypts segment index of piece id in place and
// returns the plaintext, a sub-slice of segment.
func (sc *segmentCipher) open(segment []byte, id [pieceIDSize]byte, index int64, last bool) ([]byte, error) {
	sc.aad = segmentAAD(sc.aad, id, index, last)
	out := segment
	for i := len(sc.layers) - 1; i >= 0; i-- {
		aead := sc.layers[i]
		ns := aead.NonceSize()
		if len(out) < ns+aead.Overhead() {
			return nil, errSegment
		}
		pt, err := aead.Open(out[ns:ns], out[:ns], out[ns:], sc.aad)
		if err != nil {
			return nil, errSegment
		}
		out = pt
	}
	return out, nil
}
