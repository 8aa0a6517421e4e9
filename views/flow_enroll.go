package views

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/ui"
)

// enrollStage is where the enrollment wizard is.
type enrollStage int

// Stages of the enrollment wizard.
const (
	enName     enrollStage = iota // the device name
	enCreating                    // CreateVirtualMFADevice runs
	enQR                          // the QR code (full screen), the secret hidden
	enCodes                       // two consecutive codes
	enEnabling                    // EnableMFADevice runs
	enDone                        // enrolled
	enFailed                      // the error is shown
)

// defaultDeviceName keeps the otpauth URI short enough for a QR code that
// fits an 80x24 terminal (version 6: 45x23 cells with its quiet zone).
const defaultDeviceName = "s3sec"

// Messages of the enrollment wizard, for flow and request.
type (
	deviceCreatedMsg struct {
		flow, req int
		dev       awsops.VirtualMFADevice
		err       error
	}
	deviceEnabledMsg struct {
		flow, req int
		err       error
	}
	enrollTickMsg struct{ flow, gen int }
)

// enrollFlow enrolls a virtual MFA device for the root user: the name,
// CreateVirtualMFADevice, the QR code in the terminal (the secret hidden
// until asked for), two consecutive codes, EnableMFADevice.
type enrollFlow struct {
	env    flowEnv
	stage  enrollStage
	name   ui.Field
	code1  ui.Field
	code2  ui.Field
	dev    awsops.VirtualMFADevice // holds the seed: never rendered unless revealed, never logged
	qr     string                  // the QR code as drawn for qrFor
	qrFor  otp.QRStyle             // the style qr was drawn in
	qrErr  error
	reveal bool
	req    int
	cancel context.CancelFunc
	tick   int // generation of the countdown ticks
	retry  string
	err    error
}

// startEnroll opens the wizard.
func startEnroll(d *Detail) tea.Cmd {
	f := &enrollFlow{env: newFlowEnv(d)}
	f.name = ui.Field{Label: "Device name", Value: defaultDeviceName, Focused: true, Limit: 64}
	d.setFlow(f)
	return nil
}

// typing implements flow.
func (f *enrollFlow) typing() bool { return f.stage == enName || f.stage == enCodes }

// busy implements flow.
func (f *enrollFlow) busy() bool { return f.stage == enCreating || f.stage == enEnabling }

// close implements flow: the call is canceled and the countdown stops.
func (f *enrollFlow) close() {
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	f.tick++
}

// back implements flow: leaving after the device was created says that it
// stays, unassigned.
func (f *enrollFlow) back() (flow, tea.Cmd) {
	switch f.stage {
	case enCodes:
		f.stage = enQR
		f.tick++
		return f, nil
	case enQR, enEnabling:
		f.close()
		return nil, ui.Report(ui.LevelWarn, "The virtual MFA device "+f.dev.Serial+" was created but not enabled; it stays unassigned until deleted (aws iam delete-virtual-mfa-device).")
	case enFailed:
		if f.dev.Serial != "" && f.code1.Value == "" {
			f.stage = enCodes
			return f, f.startTicks()
		}
	}
	f.close()
	return nil, nil
}

// update implements flow.
func (f *enrollFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	switch m := msg.(type) {
	case deviceCreatedMsg:
		if m.flow == f.env.flow && m.req == f.req && f.stage == enCreating {
			f.onCreated(m)
		}
	case deviceEnabledMsg:
		if m.flow == f.env.flow && m.req == f.req && f.stage == enEnabling {
			return f, f.onEnabled(m.err)
		}
	case enrollTickMsg:
		if m.flow == f.env.flow && m.gen == f.tick && f.stage == enCodes {
			return f, f.nextTick()
		}
	case tea.PasteMsg:
		f.field().Update(m)
	case tea.KeyPressMsg:
		return f.key(m)
	}
	return f, nil
}

// field is the text field that has the keys.
func (f *enrollFlow) field() *ui.Field {
	switch {
	case f.stage == enName:
		return &f.name
	case f.code2.Focused:
		return &f.code2
	}
	return &f.code1
}

