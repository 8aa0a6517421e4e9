package corstester

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
)

// methods are the methods a CORS rule can allow, in the order offered.
var methods = []string{"GET", "PUT", "POST", "DELETE", "HEAD"}

// openForm shows the form on the kept answers, with problem above it.
func (m *Model) openForm(problem string) tea.Cmd {
	m.stage, m.problem = editing, problem
	a := m.ans
	origin := huh.NewInput().Key("origin").
		Title("Origin of the page").
		Description(m.desc("The scheme://host[:port] a browser sends in Origin, e.g. https://app.example.com.")).
		Placeholder("https://app.example.com").
		Value(&a.origin).
		Validate(func(s string) error {
			s = strings.TrimSpace(s)
			if s == "" {
				return errors.New("type the page's origin")
			}
			return awsops.CheckRequestOrigin(s)
		})
	opts := make([]huh.Option[string], len(methods))
	for i, v := range methods {
		opts[i] = huh.NewOption(v, v)
	}
	method := huh.NewSelect[string]().Key("method").
		Title("Method the page wants to use").
		Description(m.desc("Sent as Access-Control-Request-Method.")).
		Options(opts...).
		Value(&a.method)
	headers := huh.NewInput().Key("headers").
		Title("Request headers (optional)").
		Description(m.desc("Names the page sets, separated by commas (e.g. content-type, x-amz-date); sent as Access-Control-Request-Headers.")).
		Value(&a.headers).
		Validate(func(s string) error {
			var errs []error
			for _, h := range splitHeaders(s) {
				errs = append(errs, awsops.CheckRequestHeader(h))
			}
			return errors.Join(errs...)
		})
	m.form = huh.NewForm(huh.NewGroup(origin), huh.NewGroup(method), huh.NewGroup(headers)).
		WithTheme(m.st.FormTheme()).WithShowHelp(false).WithWidth(max(20, m.width-2))
	return m.form.Init()
}

// desc wraps a field description to the form's inner width (the form is
// width-2 wide; its border and padding take 4 more).
func (m *Model) desc(text string) string {
	return ansi.Wordwrap(text, max(16, m.width-6), " ")
}
