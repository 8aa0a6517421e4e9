// Package termsafe renders untrusted text (object keys, names and messages
// that come from S3) so that it cannot act on the terminal: control
// characters cannot start escape sequences or move the cursor, and
// invisible formatting characters (bidi overrides, zero-width characters)
// cannot make one name read as another. They are shown escaped instead.
//
// It is for display only: the program keeps and acts on the raw strings.
package termsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String returns s with every unsafe character visibly escaped: \t, \n and
// \r by name, other C0 controls and DEL as \x1b, C1 controls and format
// characters as \u202e (\U000e0001 above the BMP), and each byte of invalid
// UTF-8 as \xff. Everything else is kept, backslashes included, so String
// is idempotent and a plain name reads as it is; a key that literally
// holds the text "\x1b" therefore looks like one holding ESC, which is
// harmless because nothing acts on the rendered form.
func String(s string) string {
	if !NeedsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r) && r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Unsafe reports whether r must not reach a terminal as it is: a control
// character (C0, DEL, C1), a format character (Unicode category Cf: the
// bidi marks, embeddings, overrides and isolates U+200E/F, U+202A–202E,
// U+2066–2069, U+061C, zero-width characters, U+FEFF, tag characters, ...)
// or a line or paragraph separator (U+2028, U+2029).
func Unsafe(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// NeedsEscape reports whether String changes s: s holds invalid UTF-8 or
// a character Unsafe names.
func NeedsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || Unsafe(r) {
			return true
		}
		i += n
	}
	return false
}

// FileName turns an object key into a safe local file name suggestion:
// the last path segment, without path separators, control or format
// characters (each becomes "_"), and never ".", ".." or empty (then
// fallback). A name starting with "-" gets "_" in front so that it is not
// read as an option.
func FileName(key, fallback string) string {
	if i := strings.LastIndexAny(key, `/\`); i >= 0 {
		key = key[i+1:]
	}
	var b strings.Builder
	for i := 0; i < len(key); {
		r, n := utf8.DecodeRuneInString(key[i:])
		if r == utf8.RuneError && n == 1 || Unsafe(r) || r == ':' {
			b.WriteByte('_')
		} else {
			b.WriteString(key[i : i+n])
		}
		i += n
	}
	name := strings.TrimSpace(b.String())
	if name == "" || name == "." || name == ".." || strings.Trim(name, "_") == "" {
		return fallback
	}
	if strings.HasPrefix(name, "-") {
		name = "_" + name
	}
	return name
}
