package awsops

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/s3sec/s3sec/internal/termsafe"
)

// needsANSIC reports whether s holds a character that single quotes would
// carry raw into the displayed command: a control or format character (an
// object key may hold ESC or a bidi override) or invalid UTF-8.
func needsANSIC(s string) bool { return termsafe.NeedsEscape(s) }

// ansiCQuote quotes s as a bash/zsh ANSI-C string ($'...'): the command
// still names the exact key when pasted, and shows no raw control character.
func ansiCQuote(s string) string {
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\'' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80 && termsafe.Unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case termsafe.Unsafe(r) && r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		case termsafe.Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	b.WriteByte('\'')
	return b.String()
}
