package views

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// loggingPane shows server access logging: target, prefix, and loops.
type loggingPane struct{}

func (loggingPane) title() string { return "Logging" }

func (loggingPane) actions(k ui.KeyMap) []ui.Action {
	return []ui.Action{
		k.Action(k.Edit, "configure access logging", false),
		k.Action(k.Delete, "turn access logging off", false),
		k.ReadAction(k.Logs, "view access logs", true), // opened by key (pane_logging_logs.go)
	}
}

func (loggingPane) lines(e paneEnv) []string {
	out := []string{e.heading("Server access logging")}
	if p, ok := e.facetProblem(awsops.FacetLogging); ok {
		return append(out, p...)
	}
	l := *e.state.Logging
	if !l.Enabled {
		out = append(out, e.kv("Status", e.st.Warn.Render("off")))
	} else {
		out = append(out, e.kv("Status", e.st.Good.Render("on")))
		out = append(out, kvWhole(e, "Target bucket", l.TargetBucket)...)
		if l.TargetPrefix == "" {
			out = append(out, e.kv("Target prefix", e.st.Muted.Render("(none)")))
		} else {
			out = append(out, kvWhole(e, "Target prefix", l.TargetPrefix)...)
		}
		if l.TargetBucket == e.state.Name {
			out = append(out, "", e.st.Bad.Render("↻ Logging loop: the bucket logs into itself."))
			out = append(out, e.hintLines("Every delivered log object is itself logged, so the bucket grows without end. Log into a separate bucket.", 0)...)
		}
	}
	if fs := findingsWithPrefix(e.findings, "logging-"); len(fs) > 0 {
		out = append(out, "", e.heading("Findings"))
		out = append(out, e.findingLines(fs)...)
	}
	return out
}

// kvWhole renders a name that must not be split or cut while there is
// room for it: beside its label when it fits, else alone on the next line
// with the pane's whole width; only a name wider than the pane is cut.
func kvWhole(e paneEnv, label, value string) []string {
	if ansi.StringWidth(value) <= e.width-labelWidth {
		return []string{e.kv(label, e.st.Pane.Value.Render(value))}
	}
	return []string{e.kv(label, ""), "  " + e.st.Pane.Value.Render(ansi.Truncate(value, max(1, e.width-2), "…"))}
}
