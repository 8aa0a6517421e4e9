package ui

import (
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

var testCols = []Column{
	{Title: "Name", Min: 10, Priority: 100, Flex: true},
	{Title: "Region", Min: 9, Max: 14, Priority: 10},
	{Title: "Mode", Min: 6, Max: 20, Priority: 90},
	{Title: "Count", Min: 5, Max: 5, Priority: 50},
}

func TestLayoutDropsLowestPriorityFirst(t *testing.T) {
	tests := []struct {
		width int
		want  []int
	}{
		{width: 100, want: []int{58, 14, 20, 5}}, // everything at Max, the rest to the flex column
		{width: 33, want: []int{10, 9, 6, 5}},    // exactly the minimums plus gaps
		{width: 32, want: []int{10, 0, 15, 5}},   // Region goes first; its room grows Mode
		{width: 22, want: []int{10, 0, 11, 0}},   // then Count
		{width: 12, want: []int{12, 0, 0, 0}},    // the flex column is never dropped
		{width: 5, want: []int{5, 0, 0, 0}},      // even it is clipped rather than overflow
	}
	for _, tt := range tests {
		got := Layout(testCols, tt.width, 1)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Layout(width %d) = %v, want %v", tt.width, got, tt.want)
				break
			}
		}
	}
}

func TestLayoutNeverExceedsWidth(t *testing.T) {
	for w := 1; w <= 200; w++ {
		widths := Layout(testCols, w, 1)
		cells := []string{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "eu-central-1-x", "SSE-KMS alias/long", "12345"}
		line := JoinCells(cells, widths, 1)
		if got := ansi.StringWidth(line); got > w {
			t.Fatalf("width %d: line is %d cells wide: %q", w, got, line)
		}
	}
}

func TestFitTruncatesStyledTextAndPads(t *testing.T) {
	styled := lipgloss.NewStyle().Bold(true).Render("AccessDenied")
	got := Fit(styled, 8)
	if ansi.StringWidth(got) != 8 {
		t.Fatalf("Fit width = %d, want 8", ansi.StringWidth(got))
	}
	if plain := ansi.Strip(got); plain != "AccessD…" {
		t.Fatalf("Fit text = %q, want %q", plain, "AccessD…")
	}
	if got := Fit("ok", 5); got != "ok   " {
		t.Fatalf("Fit pads to %q, want %q", got, "ok   ")
	}
}

func TestHeaderTitlesUseShortTitleWhenNarrow(t *testing.T) {
	cols := []Column{{Title: "Versioning", Short: "Vers"}, {Title: "CORS", Short: "C"}}
	got := HeaderTitles(cols, []int{9, 9})
	if got[0] != "Vers" || got[1] != "CORS" {
		t.Fatalf("HeaderTitles = %v, want [Vers CORS]", got)
	}
}

func TestWindowKeepsCursorVisible(t *testing.T) {
	tests := []struct{ total, cursor, offset, height, want int }{
		{total: 100, cursor: 0, offset: 0, height: 10, want: 0},
		{total: 100, cursor: 10, offset: 0, height: 10, want: 1},  // one past the bottom scrolls by one
		{total: 100, cursor: 5, offset: 20, height: 10, want: 5},  // above the window moves it up
		{total: 100, cursor: 99, offset: 0, height: 10, want: 90}, // the end
		{total: 5, cursor: 4, offset: 3, height: 10, want: 0},     // everything fits
	}
	for _, tt := range tests {
		if got := Window(tt.total, tt.cursor, tt.offset, tt.height); got != tt.want {
			t.Errorf("Window(%d,%d,%d,%d) = %d, want %d", tt.total, tt.cursor, tt.offset, tt.height, got, tt.want)
		}
	}
}

func TestVisibleReturnsOnlyTheWindow(t *testing.T) {
	lines := []string{"a", "b", "c", "d", "e"}
	got := Visible(lines, 3, 2)
	if len(got) != 2 || got[0] != "d" || got[1] != "e" {
		t.Fatalf("Visible = %v, want [d e]", got)
	}
	if got := Visible(lines, 10, 2); got[0] != "d" {
		t.Fatalf("Visible past the end = %v, want the last window", got)
	}
}

func TestWrapBreaksAtSpacesAndFits(t *testing.T) {
	text := "aws s3api put-bucket-versioning --bucket acme --versioning-configuration Status=Enabled"
	for _, l := range Wrap(text, 30) {
		if ansi.StringWidth(l) > 30 {
			t.Fatalf("line %q is wider than 30", l)
		}
		if l != "" && (l[0] == '-' && l[1] != '-') {
			t.Fatalf("line %q starts inside a --flag", l)
		}
	}
}

func TestWrapCutsWordsLongerThanALine(t *testing.T) {
	got := Wrap("see arn:aws:s3:::a-very-long-bucket-name/prefix/*", 12)
	want := []string{"see", "arn:aws:s3::", ":a-very-long", "-bucket-name", "/prefix/*"}
	if len(got) != len(want) {
		t.Fatalf("Wrap = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Wrap = %q, want %q", got, want)
		}
	}
	if got := Wrap("", 10); len(got) != 1 || got[0] != "" {
		t.Fatalf("Wrap of empty text = %q, want one empty line", got)
	}
}
