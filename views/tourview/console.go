package tourview

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/views"
)

// The real screen: c opens the console itself (views.App, on the same
// session) at the step's bucket and pane, below a one-line banner; the
// console's own keys work, and q (where the console would quit) or ctrl+t
// comes back to the tour.

// consoleConfig is what the console embedded in the tour needs; cmd sets
// the demo authenticator so MFA prompts show the demo code.
type consoleConfig struct {
	authenticator views.DemoAuthenticator
}

// SetDemoAuthenticator makes the embedded console's MFA prompts show the
// demo device's code, as in s3sec demo.
func (m *Model) SetDemoAuthenticator(a func(time.Time) (serial, code string)) {
	m.console.authenticator = a
}

// openConsole starts the console at the step's screen.
func (m *Model) openConsole() tea.Cmd {
	step := m.steps[m.idx]
	app := views.NewApp(views.Config{Backend: m.env.S3, Demo: true, Parallel: 4, DemoAuthenticator: m.console.authenticator})
	open := app.OpenAt(step.Bucket, step.Pane)
	m.app = app
	size := tea.WindowSizeMsg{Width: m.w, Height: max(m.h-1, 1)}
	return tea.Batch(app.Init(), open, func() tea.Msg { return size })
}

// consoleUpdate hands a message to the console, except the keys that come
// back to the tour.
func (m *Model) consoleUpdate(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+t" || (msg.String() != "ctrl+c" && m.app.WouldQuit(msg)) {
			// The console quits as it would (cancelling its reads); its
			// tea.Quit is dropped, so only the console ends.
			_, _ = m.app.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
			m.app = nil
			m.status = "Back from the console; the demo data keeps what you changed there (r resets it)."
			return nil
		}
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		msg.Height = max(msg.Height-1, 1)
		_, cmd := m.app.Update(msg)
		return cmd
	}
	_, cmd := m.app.Update(msg)
	return cmd
}

// consoleView is the banner over the console's own frame.
func (m *Model) consoleView() tea.View {
	v := m.app.View()
	banner := m.st.Warn.Render(ansi.Truncate(fmt.Sprintf(" TOUR %d/%d · q or ctrl+t: back to the tour · %s",
		m.idx+1, len(m.steps), m.steps[m.idx].Title), m.w, "…"))
	v.SetContent(banner + "\n" + v.Content)
	return v
}
