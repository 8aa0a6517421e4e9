package views

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// transitPane shows encryption in transit: whether the policy refuses
// plain HTTP, and the policy itself, pretty-printed.
type transitPane struct{}

func (transitPane) title() string { return "Transit" }

func (transitPane) actions(k ui.KeyMap) []ui.Action {
	return []ui.Action{k.Action(k.Edit, "require TLS in the bucket policy", false)}
}

func (transitPane) lines(e paneEnv) []string {
	out := []string{e.heading("Encryption in transit")}
	if p, ok := e.facetProblem(awsops.FacetPolicy); ok {
		return append(out, p...)
	}
	pol := *e.state.Policy
	if pol.TLSEnforced {
		out = append(out, e.kv("TLS only", e.st.Good.Render("yes")+e.st.Muted.Render("  plain-HTTP requests are denied (aws:SecureTransport)")))
	} else {
		out = append(out, e.kv("TLS only", e.st.Warn.Render("no")))
		out = append(out, e.hintLines("Add a Deny on aws:SecureTransport = false for the bucket and its objects.", labelWidth)...)
	}
	if fs := findingsWithPrefix(e.findings, "tls-"); len(fs) > 0 {
		out = append(out, "", e.heading("Findings"))
		out = append(out, e.findingLines(fs)...)
	}
	out = append(out, "", e.heading("Bucket policy"))
	if !pol.Present {
		return append(out, e.st.Muted.Render("No bucket policy."))
	}
	for _, l := range prettyJSON(pol.JSON) {
		// Long lines (ARNs, conditions) wrap under their own indentation
		// rather than disappear past the edge.
		body := strings.TrimLeft(l, " ")
		indent := len(l) - len(body)
		for i, w := range ui.Wrap(body, max(10, e.width-indent-2)) {
			pad := strings.Repeat(" ", indent)
			if i > 0 {
				pad += "  "
			}
			out = append(out, e.st.Pane.Code.Render(pad+w))
		}
	}
	return out
}

// prettyJSON indents a policy document; text that is not JSON is shown as is.
func prettyJSON(s string) []string {
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(s), "", "  "); err != nil {
		return strings.Split(s, "\n")
	}
	return strings.Split(b.String(), "\n")
}
