package termsafe

import (
	"strings"
	"testing"
)

func TestWriterKeepsLinesAndEscapesTheRest(t *testing.T) {
	var b strings.Builder
	w := NewWriter(&b)
	in := "bucket a\x1b[2Jb\nfinding: x\u202ey\n日本\n"
	// Byte by byte, so that runes are cut between writes.
	for i := 0; i < len(in); i++ {
		if n, err := w.Write([]byte{in[i]}); n != 1 || err != nil {
			t.Fatalf("Write: %d %v", n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "bucket a\\x1b[2Jb\nfinding: x\\u202ey\n日本\n"; b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
	b.Reset()
	_, _ = w.Write([]byte("cut \xe6\x97"))
	_ = w.Flush()
	if b.String() != `cut \xe6\x97` {
		t.Fatalf("a cut rune at the end: %q", b.String())
	}
}
