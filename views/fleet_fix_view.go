package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// fleetPlanView combines the plans of a fleet fix into one preview: each
// step and warning names its bucket; skipped buckets are said first.
func fleetPlanView(id string, plans []awsops.Plan, skipped []string) ui.PlanView {
	v := ui.PlanView{Title: fmt.Sprintf("Fix %s on %s", id, plural(len(plans), "bucket", "buckets"))}
	for _, s := range skipped {
		v.Warnings = append(v.Warnings, "Skipped "+termsafe.String(s))
	}
	for _, p := range plans {
		one := planView(p)
		bucket := termsafe.String(p.Bucket)
		for _, w := range one.Warnings {
			v.Warnings = append(v.Warnings, bucket+": "+w)
		}
		for _, s := range one.Steps {
			s.Title = bucket + ": " + s.Title
			v.Steps = append(v.Steps, s)
		}
	}
	return v
}

// View implements screen.
func (f *FleetFix) View() string {
	if f.width <= 0 || f.height <= 0 {
		return ""
	}
	var lines []string
	switch f.stage {
	case fleetChoosing:
		lines = f.chooseLines()
	case fleetConfirming:
		confirm := strings.Split(f.confirm.View(f.c.st, f.width), "\n")
		f.preview.SetSize(f.width, max(1, f.height-len(confirm)-1))
		lines = append(strings.Split(f.preview.View(f.c.st), "\n"), "")
		lines = append(lines, confirm...)
	case fleetMFA:
		prompt := strings.Split(f.prompt.View(f.c.st, f.width), "\n")
		lines = append(f.progressLines(max(3, f.height-len(prompt)-1)), "")
		lines = append(lines, prompt...)
	default:
		lines = f.progressLines(f.height)
	}
	if len(lines) > f.height {
		lines = lines[:f.height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > f.width {
			lines[i] = ansi.Truncate(l, f.width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// chooseLines lists the fixable finding kinds of the marked buckets,
// scrolled so the selected kind is in view when they do not all fit.
func (f *FleetFix) chooseLines() []string {
	st := f.c.st
	head := st.Pane.Heading.Render(fmt.Sprintf("Fix one kind of finding on %s", plural(len(f.marked), "marked bucket", "marked buckets")))
	if len(f.kinds) == 0 {
		return []string{head, "", st.Muted.Render("None of the marked buckets has a finding that can be fixed automatically.")}
	}
	var body []string
	selStart, selEnd := 0, 0
	for i, k := range f.kinds {
		text := fmt.Sprintf("%-24s %d of %d", k.id, k.buckets, len(f.marked))
		if i == f.cursor {
			selStart = len(body)
			body = append(body, st.Table.Selected.Render(ui.Fit("› "+text, f.width)))
		} else {
			body = append(body, "  "+st.Text.Render(text))
		}
		for _, l := range ui.Wrap(k.description, max(10, f.width-4)) {
			body = append(body, "    "+st.Muted.Render(l))
		}
		if i == f.cursor {
			selEnd = len(body)
		}
	}
	if f.others > 0 {
		body = append(body, "")
		need := "needs"
		if f.others > 1 {
			need = "need"
		}
		for _, l := range ui.Wrap(fmt.Sprintf("%s %s a choice on each bucket (CORS origins, log targets, public policies): fix them in the bucket's panes.",
			plural(f.others, "other finding kind", "other finding kinds"), need), max(10, f.width-2)) {
			body = append(body, "  "+st.Pane.Hint.Render(l))
		}
	}
	h := max(1, f.height-1)
	if len(body) <= h {
		return append([]string{head}, body...)
	}
	h-- // room for the scroll note
	off := 0
	if selEnd > h {
		off = selEnd - h
	}
	off = min(off, selStart)
	out := append([]string{head}, body[off:min(len(body), off+h)]...)
	return append(out, st.Muted.Render(fmt.Sprintf("kinds %d of %d · ↑↓ to move", f.cursor+1, len(f.kinds))))
}

// progressLines shows each bucket's plan and where it stands, in at most
// room lines: with many buckets the list is scrolled to the bucket being
// applied (or the failed one), and the summary always stays.
func (f *FleetFix) progressLines(room int) []string {
	st := f.c.st
	head := st.Pane.Heading.Render(fmt.Sprintf("Fix %s on %s", f.finding, plural(len(f.plans), "bucket", "buckets")))
	var body, tail []string
	focusStart, focusEnd := 0, 0
	applied, failed, notInForce := 0, 0, 0
	for i, p := range f.plans {
		start := len(body)
		name := termsafe.String(p.Bucket)
		var o fleetOutcome
		if i < len(f.outcomes) {
			o = f.outcomes[i]
		}
		switch {
		case o.ran && o.err == nil && len(o.verify.Failed()) > 0:
			applied++
			notInForce++
			body = append(body, ui.Wrap(st.Bad.Render("✗ "+name+": applied, NOT IN FORCE: "+termsafe.String(o.verify.Failed()[0].Detail)), f.width)...)
		case o.ran && o.err == nil:
			applied++
			body = append(body, st.Good.Render("✓ "+name+": applied"))
		case o.ran:
			failed++
			body = append(body, ui.Wrap(st.Bad.Render("✗ "+name+": "+termsafe.String(errorOf(o.err).Error())), f.width)...)
			if o.stepsOK > 0 {
				body = append(body, st.Warn.Render(fmt.Sprintf("  %d of %d steps were applied before the failure", o.stepsOK, len(p.Steps))))
			}
			if hint := explainConfigError(o.err); hint != "" {
				for _, l := range ui.Wrap(hint, max(10, f.width-2)) {
					body = append(body, "  "+st.Pane.Hint.Render(l))
				}
			}
		case i == f.next && f.stage == fleetApplying:
			what := "applying"
			if f.halting {
				what = "stopping after this bucket (a call already sent may still complete)"
			}
			body = append(body, f.c.spin+" "+st.Text.Render(name+": "+what))
		case i == f.next && f.stage == fleetMFA:
			body = append(body, st.Warn.Render("… "+name+": waiting for an MFA code"))
		case f.stage == fleetDone:
			body = append(body, st.Muted.Render("· "+name+": not applied"))
		default:
			body = append(body, st.Muted.Render("· "+name+": waiting"))
		}
		if i == f.next || (o.ran && o.err != nil) {
			focusStart, focusEnd = start, len(body)
		}
	}
	if len(f.plans) > 1 && f.stage != fleetDone {
		tail = append(tail, ui.ProgressBar(st, min(60, f.width), float64(applied)/float64(len(f.plans))))
	}
	if f.stage == fleetDone {
		summary := fmt.Sprintf("%d applied, %d failed, %d not applied", applied, failed, len(f.plans)-applied-failed)
		if notInForce > 0 {
			summary += fmt.Sprintf("; %d applied but not in force on this endpoint", notInForce)
		}
		if f.canceled {
			summary += " (stopped)"
		}
		tail = append(tail, "", st.Text.Render(summary), st.Muted.Render("enter or esc closes"))
	}
	h := max(1, room-1-len(tail))
	if len(body) > h {
		h = max(1, h-1) // room for the note of what is out of view
		off := 0
		if focusEnd > h {
			off = focusEnd - h
		}
		off = min(off, focusStart)
		hidden := len(body) - h
		body = append(body[off:min(len(body), off+h)], st.Muted.Render(fmt.Sprintf("(%d more lines: the list follows the bucket being applied)", hidden)))
	}
	return append(append([]string{head}, body...), tail...)
}
