package views

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/awsops"
)

// A fleet fix that fails on its second bucket: acme-scratch's policy
// denies PutBucketVersioning to everyone. acme-pong is versioned, the
// failure is shown with its error, acme-selflog is not touched, and the
// screen and the grid say so.
func TestFleetFixStopsAtFailureSandbox(t *testing.T) {
	be := openSandbox(t)
	deny := `{"Version":"2012-10-17","Statement":[{"Sid":"NoVersioning","Effect":"Deny","Principal":"*","Action":"s3:PutBucketVersioning","Resource":"arn:aws:s3:::acme-scratch"}]}`
	p, _, err := awsops.PolicyPlan(awsops.PolicyChange{Bucket: "acme-scratch", Region: "eu-west-1", After: deny})
	if err != nil {
		t.Fatal(err)
	}
	if err := be.Apply(context.Background(), p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	rec := frameRecorder{app: NewApp(Config{Backend: be, Demo: true, Parallel: 4, Clock: sandboxClock}), mu: &sync.Mutex{}, frames: new([]string)}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	waitTitle(t, tm, "s3sec: Buckets")
	// Sorted by name: acme-pong is row 4, acme-scratch 6, acme-selflog 8.
	typeKeys(tm, "home", "down", "down", "down", "space", "down", "space", "down", "space")
	waitFrame(t, rec, "3 marked")
	typeKeys(tm, "f")
	waitTitle(t, tm, "s3sec: Buckets › Fleet fix: choose")
	chooseKind(t, tm, rec, "versioning-off")
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets › Fix versioning-off: plan")
	typeKeys(tm, "y")
	waitTitle(t, tm, "s3sec: Buckets › Fix versioning-off: done")
	done := waitFrame(t, rec, "1 applied, 1 failed, 1 not applied")
	for _, want := range []string{"✓ acme-pong: applied", "✗ acme-scratch: AccessDenied", "· acme-selflog: not applied"} {
		if !strings.Contains(done, want) {
			t.Errorf("done frame lacks %q:\n%s", want, done)
		}
	}
	typeKeys(tm, "esc")
	waitTitle(t, tm, "s3sec: Buckets")
	tm.Send(press("ctrl+c"))
	out := ansi.Strip(tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(frameRecorder).app.View().Content)
	_, rows := gridRows(t, out)
	want := map[string]string{"acme-pong": "Enabled", "acme-scratch": "Never", "acme-selflog": "Never"}
	for _, r := range rows {
		f := strings.Fields(string([]rune(r)[2:]))
		if v, ok := want[f[0]]; ok && f[2] != v {
			t.Errorf("%s versioning %q, want %q:\n%s", f[0], f[2], v, out)
		}
	}
}
