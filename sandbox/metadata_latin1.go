package sandbox

import "strings"

// latin1Text reads a header value's bytes as ISO-8859-1, as S3's web server
// does (S3-BEHAVIOR 9.5): each byte becomes the character of the same code
// point. A UTF-8 value sent raw ("Zoë" as 5A 6F C3 AB) is therefore stored
// as "ZoÃ«" and comes back RFC 2047-encoded in that form: the "double
// encoding" the official S3 Encryption Client's customS3Decoder undoes (its
// tests against real S3 depend on it). ASCII values are unchanged.
func latin1Text(raw string) string {
	ascii := true
	for i := 0; i < len(raw); i++ {
		if raw[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw) * 2)
	for i := 0; i < len(raw); i++ {
		b.WriteRune(rune(raw[i]))
	}
	return b.String()
}
