package views

import (
	"context"

	"charm.land/bubbles/v2/key"

	"github.com/s3sec/s3sec/ui"
)

// xferBase is the stage and the call in flight of the upload, download and
// re-encrypt flows, with the flow methods that depend on nothing else.
type xferBase struct {
	stage  xferStage
	cancel context.CancelFunc
}

// close implements flow: it cancels the call in flight, if any.
func (b *xferBase) close() {
	if b.cancel != nil {
		b.cancel()
		b.cancel = nil
	}
}

// typing implements flow: the form has the keys.
func (b *xferBase) typing() bool { return b.stage == xferEditing }

// busy implements flow.
func (b *xferBase) busy() bool { return b.stage == xferLoading || b.stage == xferRunning }

// help implements flow.
func (b *xferBase) help(ui.KeyMap) []key.Binding { return xferHelp(b.stage) }

// xferHelp lists the keys of a transfer flow's stage.
func xferHelp(stage xferStage) []key.Binding {
	esc := func(what string) key.Binding { return key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", what)) }
	switch stage {
	case xferEditing:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
			key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
			esc("cancel"),
		}
	case xferConfirming:
		return []key.Binding{key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "start")), esc("cancel")}
	case xferRunning, xferLoading:
		return []key.Binding{esc("cancel")}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("enter/esc", "back to the form"))}
}
