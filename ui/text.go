package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap breaks plain text into lines of at most width cells, at spaces
// where it can and inside words longer than a line (ARNs, JSON) where it
// must. It never breaks at hyphens, so "--flag" in a command stays whole.
func Wrap(text string, width int) []string {
	if width <= 0 {
		return nil
	}
	var lines []string
	line, lineW := "", 0
	flush := func() {
		lines = append(lines, line)
		line, lineW = "", 0
	}
	for _, word := range strings.Fields(text) {
		w := ansi.StringWidth(word)
		if lineW > 0 && lineW+1+w <= width {
			line += " " + word
			lineW += 1 + w
			continue
		}
		if lineW > 0 {
			flush()
		}
		for w > width {
			lines = append(lines, ansi.Cut(word, 0, width))
			word = ansi.Cut(word, width, w)
			w = ansi.StringWidth(word)
		}
		line, lineW = word, w
	}
	if lineW > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// WrapWords breaks plain text into lines of at most width cells at spaces
// only: it never splits a word. A word wider than a line (a JSON document,
// an ARN, a long CLI argument) goes on a line of its own, cut with "…";
// callers that cut offer the whole text another way (copy to clipboard).
// Use it for commands and policies, where a token split over two lines
// would be copied wrong; Wrap for prose.
func WrapWords(text string, width int) []string {
	if width <= 0 {
		return nil
	}
	var lines []string
	line, lineW := "", 0
	for _, word := range strings.Fields(text) {
		w := ansi.StringWidth(word)
		if lineW > 0 && lineW+1+w <= width {
			line += " " + word
			lineW += 1 + w
			continue
		}
		if lineW > 0 {
			lines = append(lines, line)
		}
		if w > width {
			lines = append(lines, ansi.Truncate(word, width, "…"))
			line, lineW = "", 0
			continue
		}
		line, lineW = word, w
	}
	if lineW > 0 || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
