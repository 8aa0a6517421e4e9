package views

import (
	"fmt"
	"slices"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// overviewPane is the bucket at a glance: where it is, its public access
// block, and every finding with its remedy. The findings are a list with a
// cursor (pane_overview_keys.go): y copies the selected one's remedy.
type overviewPane struct {
	sel int // the selected finding, in the order shown

	// Filled by lines, for the keys: the findings as shown, and where
	// each one's lines are among the pane's lines.
	shown  []awsops.Finding
	ranges [][2]int
}

func (*overviewPane) title() string { return "Overview" }

func (*overviewPane) actions(ui.KeyMap) []ui.Action { return nil }

func (p *overviewPane) lines(e paneEnv) []string {
	s := e.state
	created := stamp(s.CreationDate)
	if a := age(e.now, s.CreationDate); a != "" {
		created += "  (" + a + ")"
	}
	region := s.Region
	if fe := s.Errors[awsops.FacetRegion]; fe != nil {
		region = e.st.Error.Render(fe.Code)
	} else if region == "" {
		region = e.st.Muted.Render("unknown")
	}
	out := []string{
		e.heading(s.Name),
		e.kv("Region", region),
		e.kv("Created", created),
	}
	out = append(out, publicAccessLines(e)...)
	out = append(out, e.kv("ACLs", ownershipSummary(e)))
	out = append(out, e.kv("Lifecycle", lifecycleSummary(e)), "")
	n := missing(s)
	fs := slices.Clone(e.findings)
	slices.SortStableFunc(fs, func(a, b awsops.Finding) int { return int(b.Severity) - int(a.Severity) })
	out = append(out, e.heading(fmt.Sprintf("Findings (%d)", len(fs))))
	if n > 0 && e.loading {
		out = append(out, e.spin+" "+e.st.Muted.Render(plural(n, "facet", "facets")+" still loading; findings may grow."))
	}
	p.shown, p.ranges = fs, nil
	if len(fs) == 0 {
		if n == 0 {
			out = append(out, e.st.Good.Render("No findings."))
		}
		return out
	}
	p.sel = max(0, min(p.sel, len(fs)-1))
	blocks, ranges := e.findingBlocks(fs, p.sel)
	for _, r := range ranges {
		p.ranges = append(p.ranges, [2]int{r[0] + len(out), r[1] + len(out)})
	}
	return append(out, blocks...)
}

// publicAccessLines describe the bucket's Block Public Access: one line
// when all four settings are on, one line per setting otherwise.
func publicAccessLines(e paneEnv) []string {
	const label = "Public access block"
	s := e.state
	if fe := s.Errors[awsops.FacetPublicAccessBlock]; fe != nil {
		return []string{e.kv(label, e.st.Error.Render(fe.Code))}
	}
	p := s.PublicAccessBlock
	switch {
	case p == nil && e.loading:
		return []string{e.kv(label, e.spin)}
	case p == nil:
		return []string{e.kv(label, e.st.Muted.Render("–"))}
	case !p.Configured:
		return []string{e.kv(label, e.st.Warn.Render("not configured"))}
	case p.AllOn():
		return []string{e.kv(label, e.st.Good.Render("all four on"))}
	}
	return []string{
		e.kv(label, "BlockPublicAcls "+e.onOff(p.BlockPublicAcls, true)),
		e.kv("", "IgnorePublicAcls "+e.onOff(p.IgnorePublicAcls, true)),
		e.kv("", "BlockPublicPolicy "+e.onOff(p.BlockPublicPolicy, true)),
		e.kv("", "RestrictPublicBuckets "+e.onOff(p.RestrictPublicBuckets, true)),
	}
}

// ownershipSummary says whether ACLs apply, from Object Ownership.
func ownershipSummary(e paneEnv) string {
	s := e.state
	if fe := s.Errors[awsops.FacetOwnership]; fe != nil {
		return e.st.Error.Render(fe.Code)
	}
	o := s.Ownership
	switch {
	case o == nil && e.loading:
		return e.spin
	case o == nil:
		return e.st.Muted.Render("–")
	case !o.ACLsEnabled():
		return e.st.Good.Render("disabled") + e.st.Muted.Render("  (BucketOwnerEnforced)")
	case o.Setting == "":
		return e.st.Warn.Render("enabled") + e.st.Muted.Render("  (no ownership controls)")
	}
	return e.st.Warn.Render("enabled") + e.st.Muted.Render("  ("+o.Setting+")")
}

// lifecycleSummary counts the lifecycle rules.
func lifecycleSummary(e paneEnv) string {
	s := e.state
	if fe := s.Errors[awsops.FacetLifecycle]; fe != nil {
		return e.st.Error.Render(fe.Code)
	}
	switch {
	case s.Lifecycle == nil && e.loading:
		return e.spin
	case s.Lifecycle == nil:
		return e.st.Muted.Render("–")
	case s.Lifecycle.Rules == 0:
		return e.st.Muted.Render("no rules")
	}
	return plural(s.Lifecycle.Rules, "rule", "rules")
}
