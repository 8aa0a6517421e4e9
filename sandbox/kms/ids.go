package kms

import (
	"encoding/hex"

	"github.com/s3sec/s3sec/sandbox/internal/randsource"
)

// idSource draws key ids: random in normal operation, from a fixed seed while
// demo data is loaded.
type idSource struct{ randsource.Source }

// keyID returns a version-4 UUID, the shape of single-Region key ids.
func (s *idSource) keyID() string {
	var b [16]byte
	s.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// multiRegionKeyID returns "mrk-" and 32 hex digits, the shape of multi-Region key ids.
func (s *idSource) multiRegionKeyID() string {
	var b [16]byte
	s.Read(b[:])
	return "mrk-" + hex.EncodeToString(b[:])
}

// isKeyID reports whether v has the shape of a key id: a UUID, or "mrk-"
// and 32 hex digits for a multi-Region key (both 36 characters).
func isKeyID(v string) bool {
	if len(v) != 36 {
		return false
	}
	if v[:4] == "mrk-" {
		for _, c := range v[4:] {
			if !isHex(c) {
				return false
			}
		}
		return true
	}
	for i, c := range v {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if !isHex(c) {
			return false
		}
	}
	return true
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c rune) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
