package views

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/ui"
)

// mfaDeleteStage is where the MFA Delete flow is before its plan.
type mfaDeleteStage int

// Stages of the MFA Delete flow; the last hands over to the change.
const (
	mdChecking   mfaDeleteStage = iota // the checklist is being gathered
	mdChecklist                        // the checklist is shown
	mdVersioning                       // versioning on in the same request, or not
	mdDevice                           // which MFA device
	mdSerial                           // the serial of another device, typed
	mdChange                           // plan, code, call, read-back
)

// preflightMsg is the checklist of an MFA Delete flow and the caller's devices.
type preflightMsg struct {
	flow    int
	checks  []awsops.Check
	devices []awsops.MFADevice
	devErr  error
}

// mfaDeleteFlow enables or disables MFA Delete as a guided flow: the
// checklist first (a blocking failure stops here, with the explanation),
// versioning in the same request when it is not on, the device, the plan
// preview, the code, the call, and the bucket read back.
type mfaDeleteFlow struct {
	env    flowEnv
	enable bool
	stage  mfaDeleteStage
	cancel context.CancelFunc

	checks    []awsops.Check
	devices   []awsops.MFADevice
	offset    int // checklist scroll
	maxOffset int // how far the checklist scrolled at the last render

	alsoVersioning bool
	choice         ui.Choice
	serial         ui.Field
	serialErr      string

	ch *change
}

// startMFADelete opens the flow on d's bucket: enable when MFA Delete is
// not on, disable when it is.
func startMFADelete(d *Detail) tea.Cmd {
	env := newFlowEnv(d)
	s, ok := env.snapshot()
	if !ok {
		return ui.Report(ui.LevelWarn, "The bucket is no longer listed.")
	}
	f := &mfaDeleteFlow{env: env, enable: s.Versioning == nil || s.Versioning.MFADelete != awsops.MFADeleteEnabled}
	d.setFlow(f)
	return f.gather(s)
}

// gather runs the checklist and lists the devices in one command.
func (f *mfaDeleteFlow) gather(s awsops.BucketState) tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	be, id, flow := f.env.be, awsops.Identity{}, f.env.flow
	if got, ok := f.env.identity(); ok {
		id = got
	}
	return func() tea.Msg {
		checks := runPreflight(ctx, be, s, id)
		ds, err := be.MFADevices(ctx)
		return preflightMsg{flow: flow, checks: checks, devices: ds, devErr: err}
	}
}

// title names the flow.
func (f *mfaDeleteFlow) title() string {
	if f.enable {
		return "Enable MFA Delete on " + f.env.bucket
	}
	return "Disable MFA Delete on " + f.env.bucket
}

// typing implements flow.
func (f *mfaDeleteFlow) typing() bool {
	return f.stage == mdSerial || (f.stage == mdChange && f.ch.typing())
}

// busy implements flow.
func (f *mfaDeleteFlow) busy() bool {
	return f.stage == mdChecking || (f.stage == mdChange && f.ch.busy())
}

// close implements flow.
func (f *mfaDeleteFlow) close() {
	if f.cancel != nil {
		f.cancel()
	}
	if f.ch != nil {
		f.ch.close()
	}
}

// back implements flow: esc goes one step back, and leaves from the start.
func (f *mfaDeleteFlow) back() (flow, tea.Cmd) {
	switch f.stage {
	case mdSerial:
		if len(f.choice.Items) > 0 {
			f.stage = mdDevice
			return f, nil
		}
	case mdChange:
		leave, cmd := f.ch.back()
		if leave {
			return nil, cmd
		}
		return f, cmd
	}
	return nil, ui.Report(ui.LevelInfo, "Canceled: nothing was changed.")
}

// update implements flow.
func (f *mfaDeleteFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	if f.stage == mdChange {
		leave, cmd := f.ch.update(msg)
		if leave {
			return nil, cmd
		}
		return f, cmd
	}
	switch m := msg.(type) {
	case preflightMsg:
		if m.flow == f.env.flow && f.stage == mdChecking {
			f.onChecks(m)
		}
	case tea.PasteMsg:
		if f.stage == mdSerial {
			f.serial.Update(m)
		}
	case tea.KeyPressMsg:
		return f, f.key(m)
	}
	return f, nil
}

// onChecks shows the checklist; for disabling only the checks about the
// caller and the connection matter.
func (f *mfaDeleteFlow) onChecks(m preflightMsg) {
	f.cancel()
	f.stage = mdChecklist
	f.checks = m.checks
	if !f.enable {
		f.checks = checksNamed(m.checks, awsops.CheckRootUser, awsops.CheckLongTermKeys, awsops.CheckHTTPS, awsops.CheckMFADeviceFound)
	}
	f.env.c.mfa.onDevices(mfaDevicesMsg{gen: f.env.c.mfa.devicesGen, devices: m.devices, err: m.devErr})
	for _, d := range m.devices {
		if d.GivesCodes() {
			f.devices = append(f.devices, d)
		}
	}
}

