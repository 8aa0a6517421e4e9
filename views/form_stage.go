package views

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// formStage is the huh form of a flow with the problem shown above it, the
// scaffolding the upload, download, re-encrypt and encryption-edit flows
// share: one look, one way to pass keys on, one way to follow the pane's width.
type formStage struct {
	form    *huh.Form
	problem string
	width   int
}

// styled gives form the flows' theme, no help line of its own (the footer
// shows the keys) and the pane's width.
func (s *formStage) styled(c *common, form *huh.Form) *huh.Form {
	return form.WithTheme(c.st.FormTheme()).WithShowHelp(false).WithWidth(max(20, s.width-2))
}

// updateForm passes msg on to the form; done reports that the user has
// answered its last question, in which case cmd is to be dropped.
func (s *formStage) updateForm(msg tea.Msg) (done bool, cmd tea.Cmd) {
	m, cmd := s.form.Update(msg)
	if form, ok := m.(*huh.Form); ok {
		s.form = form
	}
	return s.form.State == huh.StateCompleted, cmd
}

// formLines is the problem, then the form, first resized when the pane's
// width changed since it was drawn.
func (s *formStage) formLines(e paneEnv) []string {
	var out []string
	if s.problem != "" {
		out = wrapStyled(e.st.Error, "✗ "+s.problem, e.width)
	}
	if s.width != e.width {
		s.width = e.width
		s.form = s.form.WithWidth(max(20, e.width-2))
	}
	return append(out, strings.Split(strings.TrimRight(s.form.View(), "\n"), "\n")...)
}
