package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Field is a one-line text field: typed characters and pastes are
// appended, backspace removes the last one, ctrl+u clears the line. It has
// no cursor movement on purpose: the console's fields are short (a code, a
// serial, a confirmation word) and a field without blinking cursor keeps
// the console still and its tests synchronous.
type Field struct {
	Label       string // shown before the value
	Placeholder string // shown, muted, while the value is empty
	Value       string // what was typed
	Limit       int    // most characters kept; 0 means no limit
	Focused     bool   // the field has the keys
}

// Update edits the value on a key press or a paste and reports whether the
// message was for the field. Keys without text (arrows, enter) are not.
func (f *Field) Update(msg tea.Msg) bool {
	switch m := msg.(type) {
	case tea.PasteMsg:
		f.insert(strings.TrimSpace(strings.ReplaceAll(m.Content, "\n", "")))
		return true
	case tea.KeyPressMsg:
		switch m.String() {
		case "backspace":
			if r := []rune(f.Value); len(r) > 0 {
				f.Value = string(r[:len(r)-1])
			}
			return true
		case "ctrl+u":
			f.Value = ""
			return true
		case "space":
			f.insert(" ")
			return true
		}
		if m.Text != "" && m.Mod&^tea.ModShift == 0 {
			f.insert(m.Text)
			return true
		}
	}
	return false
}

// insert appends text within the limit.
func (f *Field) insert(text string) {
	v := []rune(f.Value + text)
	if f.Limit > 0 && len(v) > f.Limit {
		v = v[:f.Limit]
	}
	f.Value = string(v)
}

// View renders "Label  value▏" in at most width cells; the bar marks the
// focused field. A long value shows its end, where the typing happens.
func (f Field) View(st *Styles, width int) string {
	label := ""
	if f.Label != "" {
		label = st.Pane.Label.Render(f.Label + "  ")
	}
	room := max(1, width-ansi.StringWidth(label)-1)
	value := st.Filter.Text.Render(tail(f.Value, room))
	if f.Value == "" && f.Placeholder != "" {
		value = st.Muted.Render(ansi.Truncate(f.Placeholder, room, "…"))
	}
	mark := " "
	if f.Focused {
		mark = st.Filter.Prompt.Render("▏")
		if f.Value == "" {
			value, mark = mark, value
		}
	}
	return ansi.Truncate(label+value+mark, width, "…")
}

// tail keeps the last room cells of s, marking the cut with an ellipsis.
func tail(s string, room int) string {
	w := ansi.StringWidth(s)
	if w <= room {
		return s
	}
	return "…" + ansi.Cut(s, w-room+1, w)
}
