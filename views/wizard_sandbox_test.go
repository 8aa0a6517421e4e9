package views

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// worstDemoBucket is the demo bucket with the most high, then medium findings.
func worstDemoBucket(t *testing.T, a *App) (string, [4]int) {
	t.Helper()
	per := map[string]*[4]int{}
	for _, f := range awsops.Analyse(a.overview.store.snapshot()) {
		if per[f.Bucket] == nil {
			per[f.Bucket] = &[4]int{}
		}
		per[f.Bucket][f.Severity]++
	}
	best, bestN := "", [4]int{}
	for _, name := range sandbox.DemoBuckets {
		n := per[name]
		if n == nil {
			continue
		}
		if best == "" || n[awsops.SeverityHigh] > bestN[awsops.SeverityHigh] ||
			n[awsops.SeverityHigh] == bestN[awsops.SeverityHigh] && n[awsops.SeverityMedium] > bestN[awsops.SeverityMedium] {
			best, bestN = name, *n
		}
	}
	return best, bestN
}

// openWizardOn filters the overview down to bucket and presses w.
func (d *driver) openWizardOn(bucket string) *wizard {
	d.t.Helper()
	d.keys("/")
	d.run(d.update(tea.PasteMsg{Content: bucket}))
	d.keys("enter", "w")
	w, ok := d.a.top().(*wizard)
	if !ok || w.bucket != bucket {
		d.t.Fatalf("w did not open the wizard on %s:\n%s", bucket, d.screen())
	}
	return w
}

// acceptRecommended presses enter on every step, checking that each screen
// fits 80x24 and shows its keys.
func (d *driver) acceptRecommended(w *wizard) {
	d.t.Helper()
	for i := 0; w.stage == wizSteps && i < 10; i++ {
		checkFits(d.t, d.screen(), 80, 24, "enter", "next")
		d.keys("enter")
	}
	if w.stage != wizConfirm {
		d.t.Fatalf("after the steps the wizard is at stage %d:\n%s", w.stage, d.screen())
	}
}

// checkFits fails when the frame is larger than w×h or lacks one of want.
func checkFits(t *testing.T, frame string, w, h int, want ...string) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) > h {
		t.Errorf("frame has %d lines, more than %d:\n%s", len(lines), h, frame)
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > w {
			t.Errorf("line wider than %d (%d): %q", w, n, l)
		}
	}
	for _, s := range want {
		if !strings.Contains(frame, s) {
			t.Errorf("frame lacks %q:\n%s", s, frame)
		}
	}
}

// "Secure this bucket" on the demo's worst bucket: the recommended answers
// make one plan that leaves no high or medium finding.
func TestSecureWizardWorstBucketSandbox(t *testing.T) {
	d := newDriver(t, Config{Backend: openSandbox(t), Demo: true, Parallel: 4, Clock: sandboxClock}, 80, 24)
	bucket, n := worstDemoBucket(t, d.a)
	if n[awsops.SeverityHigh] == 0 {
		t.Fatalf("the demo's worst bucket %s has no high finding: %v", bucket, n)
	}
	w := d.openWizardOn(bucket)
	d.acceptRecommended(w)
	frame := d.screen()
	checkFits(t, frame, 80, 24, "y/n")
	if w.plan.NeedsMFA() {
		t.Fatalf("the admin user's plan needs no MFA (MFA Delete is root only):\n%s", frame)
	}
	t.Logf("worst bucket %s (%d high, %d medium); plan of %d steps", bucket, n[awsops.SeverityHigh], n[awsops.SeverityMedium], len(w.plan.Steps))
	d.keys("y")
	frame = d.screen()
	if w.stage != wizDone || w.after == nil {
		t.Fatalf("not done after apply (stage %d):\n%s", w.stage, frame)
	}
	checkFits(t, frame, 80, 24, "Done: every step was applied", "findings", "esc")
	for _, f := range w.afterFindings {
		if f.Severity >= awsops.SeverityMedium {
			t.Errorf("after the wizard %s still has %s %s: %s", bucket, f.Severity, f.ID, f.Message)
		}
	}
	if !strings.Contains(frame, "0 high, 0 medium") {
		t.Errorf("the report does not show 0 high, 0 medium after:\n%s", frame)
	}
	d.keys("esc")
	if _, ok := d.a.top().(*Overview); !ok {
		t.Errorf("esc on the report did not return to the overview:\n%s", d.screen())
	}
}
