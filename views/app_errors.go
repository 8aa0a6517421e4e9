package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// The error-log overlay ("!"): the last few errors with their time and
// operation, since error messages expire from the status bar. While it is
// shown it owns the keyboard: esc, q and ! close it, ctrl+c quits, and no
// other key reaches the screen below.

// errorLogKey handles a key press for the overlay: it opens it on "!" (when
// no text field has the keys) and takes every key while it is shown.
// handled is false when the key is none of its business.
func (a *App) errorLogKey(msg tea.KeyPressMsg) (handled bool, cmd tea.Cmd) {
	k := a.c.keys
	if !a.showErrors {
		if key.Matches(msg, k.Errors) && !a.top().Typing() {
			a.showErrors = true
			a.showHelp = false
			return true, nil
		}
		return false, nil
	}
	switch {
	case key.Matches(msg, k.Interrupt):
		return true, a.quit()
	case key.Matches(msg, k.Back, k.Quit, k.Errors):
		a.showErrors = false
	}
	return true, nil
}

// errorLogHelp is the footer while the overlay is shown.
func (a *App) errorLogHelp() helpKeys {
	keys := []key.Binding{errorLogCloseKey, a.c.keys.Interrupt}
	return helpKeys{short: keys, full: [][]key.Binding{keys}}
}

// errorLogCloseKey closes the error-log overlay.
var errorLogCloseKey = key.NewBinding(key.WithKeys("esc", "q", "!"), key.WithHelp("esc/q/!", "close"))

// errorLogView renders the overlay in the content area.
func (a *App) errorLogView(width, height int) string {
	return ui.ErrorLogView(a.status.Errors, a.c.st, width, height)
}
