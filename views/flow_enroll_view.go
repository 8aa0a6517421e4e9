package views

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/ui"
)

// view implements flow: every stage but the QR code fits the pane area.
func (f *enrollFlow) view(e paneEnv) []string {
	st := e.st
	if f.stage == enPlan {
		confirm := strings.Split(f.confirm.View(st, e.width), "\n")
		f.preview.SetSize(e.width, max(1, e.height-len(confirm)-1))
		out := strings.Split(f.preview.View(st), "\n")
		return append(append(out, ""), confirm...)
	}
	out := []string{e.heading("Enroll a virtual MFA device for the root user")}
	add := func(lines ...string) { out = append(out, lines...) }
	switch f.stage {
	case enLooking:
		add(e.spin + " " + st.Muted.Render("the name is taken: iam:ListVirtualMFADevices (unassigned)…"))
	case enDeleting:
		add(e.spin + " " + st.Muted.Render("iam:DeleteVirtualMFADevice "+f.dev.Serial+"…"))
	case enExists:
		add(st.Warn.Render("! A virtual MFA device with this name exists and is not assigned to anyone:"))
		add(st.Pane.Value.Render(ansi.Truncate(f.existing, e.width, "…")), "")
		add(e.hintLines("An earlier enrollment created it and stopped before enabling it. Its secret cannot be shown again.", 0)...)
		add("")
		add(e.hintLines("r: reuse it — it is already in your authenticator app, type two of its codes", 0)...)
		add(e.hintLines("x: delete it (iam:DeleteVirtualMFADevice) and create a new one with a new QR code", 0)...)
		add(e.hintLines(awsops.DeleteVirtualMFADeviceCLI(f.existing), 3)...)
		add(st.Muted.Render("esc: back to the name"))
	case enDiscard:
		add(e.hintLines("The device exists but is not enabled; kept, it stays unassigned until deleted or reused by enrolling the same name.", 0)...)
		add(e.hintLines("Delete: iam:DeleteVirtualMFADevice · "+awsops.DeleteVirtualMFADeviceCLI(f.dev.Serial), 0)...)
		add("")
		add(strings.Split(f.confirm.View(st, e.width), "\n")...)
	case enName:
		add(e.hintLines("IAM creates the device and its secret; you scan the secret into an authenticator app, then prove it works with two consecutive codes. A short name keeps the QR code small enough for the terminal.", 0)...)
		add("", f.name.View(st, e.width))
		if f.retry != "" {
			add(st.Error.Render("✗ " + f.retry))
		}
		add(st.Muted.Render("enter: review the plan · esc: cancel"))
	case enCreating:
		add(e.spin + " " + st.Muted.Render("iam:CreateVirtualMFADevice…"))
	case enQR:
		// Only when the full-screen QR code cannot be drawn.
		why := "The QR code needs " + qrSize(f.qrCode()) + " cells, more than the terminal has: enlarge it, or press s to show the secret and type it into the app."
		if f.qrErr != nil {
			why = "The QR code could not be drawn (" + f.qrErr.Error() + "): press s to show the secret and type it into the app."
		}
		add(e.hintLines(why, 0)...)
		add(st.Muted.Render("enter: codes · s: secret · esc: cancel"))
		add(f.secretLines(e.width)...)
	case enCodes:
		add(f.codeLines(e)...)
	case enEnabling:
		add(e.spin + " " + st.Muted.Render("iam:EnableMFADevice…"))
	case enDone:
		add(st.Good.Render("✓ Enrolled: "+f.dev.Serial), "")
		add(e.hintLines("The device now protects the root user and is offered for MFA Delete (m). Keep the phone that holds it: without it no version of an MFA Delete bucket can be deleted.", 0)...)
		add("", st.Muted.Render("enter or esc closes"))
	case enFailed:
		add(errorLines(e, f.err, explainMFA)...)
	}
	return out
}

// codeLines renders the two code fields with the window countdown and, in
// demo mode, the demo authenticator for the new device.
func (f *enrollFlow) codeLines(e paneEnv) []string {
	st := e.st
	now := f.env.c.clock()
	out := e.hintLines("Type the code the app shows now, wait until it changes, then type the next one: IAM checks that they are consecutive.", 0)
	out = append(out, st.Pane.Label.Render("Device       ")+st.Pane.Value.Render(f.dev.Serial))
	out = append(out, st.Pane.Label.Render("Code window  ")+ui.Countdown(st, otp.SecondsLeft(now)))
	out = append(out, f.code1.View(st, e.width), f.code2.View(st, e.width))
	if f.retry != "" {
		for _, l := range ui.Wrap("✗ "+f.retry, max(10, e.width)) {
			out = append(out, st.Bad.Render(l))
		}
	}
	out = append(out, st.Muted.Render("enter: next / enable · tab: switch field · esc: back to the QR code"))
	if f.env.c.mfa.demo != nil {
		if code, err := otp.Code(f.dev.Seed, now); err == nil {
			out = append(out, "")
			out = append(out, ui.DemoAuthenticatorLines(st, e.width, f.dev.Serial, "", code, otp.SecondsLeft(now))...)
		}
	}
	return out
}

