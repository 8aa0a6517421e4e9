package views

import "github.com/charmbracelet/x/ansi"

// formDesc wraps a huh field description to the form's text width with
// explicit line breaks. huh v2 sizes a field by the description's own line
// breaks, so a description that lipgloss wraps by itself pushes the field's
// input (or a Confirm's buttons) out of view.
func formDesc(screenWidth int, text string) string {
	// The form is screenWidth-2 wide; its border and padding take 4 more.
	w := max(16, screenWidth-6)
	return ansi.Wordwrap(text, w, " ")
}
