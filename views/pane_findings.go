package views

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// findingIndent is where a finding's message and remedy start, after its
// severity label.
const findingIndent = 8

// findingBlocks renders findings with their remedies, and where each one's
// lines are (first and one past the last, within the returned lines).
// Finding sel (-1 for none) is drawn selected. Messages and remedies wrap
// at spaces only: a remedy holds commands and JSON, and a token split over
// two lines would be copied wrong; a token wider than the pane stands on
// its own line, cut, and y copies the whole remedy.
func (e paneEnv) findingBlocks(fs []awsops.Finding, sel int) (out []string, ranges [][2]int) {
	width := max(10, e.width-findingIndent)
	pad := strings.Repeat(" ", findingIndent)
	for i, f := range fs {
		start := len(out)
		label := ui.Fit(strings.ToUpper(f.Severity.String()), findingIndent-1)
		msg := ui.WrapWords(f.Message, width)
		first := severityStyle(e.st, f.Severity).Render(label) + " " + e.st.Text.Render(msg[0])
		if i == sel {
			// One style for the whole line, as in the grid: nested styles
			// would reset its background halfway.
			first = e.st.Table.Selected.Render(ui.Fit(ansi.Strip(label)+"›"+msg[0], e.width))
		}
		out = append(out, first)
		for _, l := range msg[1:] {
			out = append(out, pad+e.st.Text.Render(l))
		}
		if f.Remedy != "" {
			for _, l := range ui.WrapWords("→ "+f.Remedy, width) {
				out = append(out, pad+e.st.Pane.Hint.Render(l))
			}
		}
		ranges = append(ranges, [2]int{start, len(out)})
	}
	return out, ranges
}
