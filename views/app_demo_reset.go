package views

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// Resetting the demo data (s3sec demo only): the sandbox forgets every
// change and loads its demo buckets again, so a presenter can rehearse.
// r already re-reads the selected bucket on every screen, so the reset is
// ctrl+r, and it always asks first.

// demoResetBinding asks to reset the demo data.
var demoResetBinding = key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reset demo data"))

// demoResetConfirm are the keys of the question.
var demoResetConfirm = []key.Binding{
	key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "reset the demo data")),
	key.NewBinding(key.WithKeys("n"), key.WithHelp("any other key", "keep it")),
}

// demoResetTimeout bounds a reset; re-seeding takes milliseconds.
const demoResetTimeout = time.Minute

// demoResetMsg is the end of a reset.
type demoResetMsg struct{ err error }

// demoResetKey handles the reset key and the question's answer; handled
// is false when the key is none of its business.
func (a *App) demoResetKey(msg tea.KeyPressMsg) (handled bool, cmd tea.Cmd) {
	if a.cfg.DemoReset == nil {
		return false, nil
	}
	if a.demoResetAsk {
		a.demoResetAsk = false
		if key.Matches(msg, a.c.keys.Interrupt) {
			return true, a.quit()
		}
		if msg.String() != "y" {
			return true, ui.Report(ui.LevelInfo, "The demo data is unchanged.")
		}
		a.demoResetting = true
		reset := a.cfg.DemoReset
		return true, func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), demoResetTimeout)
			defer cancel()
			return demoResetMsg{err: reset(ctx)}
		}
	}
	top := a.top()
	if key.Matches(msg, demoResetBinding) && !a.demoResetting && !a.showHelp && !top.Typing() && !inDialog(top) {
		a.demoResetAsk = true
		return true, nil
	}
	return false, nil
}

// onDemoReset goes back to the overview and reads every bucket again.
func (a *App) onDemoReset(m demoResetMsg) tea.Cmd {
	a.demoResetting = false
	if m.err != nil {
		return func() tea.Msg {
			return ui.StatusMsg{Level: ui.LevelError, Op: "reset demo data", Text: "Resetting the demo data failed: " + m.err.Error()}
		}
	}
	for len(a.stack) > 1 {
		a.pop()
	}
	return tea.Batch(a.overview.startListing(),
		ui.Report(ui.LevelSuccess, "Demo data reset: every demo bucket is back to its seeded state."))
}

// demoResetFooter is the footer while the question is asked.
func (a *App) demoResetFooter() string {
	return a.c.st.Warn.Render("Reset the demo data? ") + fitShortHelp(a.help, demoResetConfirm, a.width-22)
}
