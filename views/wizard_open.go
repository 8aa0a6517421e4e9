package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// The keys that open the wizards (not in ui.KeyMap: only these screens use them).
var (
	secureKey    = key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "secure bucket"))
	newBucketKey = key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "new bucket"))
)

// openWizardMsg asks the App to push a wizard: on bucket, or a new bucket
// when create is set.
type openWizardMsg struct {
	bucket string
	create bool
}

// openWizard returns the command that asks for a wizard.
func openWizard(bucket string, create bool) tea.Cmd {
	return func() tea.Msg { return openWizardMsg{bucket: bucket, create: create} }
}

// openWizardScreen pushes the wizard asked for.
func (a *App) openWizardScreen(m openWizardMsg) tea.Cmd {
	if a.c.keys.ReadOnly {
		return ui.Report(ui.LevelWarn, ui.ReasonReadOnly)
	}
	if m.create {
		a.push(newBucketWizard(a.c, a.cfg.Backend, a.overview.store))
		return nil
	}
	if !a.overview.store.complete(m.bucket) {
		return ui.Report(ui.LevelWarn, m.bucket+" is still being read: press w again once its row is complete")
	}
	w, cmd := newSecureWizard(a.c, a.cfg.Backend, a.overview.store, m.bucket)
	a.push(w)
	return cmd
}

// wizardActions are the overview's wizard keys, disabled in read-only mode.
func (o *Overview) wizardActions() []ui.Action {
	return []ui.Action{o.c.keys.Action(secureKey, "secure bucket"), o.c.keys.Action(newBucketKey, "new bucket")}
}

// wizardKey opens a wizard from the overview: w on the selected bucket, c for a new one.
func (o *Overview) wizardKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	switch {
	case key.Matches(msg, secureKey):
		if o.c.keys.ReadOnly {
			return true, ui.Report(ui.LevelWarn, ui.ReasonReadOnly)
		}
		if name, ok := o.selected(); ok {
			return true, openWizard(name, false)
		}
		return true, nil
	case key.Matches(msg, newBucketKey):
		if o.c.keys.ReadOnly {
			return true, ui.Report(ui.LevelWarn, ui.ReasonReadOnly)
		}
		return true, openWizard("", true)
	}
	return false, nil
}

// wizardAction is the detail screen's w.
func (d *Detail) wizardAction() ui.Action {
	return d.c.keys.Action(secureKey, "secure bucket")
}

// wizardKey opens "Secure this bucket" from the detail screen.
func (d *Detail) wizardKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if !key.Matches(msg, secureKey) {
		return false, nil
	}
	if d.c.keys.ReadOnly {
		return true, ui.Report(ui.LevelWarn, ui.ReasonReadOnly)
	}
	return true, openWizard(d.bucket, false)
}

// relistMsg asks the overview to list the buckets again (a bucket was created).
type relistMsg struct{}

// relist lists the buckets again and reads them, as R does.
func (a *App) relist() tea.Cmd { return a.overview.startListing() }
