package corstester

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// View renders the tester in width × height; spin is the spinner's frame.
func (m *Model) View(width, height int, spin string) []string {
	if m.width != width {
		m.width = width
		if m.stage == editing {
			m.form = m.form.WithWidth(max(20, width-2))
		}
	}
	var out []string
	switch m.stage {
	case editing:
		if m.problem != "" {
			for _, l := range ui.Wrap("✗ "+m.problem, max(10, width)) {
				out = append(out, m.st.Error.Render(l))
			}
		}
		out = append(out, strings.Split(strings.TrimRight(m.form.View(), "\n"), "\n")...)
	case sending:
		r := m.ans.request()
		out = append(out, m.st.Pane.Heading.Render("CORS preflight test of "+m.bucket), "",
			spin+" "+m.st.Muted.Render("sending OPTIONS with Origin "+r.Origin+" and method "+r.Method+"… (esc cancels)"))
	case showing:
		all := m.resultLines(width)
		h := height
		if len(all) > height {
			h = max(1, height-1) // room for the scroll line
		}
		m.offset = ui.ClampOffset(m.offset, len(all), h)
		out = ui.Visible(all, m.offset, h)
		if h < len(all) {
			out = append(out, m.st.Muted.Render(fmt.Sprintf("  lines %d–%d of %d · ↑↓ to scroll", m.offset+1, m.offset+h, len(all))))
		}
	}
	for i, l := range out {
		if ansi.StringWidth(l) > width {
			out[i] = ansi.Truncate(l, width, "…")
		}
	}
	return out
}

// resultLines is the whole result: the request, the endpoint's answer, the
// local verdict with its rule, and whether the two agree.
func (m *Model) resultLines(width int) []string {
	c, st := m.check, m.st
	label := func(s string) string { return st.Pane.Label.Render(ui.Fit(s, 10)) }
	safe := termsafe.String // everything the endpoint sent is untrusted text
	var out []string
	out = append(out, st.Pane.Heading.Render("CORS preflight test of "+m.bucket))
	req := "Origin " + c.Request.Origin + " · " + c.Request.Method
	if len(c.Request.Headers) > 0 {
		req += " · headers " + strings.ToLower(strings.Join(c.Request.Headers, ", "))
	}
	out = append(out, m.wrapped(label("Request"), st.Pane.Value.Render, safe(req), width)...)
	// The verdict on the endpoint comes first: the details follow.
	switch {
	case !c.Compared():
		out = append(out, st.Muted.Render("Not compared: s3sec could not read the rules to evaluate them."))
	case c.Agrees():
		out = append(out, st.Good.Render("✓ The endpoint answered as S3 would for these rules."))
	default:
		out = append(out, st.Bad.Render(fmt.Sprintf("✗ The endpoint behaves unlike S3 for these rules (%d differences below).", len(c.Differences))))
	}
	out = append(out, "")

	verdict := st.Bad.Render("refused")
	if c.Allowed() {
		verdict = st.Good.Render("allowed")
	}
	out = append(out, label("Endpoint")+fmt.Sprintf("%d %s: ", c.Endpoint.Status, http.StatusText(c.Endpoint.Status))+verdict)
	out = append(out, "          "+st.Muted.Render(safe(c.Endpoint.URL)))
	if c.Endpoint.Code != "" {
		out = append(out, "          "+st.Muted.Render(safe(c.Endpoint.Code+": "+c.Endpoint.Message)))
	}
	for _, h := range c.Endpoint.Headers {
		out = append(out, m.wrapped("          ", st.Pane.Value.Render, safe(h.Name+": "+h.Value), width)...)
	}
	out = append(out, "")

	switch {
	case c.RulesErr != nil:
		out = append(out, m.wrapped(label("s3sec"), st.Warn.Render, "not evaluated: the rules could not be read ("+safe(c.RulesErr.Error())+")", width)...)
	case c.Local.Allowed:
		out = append(out, label("s3sec")+st.Good.Render("allowed")+" by "+safe(awsops.RuleName(c.Local)))
		out = append(out, m.wrapped("          ", st.Muted.Render, safe(ruleSummary(c.Rules[c.Local.Rule])), width)...)
	default:
		out = append(out, label("s3sec")+st.Bad.Render("refused"))
		out = append(out, m.wrapped("          ", st.Pane.Value.Render, safe(c.Local.Reason), width)...)
	}

	if !c.Agrees() && c.Compared() {
		out = append(out, "", st.Pane.Heading.Render("Differences from S3"))
		for _, d := range c.Differences {
			out = append(out, m.wrapped("  • ", st.Pane.Value.Render, safe(d), width)...)
		}
	}
	return out
}

// wrapped renders text after first, continuation lines indented as far.
func (m *Model) wrapped(first string, style func(...string) string, text string, width int) []string {
	indent := ansi.StringWidth(first)
	parts := ui.Wrap(text, max(10, width-indent))
	out := []string{first + style(parts[0])}
	for _, p := range parts[1:] {
		out = append(out, strings.Repeat(" ", indent)+style(p))
	}
	return out
}

// ruleSummary is a rule in one line: origins, methods and headers.
func ruleSummary(r awsops.CORSRule) string {
	s := strings.Join(r.AllowedOrigins, ", ") + " · " + strings.Join(r.AllowedMethods, ", ")
	if len(r.AllowedHeaders) > 0 {
		s += " · headers " + strings.Join(r.AllowedHeaders, ", ")
	}
	return s
}
