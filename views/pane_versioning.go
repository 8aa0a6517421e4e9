package views

import (
	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// versioningPane shows versioning, MFA Delete and the lifecycle rules that
// clean up old versions.
type versioningPane struct{}

func (versioningPane) title() string { return "Versioning & MFA" }

func (versioningPane) actions(k ui.KeyMap) []ui.Action {
	return []ui.Action{
		k.Action(k.Edit, "change versioning or MFA Delete", false),
	}
}

func (versioningPane) lines(e paneEnv) []string {
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
	out = append(out, e.hintLines("Only the root user, with its MFA device, can change MFA Delete.", labelWidth)...)
	out = append(out, "", e.heading("Lifecycle"), e.kv("Rules", lifecycleSummary(e)))
	if fs := findingsWithPrefix(e.findings, "versioning-", "mfa-"); len(fs) > 0 {
		out = append(out, "", e.heading("Findings"))
		out = append(out, e.findingLines(fs)...)
	}
	return out
}
