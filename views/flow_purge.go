package views

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// purgeFlow permanently deletes versions and delete markers from the
// versions view: one DeleteObject, or one DeleteObjects for several (one
// code), after typing the bucket name or "delete"; the MFA prompt when the
// bucket has MFA Delete; the result key by key; then the page is listed again.
type purgeFlow struct {
	changeHost
	vers  []awsops.ObjectVersion
	after func() tea.Cmd
}

// startPurge opens the flow for the marked versions of d's Objects pane.
func startPurge(d *Detail) tea.Cmd {
	vs := d.objects.markedVersions()
	if len(vs) == 0 {
		return ui.Report(ui.LevelWarn, "Nothing to delete: mark versions with space first.")
	}
	env := newFlowEnv(d)
	s, ok := env.snapshot()
	if !ok {
		return ui.Report(ui.LevelWarn, "The bucket is no longer listed.")
	}
	objs := d.objects
	f := &purgeFlow{changeHost: changeHost{env: env}, vers: vs, after: func() tea.Cmd {
		objs.clearMarks()
		return env.relist()
	}}
	d.setFlow(f)
	return f.begin(s.Versioning != nil && s.Versioning.MFADelete == awsops.MFADeleteEnabled, f.plan)
}

// plan builds the delete plan and hands over to the change.
func (f *purgeFlow) plan(serial string) {
	s, _ := f.env.snapshot()
	refs := make([]awsops.ObjectVersionRef, len(f.vers))
	for i, v := range f.vers {
		refs[i] = v.Ref()
	}
	p := awsops.DeleteVersionsPlan(s, refs, serial)
	f.ch = newChange(f.env, p, serial, "Deleted permanently: "+plural(len(f.vers), "version", "versions")+" in "+s.Name)
	f.ch.typedConfirmation(purgeQuestion(s.Name, f.vers))
	vers := f.vers
	if p.NeedsMFA() && len(vers) > awsops.MaxDeleteObjects {
		vers = vers[:awsops.MaxDeleteObjects] // one code covers one request
	}
	f.ch.report = func(err error) []string { return purgeReport(vers, err) }
	f.ch.after = f.after
}

// purgeReport says, key by key, what a permanent delete did.
func purgeReport(vers []awsops.ObjectVersion, err error) []string {
	type id struct{ key, version string }
	failed := map[id]string{}
	var partial *awsops.PartialDeleteError
	switch {
	case err == nil:
	case errors.As(err, &partial):
		for _, fl := range partial.Result.Failed {
			failed[id{fl.Key, fl.VersionID}] = fl.Code + " " + fl.Message
		}
	default:
		fe := errorOf(err)
		for _, v := range vers {
			failed[id{v.Key, v.VersionID}] = fe.Code
		}
	}
	out := make([]string, 0, len(vers))
	for _, v := range vers {
		what := undeleteWord(v) + " " + v.Key + " (" + v.VersionID + ")"
		if why, ok := failed[id{v.Key, v.VersionID}]; ok {
			out = append(out, "✗ not done: "+what+": "+why)
			continue
		}
		switch undeleteWord(v) {
		case "undelete":
			what = "undeleted " + v.Key + " (removed delete marker " + v.VersionID + ")"
		case "remove old delete marker":
			what = "removed old delete marker " + v.VersionID + " of " + v.Key
		default:
			what = "deleted version " + v.VersionID + " of " + v.Key
		}
		out = append(out, "✓ "+what)
	}
	return safeAll(out) // keys escaped: the report names objects
}

// back implements flow.
func (f *purgeFlow) back() (flow, tea.Cmd) { return f.backFrom(f) }

// update implements flow.
func (f *purgeFlow) update(msg tea.Msg) (flow, tea.Cmd) { return f.updateFrom(f, msg, f.plan) }

// view implements flow.
func (f *purgeFlow) view(e paneEnv) []string {
	return f.bodyLines(e, e.heading("Delete permanently from "+f.env.bucket))
}

// flowTitle implements titledFlow.
func (f *purgeFlow) flowTitle() string {
	return f.titleFor("Delete permanently")
}