// key handles a key press before the plan.
func (f *mfaDeleteFlow) key(m tea.KeyPressMsg) tea.Cmd {
	switch f.stage {
	case mdChecklist:
		switch {
		case m.String() == "up" || m.String() == "k":
			f.offset = max(0, f.offset-1)
		case m.String() == "down" || m.String() == "j":
			f.offset = min(f.offset+1, f.maxOffset)
		case m.String() == "enter" && !ui.Blocked(checkItems(f.checks)):
			f.afterChecklist()
		}
	case mdVersioning:
		var picked bool
		if f.choice, picked = f.choice.Update(m); picked {
			f.alsoVersioning = f.choice.Cursor == 0
			f.toDevice()
		}
	case mdDevice:
		var picked bool
		if f.choice, picked = f.choice.Update(m); picked {
			if f.choice.Cursor < len(f.devices) {
				return f.toPlan(f.devices[f.choice.Cursor].Serial)
			}
			f.toSerial()
		}
	case mdSerial:
		if m.String() == "enter" {
			v := f.serial.Value
			if err := otp.ValidateSerial(v); err != nil {
				f.serialErr = err.Error()
				return nil
			}
			return f.toPlan(v)
		}
		if f.serial.Update(m) {
			f.serialErr = ""
		}
	}
	return nil
}

// afterChecklist asks about versioning when it is not on, else the device.
func (f *mfaDeleteFlow) afterChecklist() {
	s, _ := f.env.snapshot()
	if f.enable && (s.Versioning == nil || s.Versioning.Status != awsops.VersioningEnabled) {
		f.stage = mdVersioning
		f.choice = ui.NewChoice(f.env.c.keys,
			ui.ChoiceItem{Label: "Enable versioning and MFA Delete in one request", Detail: "recommended: one code"},
			ui.ChoiceItem{Label: "Enable MFA Delete only", Detail: "versioning stays as it is"})
		return
	}
	f.toDevice()
}

// toDevice offers the listed devices and "another device".
func (f *mfaDeleteFlow) toDevice() {
	if len(f.devices) == 0 {
		f.choice = ui.Choice{}
		f.toSerial()
		return
	}
	f.stage = mdDevice
	var items []ui.ChoiceItem
	last := f.env.c.mfa.lastSerial
	cursor := 0
	for i, d := range f.devices {
		detail := string(d.Type) + " device"
		if !d.EnableDate.IsZero() {
			detail += ", enabled " + stamp(d.EnableDate)
		}
		items = append(items, ui.ChoiceItem{Label: d.Serial, Detail: detail})
		if d.Serial == last {
			cursor = i
		}
	}
	items = append(items, ui.ChoiceItem{Label: "Another device: type its serial", Detail: "e.g. a hardware token"})
	f.choice = ui.NewChoice(f.env.c.keys, items...)
	f.choice.Cursor = cursor
}

// toSerial asks for the serial of a device that was not listed.
func (f *mfaDeleteFlow) toSerial() {
	f.stage = mdSerial
	f.serial = ui.Field{Label: "Device serial", Placeholder: "arn:aws:iam::123456789012:mfa/name or the token's serial", Focused: true, Limit: 256}
	if len(f.devices) == 0 {
		f.serial.Value = f.env.c.mfa.defaultSerial(f.env.c.clock())
	}
}

// toPlan builds the plan for serial and hands over to the change.
func (f *mfaDeleteFlow) toPlan(serial string) tea.Cmd {
	s, ok := f.env.snapshot()
	if !ok {
		return ui.Report(ui.LevelWarn, "The bucket is no longer listed.")
	}
	var p awsops.Plan
	want := awsops.MFADeleteDisabled
	success := "MFA Delete disabled on " + s.Name
	if f.enable {
		p = awsops.EnableMFADeletePlan(s, serial, f.alsoVersioning)
		want, success = awsops.MFADeleteEnabled, "MFA Delete enabled on "+s.Name
	} else {
		p = awsops.DisableMFADeletePlan(s, serial)
	}
	f.stage = mdChange
	f.ch = newChange(f.env, p, serial, success)
	also := f.alsoVersioning
	f.ch.expect = func(got awsops.BucketState) (bool, string) {
		return expectVersioning(got, want, also)
	}
	return nil
}

// expectVersioning checks a bucket read back after an MFA Delete change.
func expectVersioning(got awsops.BucketState, want awsops.MFADeleteStatus, versioningOn bool) (bool, string) {
	if fe := got.Errors[awsops.FacetVersioning]; fe != nil || got.Versioning == nil {
		return false, "could not read the versioning state back; press r to read the bucket again"
	}
	v := *got.Versioning
	what := "read back from the bucket: versioning " + string(v.Status) + ", MFA Delete " + string(v.MFADelete)
	ok := v.MFADelete == want && (!versioningOn || v.Status == awsops.VersioningEnabled)
	return ok, what
}
