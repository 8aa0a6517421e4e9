package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// flow is a dialog over the pane area of the detail screen: an edit form,
// a plan preview, a transfer, a guided change with an MFA prompt. While a
// flow is open it has the keys and sees every message; the pane beneath
// stays as it was and is shown again when the flow ends.
type flow interface {
	// update handles a key or any other message (messages of other flows
	// are recognised by their id and ignored); it returns the flow to show
	// next, nil when the flow is over.
	update(msg tea.Msg) (flow, tea.Cmd)
	// back handles esc: a step back or a cancel, or nil to leave the flow.
	back() (flow, tea.Cmd)
	// view renders the flow in the pane area (e.width × e.height).
	view(e paneEnv) []string
	// help lists the flow's keys for the help line.
	help(k ui.KeyMap) []key.Binding
	// typing reports whether a text field has the keys (q and ? are typed).
	typing() bool
	// busy reports whether an AWS call is in flight.
	busy() bool
	// close cancels whatever the flow has running.
	close()
}

// actionPane is a pane whose enabled actions start something.
type actionPane interface {
	start(d *Detail, a ui.Action) tea.Cmd
}

// updateFlow passes a message to the open flow and closes it when it ends.
func (d *Detail) updateFlow(msg tea.Msg) tea.Cmd {
	next, cmd := d.flow.update(msg)
	d.setFlow(next)
	return cmd
}

// backFlow passes esc to the open flow and closes it when it ends.
func (d *Detail) backFlow() tea.Cmd {
	next, cmd := d.flow.back()
	d.setFlow(next)
	return cmd
}

// setFlow replaces the open flow, closing the one it replaces.
func (d *Detail) setFlow(next flow) {
	if d.flow != nil && next != d.flow {
		d.flow.close()
	}
	d.flow = next
}
