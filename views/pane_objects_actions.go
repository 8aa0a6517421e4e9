package views

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// purgeAction is D: delete the marked versions (or the one under the
// cursor) permanently. It only exists in the versions view, where version
// ids are shown.
func (p *objectsPane) purgeAction(k ui.KeyMap) ui.Action {
	reason := ""
	if !p.versions {
		reason = "show the versions first (v)"
	}
	return k.Action(k.Purge, "delete marked versions permanently (a delete marker: undelete)").Unless(reason)
}

// start implements actionPane: the Objects pane's enabled actions.
func (p *objectsPane) start(d *Detail, a ui.Action) tea.Cmd {
	k := d.c.keys
	switch {
	case slices.Equal(a.Binding.Keys(), k.Purge.Keys()):
		return startPurge(d)
	case slices.Equal(a.Binding.Keys(), k.Upload.Keys()):
		return startUpload(d)
	case slices.Equal(a.Binding.Keys(), k.Download.Keys()):
		return startDownload(d)
	case slices.Equal(a.Binding.Keys(), k.Reencrypt.Keys()):
		return startReencrypt(d)
	}
	return ui.Report(ui.LevelWarn, a.Explain())
}
