package views

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// loggingPane shows server access logging: target, prefix, key format,
// and the bucket's place in the account's logging graph (where its logs
// go, which buckets log into it, the whole chain of a loop).
type loggingPane struct{}

func (loggingPane) title() string { return "Logging" }

func (loggingPane) actions(k ui.KeyMap) []ui.Action {
	return []ui.Action{
		k.Action(k.Edit, "configure logging"),
		k.Action(k.Delete, "turn logging off"),
		k.ReadAction(k.Logs, "view access logs"), // opened by key (pane_logging_logs.go)
	}
}

// start implements actionPane (logging_actions.go).
func (loggingPane) start(d *Detail, a ui.Action) tea.Cmd {
	switch {
	case isVerb(a, d.c.keys.Edit):
		return d.startLoggingEdit()
	case isVerb(a, d.c.keys.Delete):
		return d.startLoggingOff()
	}
	return nil
}

func (loggingPane) lines(e paneEnv) []string {
	out := []string{e.heading("Server access logging")}
	if p, ok := e.facetProblem(awsops.FacetLogging); ok {
		return append(out, p...)
	}
	l := *e.state.Logging
	if !l.Enabled {
		out = append(out, e.kv("Status", e.st.Warn.Render("off")+e.st.Muted.Render("  (e configures it)")))
	} else {
		out = append(out, e.kv("Status", e.st.Good.Render("on")))
		out = append(out, kvWhole(e, "Target bucket", l.TargetBucket)...)
		if l.TargetPrefix == "" {
			out = append(out, e.kv("Target prefix", e.st.Muted.Render("(none)")))
		} else {
			out = append(out, kvWhole(e, "Target prefix", l.TargetPrefix)...)
		}
		out = append(out, e.kv("Key format", keyFormatLabel(l.KeyFormat)))
	}
	out = append(out, "", e.heading("Logging graph"))
	out = append(out, graphLines(e, awsops.LoggingGraphOf(e.all, e.state.Name))...)
	if fs := findingsWithPrefix(e.findings, "logging-"); len(fs) > 0 {
		out = append(out, "", e.heading("Findings"))
		out = append(out, e.findingLines(fs)...)
	}
	return out
}

// graphLines say where the bucket's logs go and onward, which buckets log
// into it, and the whole chain when it is part of a loop.
func graphLines(e paneEnv, g awsops.LoggingGraph) []string {
	var out []string
	switch {
	case g.Loop != nil:
		out = append(out, e.kvWrapped("Logs to", awsops.LoopChain(g.Loop[1:]))...)
	case len(g.Chain) > 1:
		to := awsops.LoopChain(g.Chain[1:])
		if g.Onward != "" {
			to += " → " + g.Onward + " (a loop)"
		}
		if g.Unknown {
			to += " (not among this account's buckets)"
		}
		out = append(out, e.kvWrapped("Logs to", to)...)
	default:
		out = append(out, e.kv("Logs to", e.st.Muted.Render("nothing")))
	}
	if len(g.Sources) == 0 {
		out = append(out, e.kv("Logged into by", e.st.Muted.Render("no bucket")))
	} else {
		out = append(out, e.kvWrapped("Logged into by", strings.Join(g.Sources, ", "))...)
	}
	if g.Loop == nil {
		return out
	}
	what := "↻ Logging loop: " + awsops.LoopChain(g.Loop)
	why := "Every delivered log object is logged again along the chain, so log objects grow without end. Press e and log into a bucket that does not log."
	if len(g.Loop) == 2 {
		what = "↻ Logging loop: the bucket logs into itself (" + awsops.LoopChain(g.Loop) + ")"
		why = "Every delivered log object is itself logged, so the bucket grows without end. Press e and log into a separate bucket."
	}
	out = append(out, wrapStyled(e.st.Bad, what, e.width)...)
	return append(out, e.hintLines(why, 2)...)
}

// keyFormatLabel names a key format for the pane.
func keyFormatLabel(f awsops.LogKeyFormat) string {
	switch f {
	case "":
		return "SimplePrefix (default)"
	case awsops.LogKeyPartitionedEventTime:
		return "PartitionedPrefix, EventTime"
	case awsops.LogKeyPartitionedDeliveryTime:
		return "PartitionedPrefix, DeliveryTime"
	}
	return string(f)
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
