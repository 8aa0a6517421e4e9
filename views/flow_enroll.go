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
	enPlan                        // what will be created, then confirm (No by default)
	enLooking                     // the name exists: looking for an unassigned device of that name
	enExists                      // an unassigned device of that name exists: reuse or delete it
	enDiscard                     // stopping after the device exists: delete it or keep it
	enDeleting                    // DeleteVirtualMFADevice runs
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
	enrollTickMsg   struct{ flow, gen int }
	deviceLookupMsg struct {
		flow, req int
		serial    string // "" when no unassigned device has the name
		err       error
	}
	deviceDeletedMsg struct {
		flow, req int
		err       error
	}
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

	plan     awsops.Plan    // what enrollment creates, shown before anything is
	preview  ui.PlanPreview // the plan, scrollable
	confirm  ui.Confirm     // enPlan: create?  enDiscard: delete the device?
	existing string         // enExists: the unassigned device of the chosen name
	recreate bool           // enDeleting: create the device again once deleted
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
func (f *enrollFlow) busy() bool {
	return f.stage == enCreating || f.stage == enEnabling || f.stage == enLooking || f.stage == enDeleting
}

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
	case enPlan, enExists:
		f.stage = enName // nothing was created
		return f, nil
	case enCodes:
		if f.dev.URI == "" { // a reused device: there is no QR code to go back to
			f.close()
			return f.offerDiscard()
		}
		f.stage = enQR
		f.tick++
		return f, nil
	case enQR, enEnabling:
		f.close()
		return f.offerDiscard()
	case enDiscard:
		return nil, f.keptReport()
	case enDeleting, enLooking:
		f.close()
		if f.stage == enDeleting && !f.recreate {
			return nil, f.keptReport()
		}
		f.stage = enName
		return f, nil
	case enFailed:
		if f.dev.Serial != "" && f.code1.Value == "" {
			f.stage = enCodes
			return f, f.startTicks()
		}
		if f.dev.Serial != "" {
			return f.offerDiscard()
		}
	}
	f.close()
	return nil, nil
}

// offerDiscard asks, once the device exists but is not enabled, whether
// to delete it (DeleteVirtualMFADevice) or keep it for a later attempt.
func (f *enrollFlow) offerDiscard() (flow, tea.Cmd) {
	f.stage = enDiscard
	f.confirm = ui.NewConfirm("Delete the device "+f.dev.Serial+"? It was created but not enabled.").WithLabels("Delete it", "Keep it")
	return f, nil
}

// keptReport says that the unassigned device stays, and how to delete it later.
func (f *enrollFlow) keptReport() tea.Cmd {
	f.close()
	return ui.Report(ui.LevelWarn, "The virtual MFA device "+f.dev.Serial+" was created but not enabled; it stays unassigned until deleted ("+awsops.DeleteVirtualMFADeviceCLI(f.dev.Serial)+"), or reused by enrolling the same name.")
}

