package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// rootOnlyChecks explains, before anything is sent, why a change that
// needs the root user's MFA code cannot be made by this caller; nil when
// the caller is root or not known yet (AWS will then say it).
func rootOnlyChecks(env flowEnv) []awsops.Check {
	id, known := env.identity()
	if !known || id.IsRoot {
		return nil
	}
	all := awsops.EvaluatePreflight(awsops.PreflightInput{Bucket: env.bucket, Identity: id, Endpoint: env.be.Endpoint()})
	return checksNamed(all, awsops.CheckRootUser)
}

// needsSerial is a flow waiting for the root user's devices before it can
// propose a serial in its MFA prompt.
type needsSerial struct {
	waiting bool // the device list was asked for and has not arrived
}

// serialOrLoad returns the serial to propose now, or starts listing the
// devices and reports that the caller must wait for mfaDevicesMsg.
func (n *needsSerial) serialOrLoad(env flowEnv) (string, tea.Cmd) {
	m := env.c.mfa
	if s := m.defaultSerial(env.c.clock()); s != "" || m.devicesLoaded {
		return s, nil
	}
	n.waiting = true
	return "", m.loadDevices(env.be)
}

// versioningFlow enables or suspends versioning; when MFA Delete is on it
// needs the root user's code, so a non-root caller gets the explanation
// instead of a request bound to fail.
type versioningFlow struct {
	changeHost
	target awsops.VersioningStatus
}

// startVersioning opens the flow on d's bucket: enable unless versioning
// is enabled, suspend when it is.
func startVersioning(d *Detail) tea.Cmd {
	env := newFlowEnv(d)
	s, ok := env.snapshot()
	if !ok || s.Versioning == nil {
		return ui.Report(ui.LevelWarn, "The versioning state of this bucket was not read: press r to read it first.")
	}
	f := &versioningFlow{changeHost: changeHost{env: env}, target: awsops.VersioningEnabled}
	if s.Versioning.Status == awsops.VersioningEnabled {
		f.target = awsops.VersioningSuspended
	}
	d.setFlow(f)
	return f.begin(s.Versioning.MFADelete == awsops.MFADeleteEnabled, f.plan)
}

// plan builds the plan and hands over to the change.
func (f *versioningFlow) plan(serial string) {
	s, _ := f.env.snapshot()
	p := awsops.SetVersioningPlan(s, f.target, serial)
	verb := "enabled"
	if f.target == awsops.VersioningSuspended {
		verb = "suspended"
	}
	f.ch = newChange(f.env, p, serial, "Versioning "+verb+" on "+s.Name)
	target := f.target
	f.ch.expect = func(got awsops.BucketState) (bool, string) {
		if got.Versioning == nil {
			return false, "could not read the versioning state back; press r to read the bucket again"
		}
		v := *got.Versioning
		return v.Status == target, "read back from the bucket: versioning " + string(v.Status) + ", MFA Delete " + string(v.MFADelete)
	}
}

// back implements flow.
func (f *versioningFlow) back() (flow, tea.Cmd) { return f.backFrom(f) }

// update implements flow.
func (f *versioningFlow) update(msg tea.Msg) (flow, tea.Cmd) { return f.updateFrom(f, msg, f.plan) }

// view implements flow.
func (f *versioningFlow) view(e paneEnv) []string {
	verb := "Enable"
	if f.target == awsops.VersioningSuspended {
		verb = "Suspend"
	}
	return f.bodyLines(e, e.heading(verb+" versioning on "+f.env.bucket))
}

// blockedLines renders the checks that stop a change before anything is
// sent, and how to leave.
func blockedLines(e paneEnv, checks []awsops.Check) []string {
	out := ui.ChecklistLines(checkItems(checks), e.st, e.width)
	out = append(out, "")
	for _, l := range ui.Wrap("Nothing was sent: AWS would refuse this request from this identity.", max(10, e.width)) {
		out = append(out, e.st.Bad.Render(l))
	}
	return append(out, e.st.Muted.Render("esc closes"))
}

// flowTitle implements titledFlow.
func (f *versioningFlow) flowTitle() string {
	verb := "Enable versioning"
	if f.target == awsops.VersioningSuspended {
		verb = "Suspend versioning"
	}
	return f.titleFor(verb)
}
