// Package uriencode is the one percent-encoder the sandbox's S3 pieces
// share: SigV4's canonical URI and query (sigv4), keys in listings with
// encoding-type=url, and the Key and Request-URI fields of access-log
// records. All three use the same rule, so it lives once.
package uriencode

import "strings"

// Encode is the SigV4 UriEncode: every byte outside A-Z a-z 0-9 - _ . ~
// becomes %XX with upper-case hex; '/' is kept unless encodeSlash.
func Encode(s string, encodeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || (c == '/' && !encodeSlash) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// Path encodes s keeping '/', as S3 shows keys (listings with
// encoding-type=url, access-log records).
func Path(s string) string { return Encode(s, false) }

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}
