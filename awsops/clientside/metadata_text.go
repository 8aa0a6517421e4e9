package clientside

import (
	"mime"
	"strings"
	"unicode/utf8"
)

// s3MetadataText turns a metadata value as a GetObject answer carries it back
// into the text the writer meant. Three forms occur:
//   - plain: an ASCII value, or raw UTF-8 from a server that passes bytes through;
//   - single-encoded: RFC 2047 (=?UTF-8?B?...?=) of the text, from a writer
//     that encoded it itself;
//   - double-encoded: what S3 answers for a UTF-8 value sent raw. S3 reads
//     header bytes as ISO-8859-1, so "ë" (C3 AB) is stored as "Ã«" and comes
//     back RFC 2047-encoded in that form. The official client's
//     customS3Decoder undoes it by taking each such character as one byte of
//     the original UTF-8; so do we.
//
// ok is false when the value looks RFC 2047-encoded but does not decode.
func s3MetadataText(v string) (text string, ok bool) {
	if !strings.HasPrefix(v, "=?") {
		return v, true
	}
	dec, err := new(mime.WordDecoder).DecodeHeader(v)
	if err != nil {
		return "", false
	}
	if orig, ok := latin1Bytes(dec); ok && utf8.Valid(orig) {
		return string(orig), true
	}
	return dec, true
}

// latin1Bytes maps each character of s to the byte of the same code point;
// ok is false when s has a character above U+00FF (so it cannot be S3's
// ISO-8859-1 reading of bytes) or none above U+007F (nothing to undo).
func latin1Bytes(s string) (b []byte, ok bool) {
	high := false
	b = make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			return nil, false
		}
		high = high || r >= 0x80
		b = append(b, byte(r))
	}
	return b, high
}
