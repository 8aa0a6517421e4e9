package ui

import "github.com/charmbracelet/x/ansi"

// FitMiddle fits plain text s to exactly w cells like Fit, but cuts out
// the middle (head…tail) instead of the end, so that long names sharing a
// prefix (logs/2026/05/01/app-1.gz, logs/2026/05/01/app-2.gz) stay
// distinguishable. The tail keeps two thirds of the room: it holds what
// tells such names apart and the file extension.
func FitMiddle(s string, w int) string {
	if w <= 0 {
		return ""
	}
	width := ansi.StringWidth(s)
	if width <= w {
		return Fit(s, w)
	}
	if w < 5 {
		return Fit(s, w) // too narrow for both ends
	}
	room := w - 1 // one cell for the ellipsis
	head := room / 3
	tail := room - head
	out := ansi.Truncate(s, head, "") + "…" + ansi.TruncateLeft(s, width-tail, "")
	return Fit(out, w) // pads when a wide character did not fit at a cut
}
