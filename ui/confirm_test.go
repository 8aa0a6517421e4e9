package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// keyOf builds a key press by name.
func keyOf(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

func TestConfirmDefaultsToNo(t *testing.T) {
	tests := []struct {
		keys []string
		want Answer
	}{
		{[]string{"enter"}, AnswerNo},
		{[]string{"left", "enter"}, AnswerYes},
		{[]string{"left", "right", "enter"}, AnswerNo},
		{[]string{"y"}, AnswerYes},
		{[]string{"n"}, AnswerNo},
		{[]string{"left", "esc"}, AnswerNo},
		{[]string{"x", "q"}, Undecided},
	}
	for _, tt := range tests {
		c := NewConfirm("Apply?")
		got := Undecided
		for _, k := range tt.keys {
			c, got = c.Update(keyOf(k))
			if got != Undecided {
				break
			}
		}
		if got != tt.want {
			t.Errorf("keys %v: answer %d, want %d", tt.keys, got, tt.want)
		}
	}
}

func TestConfirmViewShowsTheChoice(t *testing.T) {
	st := NewMonochromeStyles()
	c := NewConfirm("Apply this plan to acme-scratch?").WithLabels("Apply", "Cancel")
	out := ansi.Strip(c.View(st, 80))
	if !strings.Contains(out, "Apply this plan to acme-scratch?") || !strings.Contains(out, "[ Cancel ]") || strings.Contains(out, "[ Apply ]") {
		t.Fatalf("want the question with Cancel chosen:\n%s", out)
	}
	c, _ = c.Update(keyOf("left"))
	if out := ansi.Strip(c.View(st, 80)); !strings.Contains(out, "[ Apply ]") || !c.OnYes() {
		t.Fatalf("after left, Apply must be chosen:\n%s", out)
	}
	for _, l := range strings.Split(c.View(st, 30), "\n") {
		if ansi.StringWidth(l) > 30 {
			t.Fatalf("line wider than 30: %q", ansi.Strip(l))
		}
	}
}
