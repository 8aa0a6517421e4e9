package views

import (
	"bytes"
	"encoding/json"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// transitPane shows encryption in transit: the scheme this console uses,
// whether the policy refuses plain HTTP (awsops.AnalyseTLSPolicy, the
// analysis the grid and the report use too), what is wrong with a
// statement that tries and falls short, and the policy itself.
type transitPane struct{}

func (transitPane) title() string { return "Transit" }

func (transitPane) actions(k ui.KeyMap) []ui.Action {
	return []ui.Action{
		k.Action(k.Edit, "require TLS"),
		k.Action(k.Delete, "stop requiring TLS"),
	}
}

// help implements keyPane: p reads the policy, so it is not an action
// (read-only mode keeps it; the viewer disables its own changes there).
func (transitPane) help(k ui.KeyMap) []key.Binding { return []key.Binding{k.Policy} }

// key implements keyPane.
func (transitPane) key(d *Detail, msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if key.Matches(msg, d.c.keys.Policy) {
		return true, startPolicyViewer(d)
	}
	return false, nil
}

// start implements actionPane.
func (transitPane) start(d *Detail, a ui.Action) tea.Cmd {
	k := d.c.keys
	switch {
	case isVerb(a, k.Edit):
		return startEnforceTLS(d)
	case isVerb(a, k.Delete):
		return startRemoveTLS(d)
	}
	return nil
}

func (transitPane) lines(e paneEnv) []string {
	out := []string{e.heading("Encryption in transit")}
	out = append(out, e.kv("This console", e.schemeValue()))
	if p, ok := e.facetProblem(awsops.FacetPolicy); ok {
		return append(out, p...)
	}
	pol := *e.state.Policy
	a := awsops.AnalyseTLSPolicy(pol.JSON, e.state.Name)
	out = append(out, e.tlsVerdictLines(pol, a)...)
	// tls-policy-wrong repeats "What is wrong" above; e applies its remedy.
	if fs := withoutFinding(findingsWithPrefix(e.findings, "tls-"), "tls-policy-wrong"); len(fs) > 0 {
		out = append(out, "", e.heading("Findings"))
		out = append(out, e.findingLines(fs)...)
	}
	out = append(out, "", e.heading("Bucket policy")+e.st.Muted.Render("  (p to view, edit or delete)"))
	if !pol.Present {
		return append(out, e.st.Muted.Render("No bucket policy."))
	}
	return append(out, e.policyLines(pol.JSON)...)
}

// schemeValue says how this console reaches S3.
func (e paneEnv) schemeValue() string {
	if e.secure {
		return e.st.Good.Render("HTTPS")
	}
	return e.st.Warn.Render("plain HTTP") + e.st.Muted.Render("  requests and answers travel unencrypted")
}

// tlsVerdictLines renders the verdict and, for a policy that falls short,
// what is wrong with each statement that tries.
func (e paneEnv) tlsVerdictLines(pol awsops.Policy, a awsops.TLSAnalysis) []string {
	var out []string
	doc, _ := awsops.ParsePolicy(pol.JSON)
	names := func(positions []int) string {
		var n []string
		for _, i := range positions {
			if doc != nil {
				n = append(n, doc.StatementName(i))
			}
		}
		return termsafe.String(strings.Join(n, ", "))
	}
	switch a.Verdict {
	case awsops.TLSEnforced:
		out = append(out, e.kv("TLS only", e.st.Good.Render("yes")+e.st.Muted.Render("  plain-HTTP requests are denied")))
		out = append(out, e.kvWrapped("  by", names(a.Enforcing)+" (aws:SecureTransport)")...)
		if len(a.MinTLS) > 0 {
			out = append(out, e.kvWrapped("  old TLS denied by", names(a.MinTLS)+" (s3:TlsVersion)")...)
		}
		if len(a.DeniesHTTPS) > 0 {
			out = append(out, wrapStyled(e.st.Bad, "✗ "+names(a.DeniesHTTPS)+` denies requests where aws:SecureTransport is "true": together with the statement above every request is denied. e replaces it.`, e.width)...)
		}
		if !e.secure {
			out = append(out, e.hintLines("This console uses plain HTTP, which the bucket refuses: connect over HTTPS.", 2)...)
		}
	case awsops.TLSWrong:
		out = append(out, e.kv("TLS only", e.st.Bad.Render("no — the policy tries but falls short")))
		out = append(out, "", e.heading("What is wrong"))
		for _, x := range a.Explanations {
			out = append(out, wrapIndented(e, "✗ ", termsafe.String(x))...)
		}
		fix := "Not counted as enforcement. e adds the correct statement; the rest of the policy is kept."
		if len(a.DeniesHTTPS) > 0 {
			fix = "Not counted as enforcement. e adds the correct statement and drops the Deny on \"true\"; the rest of the policy is kept."
		}
		out = append(out, e.hintLines(fix, 2)...)
	default:
		out = append(out, e.kv("TLS only", e.st.Warn.Render("no")+e.st.Muted.Render("  plain-HTTP requests are allowed")))
		out = append(out, e.hintLines("e adds a Deny on aws:SecureTransport \"false\" for the bucket and its objects, merged into the policy.", 2)...)
	}
	return out
}

// wrapIndented wraps text after a marker, continuation lines under the text.
func wrapIndented(e paneEnv, marker, text string) []string {
	var out []string
	for i, l := range ui.Wrap(text, max(10, e.width-len([]rune(marker)))) {
		if i == 0 {
			out = append(out, e.st.Bad.Render(marker)+e.st.Text.Render(l))
			continue
		}
		out = append(out, strings.Repeat(" ", len([]rune(marker)))+e.st.Text.Render(l))
	}
	return out
}

// policyLines renders a policy pretty-printed; long lines (ARNs,
// conditions) wrap under their own indentation rather than disappear past
// the edge.
func (e paneEnv) policyLines(doc string) []string {
	var out []string
	for _, l := range prettyJSON(doc) {
		l = termsafe.String(l) // a Sid or an ARN may hold bidi or other format characters
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

// withoutFinding drops the findings with the id.
func withoutFinding(fs []awsops.Finding, id string) []awsops.Finding {
	var out []awsops.Finding
	for _, f := range fs {
		if f.ID != id {
			out = append(out, f)
		}
	}
	return out
}
