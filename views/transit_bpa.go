package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// bpaLines renders the bucket-level Block Public Access settings under the
// policy on the Transit pane: each setting with what it blocks, and, when
// the policy is public, which statements make it so and whether the
// settings keep them from taking effect.
func bpaLines(e paneEnv) []string {
	out := []string{"", e.heading("Block Public Access (bucket)")}
	if p, ok := e.facetProblem(awsops.FacetPublicAccessBlock); ok {
		return append(out, p...)
	}
	p := *e.state.PublicAccessBlock
	if !p.Configured {
		out = append(out, e.st.Warn.Render("Not configured: all four count as off (account-level settings may still apply)."))
	}
	for _, s := range p.Settings() {
		// One line each; the editor (b) shows the full sentence.
		out = append(out, ansi.Truncate(e.kv(s.Name, ui.Fit(e.onOff(s.On, true), 3))+"  "+e.st.Muted.Render(s.Short), e.width, "…"))
	}
	if e.state.Policy != nil && e.state.Policy.Present {
		out = append(out, publicPolicyLines(e, p, awsops.PublicStatements(e.state.Policy.JSON))...)
	}
	if !p.AllOn() {
		out = append(out, e.hintLines("Press b to change Block Public Access (all four on is the safe default).", 0)...)
	}
	return out
}

// publicPolicyLines explains a public policy: each statement that makes it
// public, and what Block Public Access does about it.
func publicPolicyLines(e paneEnv, p awsops.PublicAccessBlock, public []awsops.PublicStatement) []string {
	if len(public) == 0 {
		return []string{e.kv("Policy", e.st.Good.Render("not public"))}
	}
	out := []string{e.kv("Policy", e.st.Bad.Render("public"))}
	for _, s := range public {
		for _, l := range ui.Wrap(s.Name+" grants "+s.Actions+": it "+s.Why+".", max(10, e.width-2)) {
			out = append(out, "  "+e.st.Text.Render(l))
		}
	}
	switch {
	case p.RestrictPublicBuckets:
		out = append(out, e.hintLines("RestrictPublicBuckets is on: it reaches only this account and AWS services, not anonymous callers.", 2)...)
	default:
		out = append(out, e.st.Bad.Render("  It takes effect: anyone on the internet can use what it grants."))
	}
	if p.BlockPublicPolicy {
		out = append(out, e.hintLines("BlockPublicPolicy is on: S3 refuses to store a public policy, so this one was put before it was turned on; "+
			"a new public policy would be refused.", 2)...)
	}
	return out
}

// bpaPane adds Block Public Access to the Transit pane without changing
// it: its section goes under the pane's own lines (after the policy, so the
// policy keeps the first screen, and shown even when the policy could not
// be read) and its action after the pane's; the wrapped pane's keys and
// actions are passed through.
type bpaPane struct{ pane }

// withBPA wraps the Transit pane.
func withBPA(p pane) pane { return bpaPane{p} }

// lines implements pane.
func (b bpaPane) lines(e paneEnv) []string { return append(b.pane.lines(e), bpaLines(e)...) }

// actions implements pane: the wrapped pane's, then Block Public Access.
func (b bpaPane) actions(k ui.KeyMap) []ui.Action {
	return append(b.pane.actions(k), k.Action(k.PublicAccess, "change Block Public Access"))
}

// start implements actionPane.
func (b bpaPane) start(d *Detail, a ui.Action) tea.Cmd {
	if isVerb(a, d.c.keys.PublicAccess) {
		return d.startBPA()
	}
	if ap, ok := b.pane.(actionPane); ok {
		return ap.start(d, a)
	}
	return nil
}

// key implements keyPane for a wrapped pane that handles keys itself.
func (b bpaPane) key(d *Detail, msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if kp, ok := b.pane.(keyPane); ok {
		return kp.key(d, msg)
	}
	return false, nil
}

// help implements keyPane.
func (b bpaPane) help(k ui.KeyMap) []key.Binding {
	if kp, ok := b.pane.(keyPane); ok {
		return kp.help(k)
	}
	return nil
}

// startBPA opens the Block Public Access editor on the bucket's settings.
func (d *Detail) startBPA() tea.Cmd {
	s, ok := d.store.get(d.bucket)
	if !ok || s.PublicAccessBlock == nil {
		return ui.Report(ui.LevelWarn, "The Block Public Access settings of "+d.bucket+" have not been read; press r and try again.")
	}
	d.setFlow(newBPAFlow(d.c, d.be, *s))
	return nil
}