// secretLines show the device and, once revealed, its secret for typing
// into an app that cannot scan.
func (f *enrollFlow) secretLines(width int) []string {
	st := f.env.c.st
	var out []string
	for i, l := range ui.Wrap(f.dev.Serial, max(10, width-8)) {
		label := "        "
		if i == 0 {
			label = "Device  "
		}
		out = append(out, st.Pane.Label.Render(label)+st.Pane.Value.Render(l))
	}
	if !f.reveal {
		return append(out, st.Pane.Label.Render("Secret  ")+st.Muted.Render("hidden · s shows it"))
	}
	var groups []string
	for s := f.dev.Seed; s != ""; {
		n := min(4, len(s))
		groups = append(groups, s[:n])
		s = s[n:]
	}
	out = append(out, st.Pane.Label.Render("Secret  ")+st.Warn.Render("shown · s hides it"))
	for _, l := range ui.Wrap(strings.Join(groups, " "), max(10, width-8)) {
		out = append(out, "        "+st.Pane.Code.Render(l))
	}
	return out
}

// fullScreen implements fullScreener: the QR code with the instructions
// beside it (or under it), over the whole terminal.
func (f *enrollFlow) fullScreen(width, height int) (string, bool) {
	if f.stage != enQR {
		return "", false
	}
	code := f.qrCode() // encoded once, then kept; only on the QR stage
	if f.qrErr != nil {
		return "", false
	}
	qr := strings.Split(code, "\n")
	qrW := ansi.StringWidth(qr[0])
	if len(qr) > height || qrW > width {
		return "", false // the pane view explains and offers the secret
	}
	st := f.env.c.st
	side := []string{
		st.Title.Render("Scan with your authenticator app"),
		"",
	}
	sideW := width - qrW - 2
	if sideW < 24 {
		sideW = width
	}
	side = append(side, f.secretLines(sideW)...)
	side = append(side, "")
	for _, l := range ui.Wrap("Then press enter and type two consecutive codes.", max(10, sideW)) {
		side = append(side, st.Text.Render(l))
	}
	side = append(side, "")
	for _, l := range ui.Wrap("enter: codes · s: secret · esc: cancel", max(10, sideW)) {
		side = append(side, st.Muted.Render(l))
	}
	var lines []string
	if sideW == width {
		lines = append(qr, side...) // no room beside it: under it, cut to the height below
	} else {
		for i := 0; i < max(len(qr), len(side)); i++ {
			l := ""
			if i < len(qr) {
				l = qr[i]
			} else {
				l = strings.Repeat(" ", qrW)
			}
			if i < len(side) {
				l += "  " + ansi.Truncate(side[i], sideW, "…")
			}
			lines = append(lines, l)
		}
	}
	if len(lines) > height {
		lines = lines[:height]
	}
	return strings.Join(lines, "\n"), true
}

// help implements flow.
func (f *enrollFlow) help(k ui.KeyMap) []key.Binding {
	b := func(keys, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(help, desc))
	}
	switch f.stage {
	case enName:
		return []key.Binding{b("enter", "enter", "review the plan"), b("esc", "esc", "cancel")}
	case enPlan:
		return []key.Binding{b("y", "y", "create"), b("n", "n/esc", "back"), k.Move}
	case enExists:
		return []key.Binding{b("r", "r", "reuse it"), b("x", "x", "delete it, create anew"), b("esc", "esc", "back")}
	case enDiscard:
		return []key.Binding{b("y", "y", "delete the device"), b("n", "n/esc", "keep it")}
	case enLooking, enDeleting:
		return []key.Binding{b("esc", "esc", "cancel")}
	case enQR:
		return []key.Binding{b("enter", "enter", "codes"), k.Reveal, b("esc", "esc", "cancel")}
	case enCodes:
		return []key.Binding{b("enter", "enter", "next"), b("tab", "tab", "switch field"), b("esc", "esc", "back")}
	case enCreating, enEnabling:
		return []key.Binding{b("esc", "esc", "cancel")}
	}
	return []key.Binding{b("enter", "enter/esc", "close")}
}

// qrStyle is how the QR code is painted on this terminal: with colours,
// black on white whatever the background; without (NO_COLOR), the cells
// drawn in the text colour are the dark modules on a light background and
// the light ones on a dark background, so the code is never inverted.
func qrStyle(st *ui.Styles) otp.QRStyle {
	switch {
	case !st.NoColor:
		return otp.QRColours
	case st.IsDark:
		return otp.QRDarkBackground
	}
	return otp.QRLightBackground
}

// qrCode is the new device's QR code drawn for the current theme (the
// background may be learnt after the device was created).
func (f *enrollFlow) qrCode() string {
	style := qrStyle(f.env.c.st)
	if (f.qr == "" && f.qrErr == nil) || style != f.qrFor {
		f.qr, f.qrErr = otp.QRTerminalStyled(f.dev.URI, style)
		f.qrFor = style
	}
	return f.qr
}

// qrSize is the size in cells of a QR code rendered by otp.QRTerminal.
func qrSize(qr string) string {
	lines := strings.Split(qr, "\n")
	return fmt.Sprintf("%dx%d", ansi.StringWidth(lines[0]), len(lines))
}

// flowTitle implements titledFlow.
func (f *enrollFlow) flowTitle() string {
	return "Enroll MFA device: " + [...]string{"name", "creating", "QR code", "codes", "enabling", "done", "failed", "plan", "name taken", "existing device", "stop", "deleting"}[f.stage]
}
