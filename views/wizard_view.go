package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// View implements screen: every line fits the width, and the whole fits
// the height (long parts scroll or are windowed).
func (w *wizard) View() string {
	lines := w.lines()
	if len(lines) > w.high && w.high > 0 {
		lines = lines[:w.high]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w.width, "…")
	}
	return strings.Join(lines, "\n")
}

// lines renders the current stage.
func (w *wizard) lines() []string {
	st := w.c.st
	head := func(s string) string { return st.Pane.Heading.Render(termsafe.String(s)) }
	muted := func(s string) string { return st.Muted.Render(s) }
	switch w.stage {
	case wizName, wizChecking:
		out := []string{head("New secure bucket"), muted("A bucket created with every step of \"Secure this bucket\" in one plan."), "",
			w.name.View(st, w.width), "Region " + st.Text.Bold(true).Render(w.regions[w.regionIdx]) + muted("  (↑↓ to change)"), ""}
		switch {
		case w.stage == wizChecking:
			out = append(out, w.c.spin+" asking S3 whether "+termsafe.String(w.name.Value)+" is free (HeadBucket)…")
		case w.nameErr != "":
			out = append(out, st.Error.Render("✗ ")+termsafe.String(w.nameErr))
		default:
			out = append(out, st.Good.Render("✓ ")+"the name follows S3's naming rules; enter checks that it is free")
		}
		return out
	case wizSteps:
		return w.stepLines(head, muted)
	case wizPlanning:
		return []string{head(w.Title()), w.c.spin + " checking the log target and building the plan…"}
	case wizConfirm, wizSecond:
		if w.planErr != "" {
			return append([]string{head(w.Title()), ""}, append(ui.Wrap(st.Error.Render("✗ ")+w.planErr, w.width), "", muted("esc goes back to the steps"))...)
		}
		var confirm []string
		if w.stage == wizSecond {
			confirm = strings.Split(w.second.View(st, w.width), "\n")
		} else {
			confirm = strings.Split(w.confirm.View(st, w.width), "\n")
		}
		passed := w.passedLines(w.prevOffered(len(w.steps)), len(w.steps))
		w.preview.SetSize(w.width, max(1, w.high-len(confirm)-len(passed)-1))
		return append(append(append(passed, strings.Split(w.preview.View(st), "\n")...), ""), confirm...)
	case wizCode:
		return append([]string{head(w.plan.Title), muted("One code for every step that needs MFA.")}, strings.Split(w.prompt.View(st, w.width), "\n")...)
	case wizApplying, wizReading:
		return w.progressLines(head)
	}
	return w.reportLines(head, muted)
}

// stepLines shows the current step: why, now, notes, the answers, and
// where the wizard is among all steps.
func (w *wizard) stepLines(head func(string) string, muted func(string) string) []string {
	st := w.c.st
	s := w.steps[w.cur]
	n, at := 0, 0
	for i, x := range w.steps {
		if x.offered() {
			n++
			if i <= w.cur {
				at = n
			}
		}
	}
	out := []string{head(fmt.Sprintf("Step %d of %d: %s", at, n, s.title))}
	for _, l := range ui.Wrap(s.why[0]+" "+s.why[1], w.width) {
		out = append(out, muted(l))
	}
	if s.now != "" {
		out = append(out, "Now: "+termsafe.String(s.now))
	}
	var notes []string
	for _, l := range s.notes {
		notes = append(notes, ui.Wrap("⚠ "+termsafe.String(l), w.width)...)
	}
	if len(notes) > 4 {
		notes = append(notes[:3], muted(fmt.Sprintf("… %d more lines", len(notes)-3)))
	}
	out = append(append(out, notes...), "")
	room := max(3, w.high-len(out)-3)
	first := ui.Window(len(s.choices), s.pick, 0, room)
	for i := first; i < len(s.choices) && i < first+room; i++ {
		mark, label := "  ", termsafe.String(s.choices[i].label)
		if i == 0 {
			label += muted(" (recommended)")
		}
		if i == s.pick {
			mark = st.Text.Bold(true).Render("▸ ")
		}
		out = append(out, mark+label)
	}
	out = append(out, "", w.summaryLine())
	return append(out, w.passedLines(w.prevOffered(w.cur), w.cur)...)
}

// prevOffered is the offered step before i, -1 when none.
func (w *wizard) prevOffered(i int) int {
	for j := min(i, len(w.steps)) - 1; j >= 0; j-- {
		if w.steps[j].offered() {
			return j
		}
	}
	return -1
}

// passedLines say why the steps strictly between from and to are passed
// over: already satisfied, or not possible for this caller.
func (w *wizard) passedLines(from, to int) []string {
	var out []string
	for i := from + 1; i < to && i < len(w.steps); i++ {
		s := w.steps[i]
		switch {
		case s.done != "":
			out = append(out, w.c.st.Good.Render("✓ ")+s.title+": "+termsafe.String(s.done))
		case s.skip != "":
			out = append(out, w.c.st.Muted.Render("– ")+s.title+": "+termsafe.String(s.skip))
		}
	}
	return out
}

// summaryLine lists every step with its state: ✓ satisfied, – skipped,
// ● a change chosen, ○ kept as it is.
func (w *wizard) summaryLine() string {
	var parts []string
	for i, s := range w.steps {
		mark := "○"
		switch {
		case s.done != "":
			mark = "✓"
		case s.skip != "":
			mark = "–"
		case i > w.cur:
			mark = "·"
		case s.choices[s.pick].build != nil:
			mark = "●"
		}
		parts = append(parts, mark+s.id)
	}
	return w.c.st.Muted.Render(strings.Join(parts, " "))
}