// update implements flow.
func (f *enrollFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	switch m := msg.(type) {
	case deviceCreatedMsg:
		if m.flow == f.env.flow && m.req == f.req && f.stage == enCreating {
			return f, f.onCreated(m)
		}
	case deviceEnabledMsg:
		if m.flow == f.env.flow && m.req == f.req && f.stage == enEnabling {
			return f, f.onEnabled(m.err)
		}
	case deviceLookupMsg:
		if m.flow == f.env.flow && m.req == f.req && f.stage == enLooking {
			return f, f.onLookup(m)
		}
	case deviceDeletedMsg:
		if m.flow == f.env.flow && m.req == f.req && f.stage == enDeleting {
			return f.onDeleted(m.err)
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
			f.showPlan()
			return f, nil
		}
		f.name.Update(m)
	case enPlan:
		switch m.String() {
		case "up", "k", "down", "j", "pgup", "pgdown", "home", "g", "end", "G":
			f.preview, _ = f.preview.Update(m)
			return f, nil
		}
		var ans ui.Answer
		f.confirm, ans = f.confirm.Update(m)
		switch ans {
		case ui.AnswerYes:
			return f, f.create()
		case ui.AnswerNo:
			f.stage = enName
		}
	case enExists:
		switch m.String() {
		case "r": // the app already holds it: go straight to the codes
			f.dev = awsops.VirtualMFADevice{Serial: f.existing}
			f.toCodes()
			return f, f.startTicks()
		case "x":
			f.dev = awsops.VirtualMFADevice{Serial: f.existing}
			return f, f.delete(true)
		}
	case enDiscard:
		var ans ui.Answer
		f.confirm, ans = f.confirm.Update(m)
		switch ans {
		case ui.AnswerYes:
			return f, f.delete(false)
		case ui.AnswerNo:
			return nil, f.keptReport()
		}
	case enQR:
		switch {
		case m.String() == "enter":
			f.toCodes()
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

// toCodes opens the two code fields.
func (f *enrollFlow) toCodes() {
	f.stage = enCodes
	f.retry = ""
	f.code1 = ui.Field{Label: "First code ", Placeholder: "the code shown now", Focused: true, Limit: 16}
	f.code2 = ui.Field{Label: "Second code", Placeholder: "the next code, once it changes", Limit: 16}
}

// showPlan validates the name and shows what enrollment will create,
// with the aws CLI equivalents; nothing is created before yes.
func (f *enrollFlow) showPlan() {
	name := strings.TrimSpace(f.name.Value)
	if name == "" || strings.ContainsFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_+=,.@-", r))
	}) {
		f.retry = "a device name is letters, digits and _ + = , . @ - only"
		return
	}
	f.retry = ""
	user, account := "", ""
	if id, ok := f.env.identity(); ok {
		account = id.Account
		if id.IsRoot {
			user = id.Account // IAM takes the account id as the root user's name (S3-BEHAVIOR 8.3)
		}
	}
	f.plan = awsops.EnrollMFAPlan(name, user, account)
	f.preview = ui.NewPlanPreview(planView(f.plan), f.env.c.keys)
	f.confirm = ui.NewConfirm("Create the device and enroll it?").WithLabels("Create", "Cancel")
	f.stage = enPlan
}

// delete calls DeleteVirtualMFADevice on the device; recreate creates the
// device again afterwards (an unassigned leftover of the same name).
func (f *enrollFlow) delete(recreate bool) tea.Cmd {
	f.stage = enDeleting
	f.recreate = recreate
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.req++
	be, flow, req, serial := f.env.be, f.env.flow, f.req, f.dev.Serial
	return func() tea.Msg {
		return deviceDeletedMsg{flow: flow, req: req, err: be.DeleteVirtualMFADevice(ctx, serial)}
	}
}

// onDeleted creates the device anew, or ends the wizard.
func (f *enrollFlow) onDeleted(err error) (flow, tea.Cmd) {
	f.cancel()
	serial := f.dev.Serial
	if err != nil {
		f.stage, f.err = enFailed, err
		f.dev = awsops.VirtualMFADevice{}
		return f, ui.Report(ui.LevelError, "DeleteVirtualMFADevice: "+errorOf(err).Error())
	}
	delete(f.env.c.mfa.demoSeeds, serial)
	f.dev = awsops.VirtualMFADevice{}
	if f.recreate {
		return f, f.create()
	}
	return nil, ui.Report(ui.LevelSuccess, "Deleted the unassigned virtual MFA device "+serial+"; nothing is enrolled.")
}

// lookup looks for the unassigned device that makes the name taken.
func (f *enrollFlow) lookup() tea.Cmd {
	f.stage = enLooking
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.req++
	be, flow, req, name := f.env.be, f.env.flow, f.req, strings.TrimSpace(f.name.Value)
	return func() tea.Msg {
		serial, err := be.UnassignedVirtualMFADevice(ctx, name)
		return deviceLookupMsg{flow: flow, req: req, serial: serial, err: err}
	}
}

// onLookup offers the unassigned device of that name, or shows why the
// name cannot be used.
func (f *enrollFlow) onLookup(m deviceLookupMsg) tea.Cmd {
	f.cancel()
	if m.err != nil || m.serial == "" {
		f.stage = enFailed // f.err is still EntityAlreadyExists
		return ui.Report(ui.LevelError, "CreateVirtualMFADevice: "+errorOf(f.err).Error()+" — a device of this name exists and is assigned: choose another name.")
	}
	f.existing, f.err = m.serial, nil
	f.stage = enExists
	return nil
}

// create calls CreateVirtualMFADevice with the name of the plan.
func (f *enrollFlow) create() tea.Cmd {
	name := strings.TrimSpace(f.name.Value)
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

// onCreated shows the QR code of the new device; a name taken by an
// unassigned device leads to that device.
func (f *enrollFlow) onCreated(m deviceCreatedMsg) tea.Cmd {
	f.cancel()
	if m.err != nil && awsops.IsEntityAlreadyExists(m.err) {
		f.err = m.err
		return f.lookup()
	}
	if m.err != nil {
		f.stage, f.err = enFailed, m.err
		return nil
	}
	f.dev = m.dev
	f.qr, f.qrErr = "", nil
	f.qrCode()
	f.stage = enQR
	if f.env.c.mfa.demo != nil {
		// Demo only: the sandbox stands in for the phone that would hold the seed.
		f.env.c.mfa.demoSeeds[m.dev.Serial] = m.dev.Seed
	}
	return nil
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
