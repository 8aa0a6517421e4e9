package ui

import "github.com/charmbracelet/x/ansi"

// diffLines renders a step's before/after diff under its parameters:
// added lines in the good colour, removed ones in the bad colour, kept
// ones as code and elided runs muted. Long lines are cut, not wrapped, so
// the indentation of the document stays readable; the whole document is
// in the CLI line.
func diffLines(st *Styles, diff []string, width int) []string {
	if len(diff) == 0 {
		return nil
	}
	out := []string{"   " + st.Pane.Label.Render("before → after:")}
	cut := func(s string) string { return ansi.Truncate("   "+s, max(1, width), "…") }
	for _, l := range diff {
		if l == "" {
			continue
		}
		switch l[0] {
		case '+':
			out = append(out, st.Good.Render(cut(l)))
		case '-':
			out = append(out, st.Bad.Render(cut(l)))
		case '~': // a run of unchanged lines left out: a note, not a line of the document
			out = append(out, st.Muted.Render(cut(" "+l[1:])))
		default:
			out = append(out, st.Pane.Code.Render(cut(l)))
		}
	}
	return out
}
