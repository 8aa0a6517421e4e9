package views

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// corsPane shows every CORS rule in full.
type corsPane struct{}

func (corsPane) title() string { return "CORS" }

func (corsPane) actions(k ui.KeyMap) []ui.Action {
	return []ui.Action{
		k.Action(k.Edit, "edit CORS rules", false),
		k.Action(k.Delete, "delete the CORS configuration", false),
		k.ReadAction(k.TestCORS, "test a CORS preflight", true),
	}
}

// start implements actionPane.
func (corsPane) start(d *Detail, a ui.Action) tea.Cmd {
	switch {
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
	c := *e.state.CORS
	if len(c.Rules) == 0 {
		return append(out, e.st.Muted.Render("No CORS configuration: browsers on other origins cannot read this bucket."))
	}
	list := func(v []string) string {
		if len(v) == 0 {
			return e.st.Muted.Render("(none)")
		}
		return strings.Join(v, ", ")
	}
	for i, r := range c.Rules {
		title := fmt.Sprintf("Rule %d", i+1)
		if r.ID != "" {
			title += " · " + r.ID
		}
		out = append(out, "", e.st.Pane.Label.Render(title))
		origins := list(r.AllowedOrigins)
		if slices.Contains(r.AllowedOrigins, "*") {
			origins = e.st.Warn.Render(origins + "  (any origin)")
		}
		out = append(out, e.kv("  Allowed origins", origins))
		out = append(out, e.kvWrapped("  Allowed methods", list(r.AllowedMethods))...)
		out = append(out, e.kvWrapped("  Allowed headers", list(r.AllowedHeaders))...)
		out = append(out, e.kvWrapped("  Expose headers", list(r.ExposeHeaders))...)
		maxAge := e.st.Muted.Render("(not set)")
		if r.MaxAgeSeconds != nil {
			maxAge = fmt.Sprintf("%d s", *r.MaxAgeSeconds)
		}
		out = append(out, e.kv("  Max age", maxAge))
	}
	if fs := findingsWithPrefix(e.findings, "cors-"); len(fs) > 0 {
		out = append(out, "", e.heading("Findings"))
		out = append(out, e.findingLines(fs)...)
	}
	return out
}
