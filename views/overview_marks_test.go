package views

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

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
