package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// The Logging pane takes l (view access logs) before the detail screen:
// elsewhere l is one of the keys that move to the next pane, and tab
// still does that here.

// help implements keyPane: the key is listed with the pane's actions.
func (loggingPane) help(ui.KeyMap) []key.Binding { return nil }

// key implements keyPane: l opens the log viewer when logging is on, and
// says why not otherwise.
func (loggingPane) key(d *Detail, msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if !key.Matches(msg, d.c.keys.Logs) {
		return false, nil
	}
	if s, ok := d.store.get(d.bucket); ok && s.Logging != nil && !s.Logging.Enabled {
		return true, ui.Report(ui.LevelWarn, "Server access logging is off for "+termsafe.String(d.bucket)+": there are no logs to view")
	}
	return true, startLogViewer(d)
}
