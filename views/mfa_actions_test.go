package views

import (
	"context"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// showPane moves the open detail screen to the pane titled title.
func showPane(t *testing.T, a *App, title string) *Detail {
	t.Helper()
	d := a.top().(*Detail)
	for i := 0; i < len(d.panes) && d.panes[d.active].title() != title; i++ {
		a.Update(press("tab"))
	}
	if d.panes[d.active].title() != title {
		t.Fatalf("no pane %q", title)
	}
	return d
}

func TestReadOnlyDisablesTheVersioningAndMFAActions(t *testing.T) {
	a := loadedApp(t, newFake(1), 100, 30, true)
	openDetail(t, a)
	d := showPane(t, a, "Versioning & MFA")
	acts := d.Actions()
	if len(acts) != 4 || acts[3].Binding.Help().Key != "w" {
		t.Fatalf("actions = %+v, want m, v, n and the wizard's w", acts)
	}
	for _, act := range acts {
		if act.Enabled() || act.Reason != ui.ReasonReadOnly {
			t.Errorf("%s: reason %q, want read-only", act.Binding.Help().Key, act.Reason)
		}
	}
	_, cmd := a.Update(press("m"))
	if d.flow != nil {
		t.Fatal("read-only mode must not open the MFA Delete flow")
	}
	if msg, ok := cmd().(ui.StatusMsg); !ok || !strings.Contains(msg.Text, "disabled (read-only mode") {
		t.Fatalf("m must explain why it is disabled, got %#v", cmd())
	}
	d = showPane(t, a, "Objects")
	a.Update(press("v"))
	for _, act := range d.Actions() {
		if act.Binding.Help().Key == "D" && act.Reason != ui.ReasonReadOnly {
			t.Errorf("D: reason %q, want read-only", act.Reason)
		}
	}
}

func TestPurgeNeedsTheVersionsView(t *testing.T) {
	a := loadedApp(t, newFake(1), 100, 30, false)
	openDetail(t, a)
	d := showPane(t, a, "Objects")
	var purge ui.Action
	for _, act := range d.Actions() {
		if act.Binding.Help().Key == "D" {
			purge = act
		}
	}
	if purge.Enabled() || !strings.Contains(purge.Reason, "versions first") {
		t.Fatalf("D on the keys view: %+v, want disabled until the versions are shown", purge)
	}
}

func TestEnrollIsRootOnly(t *testing.T) {
	be := newFake(1)
	a := loadedApp(t, be, 100, 30, false)
	openDetail(t, a)
	d := showPane(t, a, "Versioning & MFA")
	if n := d.Actions()[2]; n.Enabled() || !strings.Contains(n.Reason, "only the root user") {
		t.Fatalf("n for a non-root caller: %+v", n)
	}
	root := awsops.Identity{Account: "111122223333", ARN: "arn:aws:iam::111122223333:root", IsRoot: true}
	a.Update(identityMsg{id: root})
	if n := d.Actions()[2]; !n.Enabled() {
		t.Fatalf("n for root: %+v", n)
	}
}

// plainBackend hides the fake's own checklist, so runPreflight evaluates
// the checks from what the Backend interface reads.
type plainBackend struct{ Backend }

func TestPreflightFallbackEvaluatesFromTheBackend(t *testing.T) {
	be := newFake(1)
	s := be.states["bucket-00000"]
	checks := runPreflight(context.Background(), plainBackend{be}, s, awsops.Identity{})
	byName := map[string]awsops.Check{}
	for _, c := range checks {
		byName[c.Name] = c
	}
	if c := byName[awsops.CheckRootUser]; c.OK || !c.Blocking || !strings.Contains(c.Detail, "user/auditor") {
		t.Errorf("root check for the auditor: %+v", c)
	}
	if c := byName[awsops.CheckHTTPS]; !c.OK {
		t.Errorf("the fake is HTTPS: %+v", c)
	}
	if c := byName[awsops.CheckMFADeviceFound]; c.OK {
		t.Errorf("the fake has no device: %+v", c)
	}
}

func TestFlowAnswersOfAClosedFlowAreDropped(t *testing.T) {
	be := newFake(1)
	be.id = awsops.Identity{Account: "111122223333", ARN: "arn:aws:iam::111122223333:root", IsRoot: true}
	a := loadedApp(t, be, 100, 30, false)
	openDetail(t, a)
	d := showPane(t, a, "Versioning & MFA")
	a.Update(press("m"))
	f, ok := d.flow.(*mfaDeleteFlow)
	if !ok {
		t.Fatalf("m must open the MFA Delete flow, got %T", d.flow)
	}
	stale := preflightMsg{flow: f.env.flow}
	a.Update(press("esc"))
	if d.flow != nil {
		t.Fatal("esc must close the flow while it gathers")
	}
	a.Update(press("m"))
	a.Update(stale) // the first flow's answer arrives late
	if g := d.flow.(*mfaDeleteFlow); g.stage != mdChecking {
		t.Fatalf("the new flow took the old flow's answer: stage %d", g.stage)
	}
}
