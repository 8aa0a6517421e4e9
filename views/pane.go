package views

import (
	"strings"
	"time"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// pane is one tab of the bucket detail screen. Panes render the whole
// current configuration as lines; the detail screen scrolls them.
type pane interface {
	title() string
	lines(e paneEnv) []string
	// actions are the changes the pane will offer, declared now so
	// read-only mode can show them disabled with the reason.
	actions(k ui.KeyMap) []ui.Action
}

// paneEnv is what a pane renders from.
type paneEnv struct {
	st       *ui.Styles
	state    *awsops.BucketState
	all      []awsops.BucketState // every bucket, for cross-bucket views (the logging graph); read only
	findings []awsops.Finding
	loading  bool   // the bucket is being read
	spin     string // spinner frame
	width    int
	height   int // lines available to the pane
	now      time.Time
	secure   bool // the session uses HTTPS
}

// labelWidth aligns the values of key/value lines.
const labelWidth = 22

// kv renders one "label  value" line.
func (e paneEnv) kv(label, value string) string {
	return e.st.Pane.Label.Render(ui.Fit(label, labelWidth)) + value
}

// kvWrapped renders a label with a long value wrapped under itself.
func (e paneEnv) kvWrapped(label, value string) []string {
	parts := ui.Wrap(value, max(10, e.width-labelWidth))
	out := []string{e.kv(label, e.st.Pane.Value.Render(parts[0]))}
	for _, p := range parts[1:] {
		out = append(out, strings.Repeat(" ", labelWidth)+e.st.Pane.Value.Render(p))
	}
	return out
}

// heading renders a section title.
func (e paneEnv) heading(text string) string { return e.st.Pane.Heading.Render(text) }

// hintLines wraps a hint under a problem.
func (e paneEnv) hintLines(text string, indent int) []string {
	var out []string
	for _, l := range ui.Wrap(text, max(10, e.width-indent)) {
		out = append(out, strings.Repeat(" ", indent)+e.st.Pane.Hint.Render(l))
	}
	return out
}

// facetProblem renders a facet that has no value: its error with what to
// do, or a spinner while it loads. ok is false when the facet has a value.
func (e paneEnv) facetProblem(f awsops.Facet) (lines []string, ok bool) {
	s := e.state
	if fe := s.Errors[f]; fe.Unsupported() {
		// A state of the endpoint, not an error of the bucket.
		lines = append(lines, e.st.Muted.Render("Not supported by this endpoint."))
		return append(lines, e.hintLines("The endpoint answered that it does not implement this setting ("+fe.Message+"); its actions are disabled.", 2)...), true
	} else if fe != nil {
		lines = append(lines, e.st.Error.Render("✗ "+fe.Code))
		if fe.Message != "" && fe.Message != fe.Code {
			for _, l := range ui.Wrap(fe.Message, max(10, e.width-2)) {
				lines = append(lines, "  "+e.st.Text.Render(l))
			}
		}
		return append(lines, e.hintLines(e.hintFor(fe), 2)...), true
	}
	if !s.Loaded(f) {
		if e.loading {
			return []string{e.spin + " " + e.st.Muted.Render("reading "+string(f)+"…")}, true
		}
		return []string{e.st.Muted.Render("Not read. Press r to read this bucket again.")}, true
	}
	return nil, false
}

// hintFor is what to do about a facet error on this bucket: a denial over
// plain HTTP on a bucket that requires TLS is the policy, not a permission;
// when the policy is unknown, a plain-HTTP denial names both causes.
func (e paneEnv) hintFor(fe *awsops.FacetError) string {
	if fe.Code == "AccessDenied" && !e.secure && e.state.Policy != nil && e.state.Policy.TLSEnforced {
		return "The bucket policy refuses plain-HTTP requests (aws:SecureTransport): use the HTTPS endpoint."
	}
	if e.state.Policy != nil {
		return hint(fe.Code) // the policy was read and does not require TLS: the transport is not the cause
	}
	return hintOf(fe)
}

// onOff renders a boolean setting.
func (e paneEnv) onOff(v bool, good bool) string {
	word := "off"
	if v {
		word = "on"
	}
	if v == good {
		return e.st.Good.Render(word)
	}
	return e.st.Warn.Render(word)
}

// findingLines renders findings with their remedies (pane_findings.go).
func (e paneEnv) findingLines(fs []awsops.Finding) []string {
	out, _ := e.findingBlocks(fs, -1)
	return out
}

// findingsWithPrefix selects the findings whose id starts with one of the
// prefixes, so each pane repeats the findings about its own facet.
func findingsWithPrefix(fs []awsops.Finding, prefixes ...string) []awsops.Finding {
	var out []awsops.Finding
	for _, f := range fs {
		for _, p := range prefixes {
			if strings.HasPrefix(f.ID, p) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
