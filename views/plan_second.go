package views

import (
	"strings"

	"github.com/s3sec/s3sec/ui"
)

// askAgain replaces the first question by the plan's SecondConfirm, for a
// change whose harm grows on its own once applied (a logging loop): one
// yes is not enough, and the second question defaults to No as well.
func (f *planFlow) askAgain() {
	f.second = true
	f.confirm = ui.NewConfirm(f.plan.SecondConfirm).WithLabels("Yes, apply anyway", "Cancel")
}

// confirmLines is the question under the preview; the second one comes
// under a loud line of its own.
func (f *planFlow) confirmLines(e paneEnv) []string {
	lines := strings.Split(f.confirm.View(e.st, e.width), "\n")
	if !f.second {
		return lines
	}
	loud := e.st.Bad.Render("⚠ Second confirmation: read the warnings above once more.")
	return append([]string{loud}, lines...)
}
