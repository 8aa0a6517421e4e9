package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// corsPane shows the CORS rules as a table, each rule with its lint notes.
type corsPane struct{}

func (corsPane) title() string { return "CORS" }

func (corsPane) actions(k ui.KeyMap) []ui.Action {
	return []ui.Action{
		k.Action(k.Edit, "edit CORS rules"),
		k.Action(k.Delete, "delete the CORS configuration"),
		k.ReadAction(k.TestCORS, "test a CORS preflight"),
	}
}

// start implements actionPane (cors_actions.go, cors_tester.go).
func (corsPane) start(d *Detail, a ui.Action) tea.Cmd {
	switch {
	case isVerb(a, d.c.keys.Edit):
		return d.startCORSEdit()
	case isVerb(a, d.c.keys.Delete):
		return d.startCORSDelete()
	case isVerb(a, d.c.keys.TestCORS):
		return d.startCORSTest()
	}
	return nil
}

func (corsPane) lines(e paneEnv) []string {
	out := []string{e.heading("CORS configuration")}
	if p, ok := e.facetProblem(awsops.FacetCORS); ok {
		return append(out, p...)
	}
	rules := e.state.CORS.Rules
	if len(rules) == 0 {
		return append(out, e.st.Muted.Render("No CORS configuration: browsers on other origins cannot read this bucket."))
	}
	table, _ := corsTable(e.st, e.width, rules, awsops.CORSRuleNotes(rules, corsTLSEnforced(e.state)), -1)
	out = append(out, table...)
	if fs := findingsWithPrefix(e.findings, "cors-"); len(fs) > 0 {
		out = append(out, "", e.heading("Findings"))
		out = append(out, e.findingLines(fs)...)
	}
	return out
}

// corsTLSEnforced is the policy's TLS verdict, false while it is unknown.
func corsTLSEnforced(s *awsops.BucketState) bool { return s.Policy != nil && s.Policy.TLSEnforced }
