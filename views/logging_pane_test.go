package views

import (
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// newLoggingFake has four us-east-1 buckets: logs-a and logs-b log into
// each other, logs-c does not log, logs-d logs into logs-a.
func newLoggingFake() *fakeBackend {
	f := &fakeBackend{id: awsops.Identity{Account: "111122223333", ARN: "arn:aws:iam::111122223333:user/admin"}, states: map[string]awsops.BucketState{}}
	for i, target := range []string{"logs-b", "logs-a", "", "logs-a"} {
		s := synthState(0)
		s.Name, s.Region = "logs-"+string(rune('a'+i)), "us-east-1"
		s.Logging = &awsops.Logging{}
		if target != "" {
			s.Logging = &awsops.Logging{Enabled: true, TargetBucket: target, TargetPrefix: s.Name + "/"}
		}
		f.buckets = append(f.buckets, awsops.Bucket{Name: s.Name, Region: s.Region, CreationDate: s.CreationDate})
		f.states[s.Name] = s
	}
	return f
}

// openLoggingPane opens the row'th bucket's Logging pane.
func openLoggingPane(t *testing.T, be *fakeBackend, row int, readOnly bool) *App {
	t.Helper()
	a := loadedApp(t, be, 80, 24, readOnly)
	for range row {
		keys(a, "down")
	}
	d := openDetail(t, a)
	keys(a, "tab", "tab", "tab")
	if got := d.panes[d.active].title(); got != "Logging" {
		t.Fatalf("on pane %s, want Logging", got)
	}
	return a
}

func TestLoggingPaneShowsTheGraph(t *testing.T) {
	a := openLoggingPane(t, newLoggingFake(), 0, false)
	wantOnScreen(t, a, "Target bucket         logs-b", "Key format            SimplePrefix (default)",
		"Logs to               logs-b → logs-a", "Logged into by        logs-b, logs-d",
		"↻ Logging loop: logs-a → logs-b → logs-a", "e configure logging", "d turn logging off")

	a = openLoggingPane(t, newLoggingFake(), 3, false) // logs-d feeds the loop without being in it
	wantOnScreen(t, a, "Logs to               logs-a → logs-b → logs-a (a loop)", "Logged into by        no bucket")
	if strings.Contains(screenText(a), "↻ Logging loop") {
		t.Fatalf("logs-d is not in the loop:\n%s", screenText(a))
	}
}

func TestLoggingPaneNamesAnUnknownTarget(t *testing.T) {
	be := newLoggingFake()
	s := be.states["logs-c"]
	s.Logging = &awsops.Logging{Enabled: true, TargetBucket: "gone-logs", TargetPrefix: "c/"}
	be.states["logs-c"] = s
	a := openLoggingPane(t, be, 2, false)
	wantOnScreen(t, a, "Logs to               gone-logs (not among this account's buckets)", "which is not among this")
}

func TestLoggingTurnOffPreviewsThenApplies(t *testing.T) {
	be := newLoggingFake()
	a := openLoggingPane(t, be, 0, false)
	keys(a, "d")
	wantOnScreen(t, a, "Turn off the access logs of logs-a", "ends the logging loop logs-a → logs-b → logs-a",
		"aws s3api put-bucket-logging --bucket logs-a --bucket-logging-status '{}'")
	if len(be.applied) != 0 {
		t.Fatal("applied before confirmation")
	}
	keys(a, "y")
	if len(be.applied) != 1 || be.applied[0].Steps[0].API != "s3:PutBucketLogging" {
		t.Fatalf("applied: %+v", be.applied)
	}
	// Already off: nothing to preview.
	a = openLoggingPane(t, be, 2, false)
	keys(a, "d")
	if _, open := a.top().(*Detail); !open || a.top().(*Detail).flow != nil {
		t.Fatal("turning off logging that is off opened a plan")
	}
}

func TestLoggingSelfLoopAsksTwice(t *testing.T) {
	be := newLoggingFake()
	a := openLoggingPane(t, be, 2, false) // logs-c, not logging
	keys(a, "e")
	wantOnScreen(t, a, "Send the access logs of logs-c to", "logs-c  (itself: a loop)", "logs-a  (logs → logs-b)")
	if !a.top().Typing() {
		t.Fatal("the form must have the keys")
	}
	keys(a, "down", "down", "enter") // logs-c itself
	wantOnScreen(t, a, "Target prefix", "logs-c/")
	keys(a, "enter", "enter")
	wantOnScreen(t, a, "creates a logging loop: logs-c would log into itself", "s3:PutBucketPolicy", "2 calls, in this order")
	keys(a, "y")
	wantOnScreen(t, a, "Second confirmation", "This creates a logging loop (logs-c → logs-c)")
	if len(be.applied) != 0 {
		t.Fatal("one yes applied a loop")
	}
	keys(a, "y")
	if len(be.applied) != 1 || len(be.applied[0].Steps) != 2 || be.applied[0].SecondConfirm == "" {
		t.Fatalf("applied: %+v", be.applied)
	}
}

func TestLoggingTargetListFilters(t *testing.T) {
	be := newLoggingFake()
	a := openLoggingPane(t, be, 2, false)
	keys(a, "e")
	wantOnScreen(t, a, "/ filter")
	keys(a, "/", "-", "d", "enter")
	wantOnScreen(t, a, "Target prefix")
	if got := a.top().(*Detail).flow.(*logEditFlow).choice.pick; got != "logs-d" {
		t.Fatalf("filtered pick %q, want logs-d", got)
	}
}

func TestLoggingTypedTargetIsProbedFirst(t *testing.T) {
	be := newLoggingFake()
	a := openLoggingPane(t, be, 2, false)
	keys(a, "e", "down", "down", "down", "down", "enter") // Type another bucket name…
	wantOnScreen(t, a, "Target bucket name")
	keys(a, "n", "o", "w", "h", "e", "r", "e", "enter", "enter", "enter")
	wantOnScreen(t, a, "S3 will refuse this change: nowhere does not exist (400", "InvalidTargetBucketForLogging).")
	keys(a, "esc")
	if len(be.applied) != 0 {
		t.Fatal("declined, yet applied")
	}
}

func TestLoggingActionsHiddenWhenReadOnly(t *testing.T) {
	be := newLoggingFake()
	a := openLoggingPane(t, be, 0, true)
	if strings.Contains(screenText(a), "e configure logging") {
		t.Fatalf("read-only shows a change key:\n%s", screenText(a))
	}
	keys(a, "e")
	if a.top().(*Detail).flow != nil {
		t.Fatal("read-only opened the form")
	}
}
