package termsafe

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Writer escapes what passes through it like String, except line breaks
// ("\n"), so that a whole text report can be made safe at once. A rune cut
// between two writes is held until the next write or Flush.
type Writer struct {
	w    io.Writer
	tail []byte // the start of a rune that continues in the next write
}

// NewWriter returns a Writer onto w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write implements io.Writer; it reports len(p) when the escaped text was written.
func (t *Writer) Write(p []byte) (int, error) {
	buf := append(t.tail, p...)
	t.tail = nil
	cut := len(buf)
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	t.tail = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(t.w, escapeLines(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a held incomplete rune, escaped as invalid UTF-8.
func (t *Writer) Flush() error {
	if len(t.tail) == 0 {
		return nil
	}
	s := String(string(t.tail))
	t.tail = nil
	_, err := io.WriteString(t.w, s)
	return err
}

// escapeLines is String applied to each line, keeping the line breaks.
func escapeLines(s string) string {
	if !NeedsEscape(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = String(l)
	}
	return strings.Join(lines, "\n")
}