// progressLines show each plan step: done, failed, running or waiting.
func (w *wizard) progressLines(head func(string) string) []string {
	st := w.c.st
	out := []string{head(w.plan.Title)}
	for i, s := range w.plan.Steps {
		mark := "  "
		switch {
		case i < len(w.stepErr) && w.stepErr[i] != nil:
			mark = st.Error.Render("✗ ")
		case i < len(w.stepErr):
			mark = st.Good.Render("✓ ")
		case i == len(w.stepErr) && w.stage == wizApplying:
			mark = w.c.spin + " "
		}
		out = append(out, fmt.Sprintf("%s%s (%s)", mark, termsafe.String(s.Title), s.API))
	}
	if n := len(w.plan.Steps); n > 1 {
		out = append(out, ui.ProgressBar(st, min(60, w.width), float64(w.ran)/float64(n)))
	}
	if w.stage == wizReading {
		out = append(out, w.c.spin+" reading "+w.bucket+" again…")
	}
	if w.halting {
		out = append(out, "canceling… (a call already sent may still complete)")
	}
	if len(out) > w.high { // keep the running step in view
		out = append(out[:1], out[len(out)-w.high+1:]...)
	}
	return out
}

// reportLines say what was applied and what was not, then the bucket
// before and after: findings by severity and each facet.
func (w *wizard) reportLines(head func(string) string, muted func(string) string) []string {
	st := w.c.st
	applied, failed, notApplied, failure := w.partOutcome()
	title := "Done: every step was applied"
	if failure != nil {
		title = "Stopped: a step failed, the rest was not applied"
	}
	out := []string{head(title)}
	for _, a := range applied {
		out = append(out, st.Good.Render("✓ applied: ")+termsafe.String(a))
	}
	for _, f := range failed {
		out = append(out, st.Error.Render("✗ failed: ")+termsafe.String(f))
	}
	if failure != nil {
		fe := errorOf(failedStepError(failure))
		out = append(out, ui.Wrap("  "+fe.Code+": "+termsafe.String(fe.Message), w.width)...)
	}
	for _, n := range notApplied {
		out = append(out, muted("○ not applied: ")+termsafe.String(n))
	}
	if len(w.verify.Failed()) > 0 {
		out[0] = head("Applied, but the endpoint does not keep every setting")
	}
	var unchecked []string
	for _, l := range verificationLines(w.verify) {
		if !strings.HasPrefix(l, markPassed) { // passed checks would crowd 80x24; the failures are what matter
			unchecked = append(unchecked, l)
		}
	}
	out = append(out, markedLines(st, unchecked, w.width)...)
	if w.after != nil {
		out = append(out, "", fmt.Sprintf("%-14s %-30s %s", "", "before", "after"))
		out = append(out, fmt.Sprintf("%-14s %-30s %s", "findings", countFindings(w.beforeOwn()), countFindings(w.afterFindings)))
		for _, f := range wizFacets {
			out = append(out, fmt.Sprintf("%-14s %-30s %s", f.name, ansi.Truncate(f.show(&w.before), 30, "…"), f.show(w.after)))
		}
	} else if w.create {
		out = append(out, "", muted("The bucket was not created: there is nothing to read."))
	}
	w.offset = min(w.offset, max(0, len(out)-w.high))
	return out[w.offset:]
}

// beforeOwn are the wizard bucket's findings before the plan.
func (w *wizard) beforeOwn() []awsops.Finding {
	var out []awsops.Finding
	for _, f := range w.beforeFindings {
		if f.Bucket == w.bucket {
			out = append(out, f)
		}
	}
	return out
}

// countFindings is "2 high, 1 medium, 3 low" (info left out).
func countFindings(fs []awsops.Finding) string {
	var n [4]int
	for _, f := range fs {
		if f.Severity >= 0 && int(f.Severity) < len(n) {
			n[f.Severity]++
		}
	}
	return fmt.Sprintf("%d high, %d medium, %d low", n[awsops.SeverityHigh], n[awsops.SeverityMedium], n[awsops.SeverityLow])
}

// wizFacets are the facets compared before and after.
var wizFacets = []struct {
	name string
	show func(*awsops.BucketState) string
}{
	{"encryption", func(s *awsops.BucketState) string {
		if s.Encryption == nil {
			return "?"
		}
		return ruleName(*s.Encryption)
	}},
	{"versioning", func(s *awsops.BucketState) string {
		if s.Versioning == nil {
			return "?"
		}
		return string(s.Versioning.Status) + ", MFA Delete " + string(s.Versioning.MFADelete)
	}},
	{"logging", func(s *awsops.BucketState) string {
		switch {
		case s.Logging == nil:
			return "?"
		case s.Logging.Enabled:
			return "to " + s.Logging.TargetBucket
		}
		return "off"
	}},
	{"TLS only", func(s *awsops.BucketState) string {
		switch {
		case s.Policy == nil:
			return "?"
		case s.Policy.TLSEnforced:
			return "required"
		}
		return "not required"
	}},
	{"CORS", func(s *awsops.BucketState) string {
		if s.CORS == nil {
			return "?"
		}
		return fmt.Sprintf("%d rule(s)", len(s.CORS.Rules))
	}},
	{"public access", func(s *awsops.BucketState) string {
		switch {
		case s.PublicAccessBlock == nil:
			return "?"
		case s.PublicAccessBlock.AllOn():
			return "all blocked"
		}
		return "not all blocked"
	}},
}
