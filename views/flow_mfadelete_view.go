package views

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"github.com/s3sec/s3sec/ui"
)

// view implements flow.
func (f *mfaDeleteFlow) view(e paneEnv) []string {
	st := e.st
	step := map[mfaDeleteStage]string{
		mdChecking: "checklist", mdChecklist: "checklist", mdVersioning: "versioning",
		mdDevice: "MFA device", mdSerial: "MFA device", mdChange: "plan, code and call",
	}[f.stage]
	out := []string{e.heading(f.title()) + st.Muted.Render(" · "+step)}
	switch f.stage {
	case mdChecking:
		return append(out, e.spin+" "+st.Muted.Render("checking the caller, the connection, versioning, lifecycle and MFA devices…"))
	case mdChecklist:
		return append(out, f.checklistLines(e, e.height-1)...)
	case mdVersioning:
		out = append(out, e.hintLines("Versioning is not enabled on this bucket: MFA Delete protects object versions, so it should be turned on too. Both can be set in the same request, with one code.", 0)...)
		return append(append(out, ""), f.choice.Lines(st, e.width)...)
	case mdDevice:
		out = append(out, st.Text.Render("Which MFA device of the root user gives the code?"), "")
		return append(out, f.choice.Lines(st, e.width)...)
	case mdSerial:
		out = append(out, e.hintLines("Type the serial of the root user's MFA device: the ARN of a virtual device, or the serial printed on a hardware token.", 0)...)
		out = append(out, f.serial.View(st, e.width))
		if f.serialErr != "" {
			for _, l := range ui.Wrap("✗ "+f.serialErr, max(10, e.width)) {
				out = append(out, st.Error.Render(l))
			}
		}
		return append(out, st.Muted.Render("enter: next · esc: back"))
	}
	e.height--
	return append(out, f.ch.view(e)...)
}

// checklistLines renders the checklist in height lines, scrolled, with
// the verdict and what to do next pinned under it.
func (f *mfaDeleteFlow) checklistLines(e paneEnv, height int) []string {
	st := e.st
	items := checkItems(f.checks)
	all := ui.ChecklistLines(items, st, e.width)
	var foot []string
	if ui.Blocked(items) {
		for _, l := range ui.Wrap("Cannot continue: fix the ✗ items above first. Nothing was sent.", max(10, e.width)) {
			foot = append(foot, st.Bad.Render(l))
		}
		foot = append(foot, st.Muted.Render("esc closes"))
	} else {
		foot = append(foot, st.Muted.Render("enter: continue · esc: cancel"))
	}
	body := max(1, height-len(foot))
	if len(all) <= body {
		f.maxOffset = 0
		return append(all, foot...)
	}
	body = max(1, body-1)
	// Remember how far it can scroll at this size, so a key press past the
	// end does not have to be undone by as many presses back.
	f.maxOffset = max(0, len(all)-body)
	off := ui.ClampOffset(f.offset, len(all), body)
	shown := append([]string{}, ui.Visible(all, off, body)...)
	more := st.Muted.Render(fmt.Sprintf("lines %d–%d of %d · ↑↓ to scroll", off+1, off+len(shown), len(all)))
	return append(append(shown, more), foot...)
}

// help implements flow.
func (f *mfaDeleteFlow) help(k ui.KeyMap) []key.Binding {
	b := func(keys, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(help, desc))
	}
	switch f.stage {
	case mdChange:
		return f.ch.help(k)
	case mdChecklist:
		if ui.Blocked(checkItems(f.checks)) {
			return []key.Binding{k.Move, b("esc", "esc", "close")}
		}
	}
	return []key.Binding{k.Move, b("enter", "enter", "continue"), b("esc", "esc", "back")}
}

// flowTitle implements titledFlow.
func (f *mfaDeleteFlow) flowTitle() string {
	verb := "Enable MFA Delete"
	if !f.enable {
		verb = "Disable MFA Delete"
	}
	switch f.stage {
	case mdChecking, mdChecklist:
		return verb + ": checklist"
	case mdVersioning:
		return verb + ": versioning"
	case mdDevice, mdSerial:
		return verb + ": device"
	}
	return verb + ": " + f.ch.stageName()
}
