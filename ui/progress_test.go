package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestProgressBarFillsInProportionAndFits(t *testing.T) {
	st := NewMonochromeStyles()
	half := ansi.Strip(ProgressBar(st, 25, 0.5))
	if ansi.StringWidth(half) != 25 {
		t.Fatalf("bar is %d cells, want 25: %q", ansi.StringWidth(half), half)
	}
	if !strings.HasSuffix(half, "  50%") {
		t.Fatalf("bar %q, want the percentage at the end", half)
	}
	if full, empty := strings.Count(half, "█"), strings.Count(half, "░"); full != 10 || empty != 10 {
		t.Fatalf("half-done bar has %d full and %d empty cells, want 10 and 10", full, empty)
	}
	if over := ansi.Strip(ProgressBar(st, 25, 7)); strings.Contains(over, "░") || !strings.HasSuffix(over, "100%") {
		t.Fatalf("a fraction above 1 must clamp to full: %q", over)
	}
	for _, w := range []int{1, 3, 6} {
		if got := ansi.StringWidth(ProgressBar(st, w, 0.3)); got != w {
			t.Errorf("width %d: bar is %d cells", w, got)
		}
	}
}
