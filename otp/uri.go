package otp

import "strings"

// URI returns the otpauth:// URI IAM encodes in QRCodePNG:
// otpauth://totp/<deviceName>@<accountName>?secret=<seed>.
//
// Both names are percent-encoded down to RFC 3986 unreserved characters, so an
// '@' inside a name (allowed in IAM device names) cannot be mistaken for the
// separator and a '+' cannot be read as a space by form-style decoders.
func URI(deviceName, accountName, seed string) string {
	return "otpauth://totp/" + escapeStrict(deviceName) + "@" + escapeStrict(accountName) +
		"?secret=" + escapeStrict(seed)
}

// escapeStrict percent-encodes every byte except ALPHA / DIGIT / "-" / "." / "_" / "~".
func escapeStrict(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIIAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// Issuer names s3sec in the authenticator app's list of accounts.
const Issuer = "s3sec"

// IssuerURI is URI with an issuer, as the Key URI format asks: the label is
// prefixed "<issuer>:" and the issuer is repeated as a parameter, so apps
// that read either one (older ones only read the prefix) show where the
// code is for instead of a bare device name.
func IssuerURI(issuer, deviceName, accountName, seed string) string {
	return "otpauth://totp/" + escapeStrict(issuer) + ":" + escapeStrict(deviceName) + "@" + escapeStrict(accountName) +
		"?secret=" + escapeStrict(seed) + "&issuer=" + escapeStrict(issuer)
}
