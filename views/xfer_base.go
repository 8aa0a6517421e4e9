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
