package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap breaks plain text into lines of at most width cells, at spaces
// where it can and inside words longer than a line (ARNs, JSON) where it
// must. It never breaks at hyphens, so "--flag" in a command stays whole.
func Wrap(text string, width int) []string {
	return wrapFields(text, width, func(word string, w int) []string {
		var parts []string
		for w > width {
			parts = append(parts, ansi.Cut(word, 0, width))
			word = ansi.Cut(word, width, w)
			w = ansi.StringWidth(word)
		}
		return append(parts, word)
	})
}

// WrapWords breaks plain text into lines of at most width cells at spaces
// only: it never splits a word. A word wider than a line (a JSON document,
// an ARN, a long CLI argument) goes on a line of its own, cut with "…";
// callers that cut offer the whole text another way (copy to clipboard).
// Use it for commands and policies, where a token split over two lines
// would be copied wrong; Wrap for prose.
func WrapWords(text string, width int) []string {
	return wrapFields(text, width, func(word string, _ int) []string {
		return []string{ansi.Truncate(word, width, "…"), ""}
	})
}

// wrapFields fills lines of at most width cells with the words of text,
// separated by single spaces. A word wider than a line is handed to long,
// which returns the lines it takes; its last element starts the next line
// (empty when nothing may follow on that line).
func wrapFields(text string, width int, long func(word string, w int) []string) []string {
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
			parts := long(word, w)
			lines = append(lines, parts[:len(parts)-1]...)
			line = parts[len(parts)-1]
			lineW = ansi.StringWidth(line)
			continue
		}
		line, lineW = word, w
	}
	if lineW > 0 || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
