package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Hooks for a host that embeds the console (the demo tour shows "the real
// screen where it happens" and takes the user back on q).

// OpenAt shows bucket's detail screen on the pane titled pane (its tab
// name, "Encryption"), over the overview; esc goes back to the overview as
// usual. The bucket's settings arrive with the overview's scan. Call it
// before Init; the command loads the Objects pane when that is the pane.
func (a *App) OpenAt(bucket, pane string) tea.Cmd {
	d := newDetail(a.c, a.cfg.Backend, a.overview.store, a.overview.bucketLoading, bucket, a.objectsPageSize)
	a.push(d)
	for i, p := range d.panes {
		if p.title() == pane {
			return d.show(i)
		}
	}
	return nil
}

// WouldQuit reports whether the key would end the console: ctrl+c
// anywhere, q on a screen with no dialog, text field or overlay (where q
// closes the dialog or is typed). A host handles such a key itself.
func (a *App) WouldQuit(msg tea.KeyPressMsg) bool {
	k := a.c.keys
	if key.Matches(msg, k.Interrupt) {
		return true
	}
	if a.showHelp || a.showErrors || a.demoResetAsk {
		return false
	}
	top := a.top()
	return key.Matches(msg, k.Quit) && !top.Typing() && !inDialog(top)
}
