package ui

import (
	"fmt"
	"math"
	"strings"
)

// ProgressBar renders a progress bar of width cells, percentage included,
// at fraction done, in the theme's colours. It is drawn from the state on
// each frame rather than animated, so no tick loop runs while bytes stream.
// (bubbles/progress would need github.com/charmbracelet/harmonica, which
// is not among the project's modules.)
func ProgressBar(st *Styles, width int, done float64) string {
	if width <= 0 {
		return ""
	}
	done = min(1, max(0, done))
	pct := fmt.Sprintf(" %3.0f%%", math.Floor(done*100))
	bar := max(0, width-len(pct))
	if bar == 0 {
		return Fit(pct, width)
	}
	full := int(math.Round(float64(bar) * done))
	return st.Progress.Full.Render(strings.Repeat("█", full)) +
		st.Progress.Empty.Render(strings.Repeat("░", bar-full)) + st.Text.Render(pct)
}
