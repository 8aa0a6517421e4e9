package views

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// pressAll presses each key on the app.
func pressAll(a *App, ks ...string) {
	for _, k := range ks {
		a.Update(press(k))
	}
}

// TestMarksToggleAndShow: space marks the bucket under the cursor and
// moves down, a second space on it unmarks; the gutter shows ● and the
// summary counts the marks; f with no mark opens nothing and says why.
func TestMarksToggleAndShow(t *testing.T) {
	a := loadedApp(t, newFake(5), 80, 24, false)
	_, cmd := a.Update(press("f"))
	if _, ok := a.top().(*FleetFix); ok {
		t.Fatal("f without marks opened the fleet fix")
	}
	if msg := statusOf(cmd); !strings.Contains(msg, "Mark buckets with space first") {
		t.Errorf("f without marks says %q", msg)
	}
	pressAll(a, "space", "up", "space", "down", "space") // mark, unmark the first; mark the third
	names := a.overview.markedNames()
	if len(names) != 1 || names[0] != "bucket-00002" {
		t.Fatalf("marked %v, want only the third bucket", names)
	}
	out := screenText(a)
	if !strings.Contains(out, "1 marked") || strings.Count(out, "●") != 1 {
		t.Errorf("marks not shown:\n%s", out)
	}
	if !strings.Contains(out, "f fix marked") {
		t.Errorf("the footer does not offer f once a bucket is marked:\n%s", out)
	}
	a.Update(press("f"))
	ff, ok := a.top().(*FleetFix)
	if !ok || len(ff.marked) != 1 || ff.marked[0] != names[0] {
		t.Fatalf("f did not open the fleet fix of %v: %T", names, a.top())
	}
}

// TestFleetFixDisabledReadOnly: in --read-only mode f is shown disabled
// and explains why instead of opening anything.
func TestFleetFixDisabledReadOnly(t *testing.T) {
	a := loadedApp(t, newFake(3), 80, 24, true)
	pressAll(a, "space")
	_, cmd := a.Update(press("f"))
	if _, ok := a.top().(*FleetFix); ok {
		t.Fatal("f opened the fleet fix in read-only mode")
	}
	if msg := statusOf(cmd); !strings.Contains(msg, "read-only") {
		t.Errorf("f in read-only mode says %q", msg)
	}
}

// statusOf runs cmd and returns the text of the status message it
// carries (inside a batch too), "" when none.
func statusOf(cmd tea.Cmd) string {
	if cmd == nil {
		return ""
	}
	switch m := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range m {
			if s := statusOf(c); s != "" {
				return s
			}
		}
	case ui.StatusMsg:
		return m.Text
	}
	return ""
}

// TestFleetChoiceScrollsAt80x24: with more finding kinds than fit, the
// selected kind stays in view and the list says where it is.
func TestFleetChoiceScrollsAt80x24(t *testing.T) {
	c := &common{st: ui.NewMonochromeStyles(), keys: ui.NewKeyMap(false)}
	f := &FleetFix{c: c, marked: []string{"a", "b"}, width: 80, height: 21}
	for _, info := range awsops.FixableFindings() {
		f.kinds = append(f.kinds, fleetKind{id: info.ID, description: info.Description, buckets: 1})
	}
	for i := range f.kinds {
		f.cursor = i
		out := f.View()
		if n := len(strings.Split(out, "\n")); n > 21 {
			t.Fatalf("cursor %d: %d lines, want at most 21", i, n)
		}
		if !strings.Contains(out, "› "+f.kinds[i].id) {
			t.Fatalf("cursor %d: %s not in view:\n%s", i, f.kinds[i].id, out)
		}
	}
}

// TestFleetProgressFitsAt80x24: forty buckets, the twentieth failed: the
// failure and the summary are in view within the 21 lines of the screen.
func TestFleetProgressFitsAt80x24(t *testing.T) {
	c := &common{st: ui.NewMonochromeStyles(), keys: ui.NewKeyMap(false)}
	f := &FleetFix{c: c, finding: "tls-not-enforced", width: 80, height: 21, stage: fleetDone}
	for i := range 40 {
		f.plans = append(f.plans, awsops.Plan{Bucket: fmt.Sprintf("bucket-%02d", i), Steps: []awsops.Step{{Title: "Write the bucket policy"}}})
		o := fleetOutcome{}
		if i < 20 {
			o = fleetOutcome{ran: true}
		}
		if i == 19 {
			o.err = errors.New("AccessDenied: Access Denied")
		}
		f.outcomes = append(f.outcomes, o)
	}
	f.next = 19
	out := f.View()
	if n := len(strings.Split(out, "\n")); n > 21 {
		t.Fatalf("%d lines, want at most 21:\n%s", n, out)
	}
	for _, want := range []string{"✗ bucket-19", "19 applied, 1 failed, 20 not applied", "more lines"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
}
