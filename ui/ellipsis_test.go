package ui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFitMiddle(t *testing.T) {
	cases := []struct {
		in   string
		w    int
		want string
	}{
		{"short", 10, "short     "},
		{"logs/2026/05/01/app-server-1.gz", 16, "logs/…erver-1.gz"},
		{"logs/2026/05/01/app-server-2.gz", 16, "logs/…erver-2.gz"},
		{"abcdefgh", 4, "abc…"},
		{"abcdefgh", 0, ""},
		{"日本語のファイル名です.txt", 12, "日…です.txt "},
	}
	for _, c := range cases {
		got := FitMiddle(c.in, c.w)
		if ansi.StringWidth(got) != c.w {
			t.Errorf("FitMiddle(%q, %d) = %q is %d cells wide", c.in, c.w, got, ansi.StringWidth(got))
		}
		if got != c.want {
			t.Errorf("FitMiddle(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
	}
}
