package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// CheckItem is one line of a preflight checklist, in display form.
type CheckItem struct {
	Name     string // what was checked
	OK       bool   // the check passed
	Blocking bool   // a failure stops the flow
	Detail   string // what was found
	Fix      string // what to do about a failure
}

// Blocked reports whether any blocking check failed.
func Blocked(items []CheckItem) bool {
	for _, c := range items {
		if !c.OK && c.Blocking {
			return true
		}
	}
	return false
}

// ChecklistLines renders checks as ✓/✗ lines: a passed check on one line
// with its detail cut to fit, a failed one with its whole detail and the
// fix, so that what needs attention is what takes the room. A failure that
// does not block is marked "!" instead of "✗". The marks carry the
// meaning, so the monochrome theme reads the same.
func ChecklistLines(items []CheckItem, st *Styles, width int) []string {
	var out []string
	indent := "    "
	wrap := func(text string, style func(...string) string) {
		for _, l := range Wrap(text, max(1, width-len(indent))) {
			out = append(out, indent+style(l))
		}
	}
	for _, c := range items {
		mark, style := "✓", st.Good
		switch {
		case !c.OK && c.Blocking:
			mark, style = "✗", st.Bad
		case !c.OK:
			mark, style = "!", st.Warn
		}
		if c.OK {
			line := style.Render(mark) + " " + st.Text.Render(c.Name)
			if c.Detail != "" {
				line += st.Muted.Render(" — " + c.Detail)
			}
			out = append(out, ansi.Truncate(line, width, "…"))
			continue
		}
		name := Wrap(c.Name, max(1, width-2))
		out = append(out, style.Render(mark)+" "+st.Text.Render(name[0]))
		for _, l := range name[1:] {
			out = append(out, "  "+st.Text.Render(l))
		}
		if c.Detail != "" {
			wrap(c.Detail, st.Muted.Render)
		}
		if !c.OK && strings.TrimSpace(c.Fix) != "" {
			wrap("→ "+c.Fix, st.Pane.Hint.Render)
		}
	}
	return out
}
