package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// changeHost is what the purge and versioning flows share: once the MFA
// device is known they hand the whole exchange (plan, confirm, code, apply,
// read back) to one *change, and only wait for the device list before that.
type changeHost struct {
	env     flowEnv
	dev     needsSerial
	blocked []awsops.Check // the root-only checklist, when the caller may not go on
	ch      *change
}

// begin plans at once when the bucket has no MFA Delete; otherwise only the
// root user may go on, and the plan waits for its MFA device to be known.
func (h *changeHost) begin(mfaDelete bool, plan func(serial string)) tea.Cmd {
	if !mfaDelete {
		plan("")
		return nil
	}
	if h.blocked = rootOnlyChecks(h.env); h.blocked != nil {
		return nil
	}
	serial, cmd := h.dev.serialOrLoad(h.env)
	if cmd == nil {
		plan(serial)
	}
	return cmd
}

// typing implements flow.
func (h *changeHost) typing() bool { return h.ch != nil && h.ch.typing() }

// busy implements flow.
func (h *changeHost) busy() bool { return h.dev.waiting || (h.ch != nil && h.ch.busy()) }

// close implements flow.
func (h *changeHost) close() {
	if h.ch != nil {
		h.ch.close()
	}
}

// help implements flow: the change's keys, or only esc before it exists.
func (h *changeHost) help(k ui.KeyMap) []key.Binding {
	if h.ch == nil {
		return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))}
	}
	return h.ch.help(k)
}

// titleFor is the flow title of the flow doing what: its stage after the
// name, or why it cannot go on.
func (h *changeHost) titleFor(what string) string {
	switch {
	case h.blocked != nil:
		return what + ": not possible"
	case h.ch == nil:
		return what + ": MFA device"
	}
	return what + ": " + h.ch.stageName()
}

// bodyLines is the flow's view under heading: why it is blocked, the wait
// for the MFA devices, or the change (one line shorter for the heading).
func (h *changeHost) bodyLines(e paneEnv, heading string) []string {
	out := []string{heading}
	switch {
	case h.blocked != nil:
		return append(out, blockedLines(e, h.blocked)...)
	case h.dev.waiting:
		return append(out, e.spin+" "+e.st.Muted.Render("listing the root user's MFA devices…"))
	}
	e.height--
	return append(out, h.ch.view(e)...)
}

// backFrom implements flow.back for self, the flow built on h.
func (h *changeHost) backFrom(self flow) (flow, tea.Cmd) {
	if h.ch == nil {
		return nil, nil
	}
	leave, cmd := h.ch.back()
	if leave {
		return nil, cmd
	}
	return self, cmd
}

// updateFrom implements flow.update for self, the flow built on h: plan
// builds the change once the MFA devices have arrived.
func (h *changeHost) updateFrom(self flow, msg tea.Msg, plan func(serial string)) (flow, tea.Cmd) {
	if m, ok := msg.(mfaDevicesMsg); ok && h.dev.waiting && m.gen == h.env.c.mfa.devicesGen {
		h.dev.waiting = false
		plan(h.env.c.mfa.defaultSerial(h.env.c.clock()))
		return self, nil
	}
	if h.ch == nil {
		return self, nil
	}
	leave, cmd := h.ch.update(msg)
	if leave {
		return nil, cmd
	}
	return self, cmd
}
