package views

import (
	"strings"

	"github.com/s3sec/s3sec/ui"
)

// uncheckedLines shows an applied plan whose checks did not all pass: the
// steps applied, then each check, the failures loud, until esc.
func (f *planFlow) uncheckedLines(e paneEnv) []string {
	st := e.st
	out := []string{e.heading("Plan: " + f.plan.Title)}
	var lines []string
	for _, s := range f.plan.Steps {
		lines = append(lines, markPassed+"applied: "+s.Title+" ("+s.API+")")
	}
	out = append(out, markedLines(st, append(lines, f.checks...), e.width)...)
	return append(out, "", st.Muted.Render("enter or esc closes"))
}

// markedLines wraps outcome lines and styles each by its mark: ✓ good,
// ✗ bad, ⚠ warning.
func markedLines(st *ui.Styles, lines []string, width int) []string {
	var out []string
	for _, l := range lines {
		style := st.Text
		switch {
		case strings.HasPrefix(l, markPassed):
			style = st.Good
		case strings.HasPrefix(l, markFailed):
			style = st.Bad
		case strings.HasPrefix(l, markInconclusive):
			style = st.Warn
		}
		for i, w := range ui.Wrap(l, max(10, width-2)) {
			if i > 0 {
				w = "  " + w
			}
			out = append(out, style.Render(w))
		}
	}
	return out
}
