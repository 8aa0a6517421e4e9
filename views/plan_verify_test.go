package views

import (
	"context"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// verifyingBackend answers Verify with a fixed outcome for every check of
// the plan, as an endpoint that keeps (or drops) what it accepted.
type verifyingBackend struct {
	*fakeBackend
	outcome awsops.CheckOutcome
	detail  string
	calls   int
}

// Verify reports outcome for each check the plan lists.
func (v *verifyingBackend) Verify(_ context.Context, p awsops.Plan) awsops.Verification {
	v.calls++
	var out awsops.Verification
	for _, c := range p.Checks() {
		out.Results = append(out.Results, awsops.CheckResult{Kind: c.Kind, Title: c.Title, API: c.API, Outcome: v.outcome, Detail: v.detail})
	}
	return out
}

// applyEncryptionEdit sets SSE-KMS with alias/records through the form and applies it.
func applyEncryptionEdit(t *testing.T, a *App) {
	t.Helper()
	keys(a, "e", "down", "enter", "up", "up", "enter", "enter", "enter")
	drive(a, nil)
	wantOnScreen(t, a, "then read back: default encryption reads back SSE-KMS")
	keys(a, "y")
}

func TestPlanNotKeptEndsLoudAndStays(t *testing.T) {
	const detail = "the endpoint accepted the default encryption SSE-KMS (alias/records) but reports SSE-S3: new objects are not encrypted as set"
	be := &verifyingBackend{fakeBackend: newFake(1), outcome: awsops.CheckFailed, detail: detail}
	a := loadedApp(t, be.fakeBackend, 80, 40, false)
	d := openEncryptionPane(t, a)
	d.be = be
	applyEncryptionEdit(t, a)
	if be.calls != 1 || len(be.applied) != 1 {
		t.Fatalf("Verify called %d times after %d applies, want once after the one", be.calls, len(be.applied))
	}
	msg, _ := a.status.Message()
	if msg.Level != ui.LevelError || !strings.Contains(msg.Text, "applied, but the endpoint accepted") {
		t.Fatalf("status %+v: a setting not kept must be an error, not the success", msg)
	}
	if d.flow == nil {
		t.Fatal("the results must stay on screen until closed")
	}
	wantOnScreen(t, a, "Edit encryption: not verified", "✓ applied: Set the default encryption", "✗ NOT IN FORCE: the endpoint accepted the default")
	keys(a, "esc")
	if d.flow != nil {
		t.Fatalf("esc must close the results, still %T", d.flow)
	}
}

func TestPlanCheckedSaysSo(t *testing.T) {
	be := &verifyingBackend{fakeBackend: newFake(1), outcome: awsops.CheckPassed}
	a := loadedApp(t, be.fakeBackend, 80, 40, false)
	d := openEncryptionPane(t, a)
	d.be = be
	applyEncryptionEdit(t, a)
	msg, _ := a.status.Message()
	if msg.Level != ui.LevelSuccess || !strings.Contains(msg.Text, "(read back and checked)") || d.flow != nil {
		t.Fatalf("status %+v, flow %T: a verified change ends as a success that says it was checked", msg, d.flow)
	}
}

func TestPlanCheckInconclusiveWarns(t *testing.T) {
	be := &verifyingBackend{fakeBackend: newFake(1), outcome: awsops.CheckInconclusive, detail: "could not read it back: AccessDenied"}
	a := loadedApp(t, be.fakeBackend, 80, 40, false)
	openEncryptionPane(t, a).be = be
	applyEncryptionEdit(t, a)
	msg, _ := a.status.Message()
	if msg.Level != ui.LevelWarn || !strings.Contains(msg.Text, "could not check that default encryption reads back") {
		t.Fatalf("status %+v, want the warning", msg)
	}
	wantOnScreen(t, a, "⚠ could not check that default encryption reads back")
}

func TestUploadCheckStatus(t *testing.T) {
	if l, s := uploadCheckStatus("Uploaded a.txt (SSE-S3, 5 B).", "a.txt", nil); l != ui.LevelSuccess || s != "Uploaded a.txt (SSE-S3, 5 B)." {
		t.Errorf("no check: %v %q", l, s)
	}
	failed := &awsops.CheckResult{Outcome: awsops.CheckFailed, Detail: "the endpoint accepted SSE-S3 but reports no encryption for the object: it stored it unencrypted"}
	if l, s := uploadCheckStatus("Uploaded a.txt (none, 5 B).", "a.txt", failed); l != ui.LevelError || !strings.Contains(s, "stored it unencrypted") || strings.HasPrefix(s, "Uploaded a.txt (") {
		t.Errorf("failed check: %v %q", l, s)
	}
}

func TestPlanFlowSaysWhileItReadsBack(t *testing.T) {
	be := newFake(1)
	a := loadedApp(t, be, 80, 24, false)
	p := awsops.DeleteCORSPlan("bucket-00000", "us-east-1")
	f := newPlanFlow(a.c, be, p, "done")
	f.stage = planApplying
	f.update(streamMsg{report: planVerifyingMsg{id: f.id + 1}}) // another flow's
	if f.verifying {
		t.Fatal("another flow's message changed this one")
	}
	f.update(streamMsg{report: planVerifyingMsg{id: f.id}})
	text := strings.Join(f.view(paneEnv{st: a.c.st, width: 80, height: 20}), "\n")
	if !strings.Contains(text, "reading it back to check that the endpoint kept it") {
		t.Fatalf("while the checks run:\n%s", text)
	}
}
