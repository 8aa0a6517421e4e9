package views

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/ui"
)

// DemoAuthenticator returns the serial of the demo MFA device and its code
// at t. main wires it from the sandbox's demo constants; views never import
// the sandbox.
type DemoAuthenticator func(t time.Time) (serial, code string)

// mfaMemory is what the MFA flows remember during the session: the device
// last used (to prefill the prompt), the code window last spent per device
// (to warn before a reuse that AWS would refuse), and the caller's devices
// once listed. It never holds a code. In demo mode it also keeps the seeds
// of the devices enrolled in this session, so the demo authenticator can
// show their codes: the sandbox stands in for the user's phone.
type mfaMemory struct {
	lastSerial string
	spent      map[string]int64 // serial -> TOTP step of the last code sent

	devices        []awsops.MFADevice
	devicesErr     *awsops.FacetError
	devicesLoaded  bool
	devicesLoading bool
	devicesGen     int

	demo      DemoAuthenticator
	demoSeeds map[string]string // serial -> seed, demo mode only

	acceptedCodes map[string]acceptedCode // serial -> digest of the last code AWS accepted
	digestKey     []byte                  // random key of those digests
}

func newMFAMemory(demo DemoAuthenticator) *mfaMemory {
	return &mfaMemory{spent: map[string]int64{}, demo: demo, demoSeeds: map[string]string{}}
}

// mfaDevicesMsg is the answer of iam:ListMFADevices for request gen.
type mfaDevicesMsg struct {
	gen     int
	devices []awsops.MFADevice
	err     error
}

// loadDevices lists the caller's MFA devices (the root user's, when the
// caller is root); the answer updates the memory.
func (m *mfaMemory) loadDevices(be Backend) tea.Cmd {
	m.devicesGen++
	m.devicesLoading = true
	gen := m.devicesGen
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		ds, err := be.MFADevices(ctx)
		return mfaDevicesMsg{gen: gen, devices: ds, err: err}
	}
}

// onDevices keeps the latest listing.
func (m *mfaMemory) onDevices(msg mfaDevicesMsg) {
	if msg.gen != m.devicesGen {
		return
	}
	m.devicesLoading = false
	m.devicesLoaded = true
	m.devices, m.devicesErr = msg.devices, errorOf(msg.err)
}

// codeDevices are the listed devices that give codes (not FIDO keys).
func (m *mfaMemory) codeDevices() []awsops.MFADevice {
	var out []awsops.MFADevice
	for _, d := range m.devices {
		if d.GivesCodes() {
			out = append(out, d)
		}
	}
	return out
}

// defaultSerial is the device to propose: the one last used, else the
// first listed one that gives codes, else the demo device.
func (m *mfaMemory) defaultSerial(now time.Time) string {
	if m.lastSerial != "" {
		return m.lastSerial
	}
	if ds := m.codeDevices(); len(ds) > 0 {
		return ds[0].Serial
	}
	if m.demo != nil {
		s, _ := m.demo(now)
		return s
	}
	return ""
}

// sent records that a code was sent for serial: the device is proposed
// next time. Its window is spent only once AWS accepts the code (accepted):
// a mistyped code spends nothing.
func (m *mfaMemory) sent(serial string) {
	m.lastSerial = serial
}

// spentNow reports whether a code of t's window was already sent for serial.
func (m *mfaMemory) spentNow(serial string, t time.Time) bool {
	s, ok := m.spent[serial]
	return ok && s == otp.Step(t)
}

// demoCode is the demo authenticator's code for serial at t: the demo
// device's, or a device enrolled in this demo session. Other serials get
// the demo device, which the panel names.
func (m *mfaMemory) demoCode(serial string, t time.Time) (string, string) {
	if seed, ok := m.demoSeeds[serial]; ok {
		code, err := otp.Code(seed, t)
		if err == nil {
			return serial, code
		}
	}
	return m.demo(t)
}

// prompt builds an MFA prompt for purpose with serial prefilled, wired to
// the otp package and, in demo mode, to the demo authenticator.
func (m *mfaMemory) prompt(c *common, purpose, serial string) *ui.MFAPrompt {
	o := ui.MFAPromptOptions{
		Purpose:        purpose,
		Serial:         serial,
		ValidateSerial: otp.ValidateSerial,
		ValidateCode:   otp.ValidateCode,
		IsVirtual:      otp.IsVirtualSerial,
		SecondsLeft:    otp.SecondsLeft,
		CodeUsed:       m.spentNow,
		Clock:          c.clock,
	}
	if m.demo != nil {
		o.Demo = m.demoCode
	}
	return ui.NewMFAPrompt(o)
}
