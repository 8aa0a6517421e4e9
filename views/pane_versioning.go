package views

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// versioningPane shows versioning, MFA Delete, the device that protects it
// and the lifecycle rules that clean up old versions; its actions change
// versioning and MFA Delete and enroll a virtual MFA device.
type versioningPane struct {
	c     *common
	state func() *awsops.BucketState // the bucket's state; nil while unknown
}

// newVersioningPane returns the pane of bucket, reading its state from st.
func newVersioningPane(c *common, st *store, bucket string) *versioningPane {
	return &versioningPane{c: c, state: func() *awsops.BucketState {
		s, _ := st.get(bucket)
		return s
	}}
}

func (*versioningPane) title() string { return "Versioning & MFA" }

// actions are m (MFA Delete), v (versioning) and n (enroll a device). Their
// descriptions follow the bucket: enable or disable, enable or suspend.
func (p *versioningPane) actions(k ui.KeyMap) []ui.Action {
	mfa, ver := "enable MFA Delete", "enable versioning"
	var unread string
	if s := p.state(); s != nil && s.Versioning != nil {
		if s.Versioning.MFADelete == awsops.MFADeleteEnabled {
			mfa = "disable MFA Delete"
		}
		if s.Versioning.Status == awsops.VersioningEnabled {
			ver = "suspend versioning"
		}
	} else {
		unread = "the versioning state is not read yet"
	}
	return []ui.Action{
		k.Action(k.MFADelete, mfa).Unless(unread),
		k.Action(k.Versioning, ver).Unless(unread),
		k.Action(k.EnrollMFA, "enroll a virtual MFA device").Unless(p.enrollReason()),
	}
}

// enrollReason says why enrollment is not offered; "" when it is.
func (p *versioningPane) enrollReason() string {
	switch id := p.c.identity; {
	case id == nil:
		return "waiting to learn who the credentials belong to"
	case !id.IsRoot:
		return "only the root user enrolls the MFA device MFA Delete needs"
	}
	return ""
}

// start implements actionPane.
func (p *versioningPane) start(d *Detail, a ui.Action) tea.Cmd {
	k := d.c.keys
	switch keys := a.Binding.Keys(); {
	case slices.Equal(keys, k.MFADelete.Keys()):
		return startMFADelete(d)
	case slices.Equal(keys, k.Versioning.Keys()):
		return startVersioning(d)
	case slices.Equal(keys, k.EnrollMFA.Keys()):
		return startEnroll(d)
	}
	return ui.Report(ui.LevelWarn, a.Explain())
}

func (p *versioningPane) lines(e paneEnv) []string {
	out := []string{e.heading("Versioning")}
	if p, ok := e.facetProblem(awsops.FacetVersioning); ok {
		return append(out, p...)
	}
	v := *e.state.Versioning
	out = append(out, e.kv("Status", versioningCell(e.st, v.Status)))
	switch v.Status {
	case awsops.VersioningNever:
		out = append(out, e.hintLines("Never versioned: an overwrite or delete loses the object for good.", labelWidth)...)
	case awsops.VersioningSuspended:
		out = append(out, e.hintLines("Suspended: old versions are kept, new writes replace the \"null\" version.", labelWidth)...)
	case awsops.VersioningEnabled:
	}
	out = append(out, e.kv("MFA Delete", mfaCell(e.st, v.MFADelete)))
	out = append(out, p.deviceLines(e)...)
	out = append(out, e.hintLines("Only the root user, with its MFA device, can change MFA Delete.", labelWidth)...)
	out = append(out, "", e.heading("Lifecycle"), e.kv("Rules", lifecycleSummary(e)))
	if v.MFADelete == awsops.MFADeleteEnabled && e.state.Lifecycle != nil && e.state.Lifecycle.Rules > 0 {
		out = append(out, e.hintLines("AWS does not support lifecycle rules on MFA Delete buckets.", labelWidth)...)
	}
	if fs := findingsWithPrefix(e.findings, "versioning-", "mfa-"); len(fs) > 0 {
		out = append(out, "", e.heading("Findings"))
		out = append(out, e.findingLines(fs)...)
	}
	return out
}

// deviceLines names the root user's MFA devices that give codes, the one
// used last marked, when the caller may list them.
func (p *versioningPane) deviceLines(e paneEnv) []string {
	m, id := p.c.mfa, p.c.identity
	var value string
	switch {
	case id == nil:
		return nil
	case !id.IsRoot:
		value = e.st.Muted.Render("the root user's device (only root can list it)")
	case m.devicesLoading && !m.devicesLoaded:
		value = e.spin + " " + e.st.Muted.Render("listing…")
	case m.devicesErr != nil:
		value = e.st.Error.Render("✗ " + m.devicesErr.Code)
	case len(m.codeDevices()) == 0:
		value = e.st.Warn.Render("none assigned") + e.st.Muted.Render(" · n enrolls a virtual device")
	default:
		var out []string
		for i, d := range m.codeDevices() {
			v := e.st.Pane.Value.Render(d.Serial)
			if d.Serial == m.lastSerial {
				v += e.st.Muted.Render(" (used last)")
			}
			if i == 0 {
				out = append(out, e.kv("MFA device", v))
				continue
			}
			out = append(out, strings.Repeat(" ", labelWidth)+v)
		}
		return out
	}
	return []string{e.kv("MFA device", value)}
}