func (f *enrollFlow) key(m tea.KeyPressMsg) (flow, tea.Cmd) {
	switch f.stage {
	case enName:
		if m.String() == "enter" {
			return f, f.create()
		}
		f.name.Update(m)
	case enQR:
		switch {
		case m.String() == "enter":
			f.stage = enCodes
			f.code1 = ui.Field{Label: "First code ", Placeholder: "the code shown now", Focused: true, Limit: 16}
			f.code2 = ui.Field{Label: "Second code", Placeholder: "the next code, once it changes", Limit: 16}
			return f, f.startTicks()
		case m.String() == f.env.c.keys.Reveal.Keys()[0]:
			f.reveal = !f.reveal
		}
	case enCodes:
		switch m.String() {
		case "tab", "shift+tab", "up", "down":
			f.code1.Focused, f.code2.Focused = !f.code1.Focused, !f.code2.Focused
		case "enter":
			return f, f.enter()
		default:
			if f.field().Update(m) {
				f.retry = ""
			}
		}
	case enDone, enFailed:
		if m.String() == "enter" {
			f.close()
			return nil, nil
		}
	}
	return f, nil
}

// create validates the name and calls CreateVirtualMFADevice.
func (f *enrollFlow) create() tea.Cmd {
	name := strings.TrimSpace(f.name.Value)
	if name == "" || strings.ContainsFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_+=,.@-", r))
	}) {
		f.retry = "a device name is letters, digits and _ + = , . @ - only"
		return nil
	}
	f.retry = ""
	f.stage = enCreating
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.req++
	be, flow, req := f.env.be, f.env.flow, f.req
	return func() tea.Msg {
		dev, err := be.CreateVirtualMFADevice(ctx, name)
		return deviceCreatedMsg{flow: flow, req: req, dev: dev, err: err}
	}
}

// onCreated shows the QR code of the new device.
func (f *enrollFlow) onCreated(m deviceCreatedMsg) {
	f.cancel()
	if m.err != nil {
		f.stage, f.err = enFailed, m.err
		return
	}
	f.dev = m.dev
	f.qr, f.qrErr = "", nil
	f.qrCode()
	f.stage = enQR
	if f.env.c.mfa.demo != nil {
		// Demo only: the sandbox stands in for the phone that would hold the seed.
		f.env.c.mfa.demoSeeds[m.dev.Serial] = m.dev.Seed
	}
}

// enter moves to the second code, or sends both once they are valid.
func (f *enrollFlow) enter() tea.Cmd {
	if f.code1.Focused {
		if err := otp.ValidateCode(strings.ReplaceAll(f.code1.Value, " ", "")); err != nil {
			f.retry = err.Error()
			return nil
		}
		f.code1.Focused, f.code2.Focused = false, true
		return nil
	}
	c1, c2 := strings.ReplaceAll(f.code1.Value, " ", ""), strings.ReplaceAll(f.code2.Value, " ", "")
	for _, c := range []string{c1, c2} {
		if err := otp.ValidateCode(c); err != nil {
			f.retry = err.Error()
			return nil
		}
	}
	if c1 == c2 {
		f.retry = "the two codes are the same: wait for the app to show the next code and type that one second"
		return nil
	}
	f.code1.Value, f.code2.Value = "", ""
	f.stage = enEnabling
	f.tick++
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.req++
	user := ""
	if id, ok := f.env.identity(); ok && id.IsRoot {
		user = id.Account // IAM takes the account id as the root user's name (S3-BEHAVIOR 8.3)
	}
	be, flow, req, serial := f.env.be, f.env.flow, f.req, f.dev.Serial
	return func() tea.Msg {
		return deviceEnabledMsg{flow: flow, req: req, err: be.EnableMFADevice(ctx, user, serial, c1, c2)}
	}
}

// onEnabled ends the wizard, or asks for two fresh codes when IAM refused them.
func (f *enrollFlow) onEnabled(err error) tea.Cmd {
	f.cancel()
	if err != nil && awsops.IsMFARejected(err) {
		f.stage = enCodes
		f.code1.Focused, f.code2.Focused = true, false
		f.retry = "Those codes were rejected: type the code shown now, wait for the next one, and type it second."
		return f.startTicks()
	}
	if err != nil {
		f.stage, f.err = enFailed, err
		return ui.Report(ui.LevelError, "EnableMFADevice: "+errorOf(err).Error()+" — "+explainMFA(err))
	}
	f.stage = enDone
	return tea.Batch(ui.Report(ui.LevelSuccess, "Virtual MFA device enrolled: "+f.dev.Serial), f.env.c.mfa.loadDevices(f.env.be))
}

// startTicks starts the countdown of the codes stage.
func (f *enrollFlow) startTicks() tea.Cmd {
	f.tick++
	return f.nextTick()
}

func (f *enrollFlow) nextTick() tea.Cmd {
	flow, gen := f.env.flow, f.tick
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return enrollTickMsg{flow: flow, gen: gen} })
}
