package views

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// openEncryptionPane opens the first bucket's detail on its Encryption pane.
func openEncryptionPane(t *testing.T, a *App) *Detail {
	t.Helper()
	d := openDetail(t, a)
	keys(a, "tab")
	if got := d.panes[d.active].title(); got != "Encryption" {
		t.Fatalf("on pane %s, want Encryption", got)
	}
	return d
}

// wantOnScreen fails unless every text is in the frame.
func wantOnScreen(t *testing.T, a *App, texts ...string) {
	t.Helper()
	screen := screenText(a)
	for _, s := range texts {
		if !strings.Contains(screen, s) {
			t.Fatalf("%q is not on screen:\n%s", s, screen)
		}
	}
}

// stateCounter counts the reads of one bucket's state.
type stateCounter struct {
	*fakeBackend
	reads atomic.Int32
}

// State counts the read.
func (s *stateCounter) State(ctx context.Context, b awsops.Bucket) awsops.BucketState {
	s.reads.Add(1)
	return s.fakeBackend.State(ctx, b)
}

func TestEncryptionEditBuildsPreviewsAndAppliesThePlan(t *testing.T) {
	be := newFake(1) // bucket-00000: SSE-S3, SSE-C blocked
	counter := &stateCounter{fakeBackend: be}
	a := loadedApp(t, be, 80, 24, false)
	a.overview.be = counter
	d := openEncryptionPane(t, a)

	keys(a, "e")
	wantOnScreen(t, a, "Default encryption of bucket-00000", "SSE-KMS  (aws:kms)")
	if !a.top().Typing() {
		t.Fatal("the form must have the keys, so q and ? are typed into it")
	}
	keys(a, "down", "enter") // SSE-KMS
	wantOnScreen(t, a, "KMS key", "alias/records", "alias/retired  2222bbbb  (Disabled)", "aws/s3  (AWS-managed key)")
	keys(a, "up", "up", "enter") // alias/records (aws/s3 was preselected for an SSE-S3 bucket)
	wantOnScreen(t, a, "S3 Bucket Key", "up to 99% fewer KMS requests")
	keys(a, "enter") // bucket key: On is preselected when leaving SSE-S3
	keys(a, "enter") // SSE-C stays blocked
	drive(a, nil)    // ValidateKMSKey ran in a command
	wantOnScreen(t, a, "Plan: Set the default encryption of bucket-00000 to SSE-KMS (alias/records)",
		"s3:PutBucketEncryption", "KMSMasterKeyID=alias/records", "Apply this plan to bucket-00000?")

	// enter alone answers No: nothing is applied.
	keys(a, "enter")
	if len(be.applied) != 0 || d.flow != nil {
		t.Fatalf("enter on the default answer applied %d plans (flow %T); it must cancel", len(be.applied), d.flow)
	}
	if msg, _ := a.status.Message(); !strings.Contains(msg.Text, "nothing was changed") {
		t.Fatalf("status %q, want the cancel said", msg.Text)
	}

	keys(a, "e", "down", "enter", "up", "up", "enter", "enter", "enter")
	keys(a, "y")
	if len(be.applied) != 1 {
		t.Fatalf("y applied %d plans, want 1", len(be.applied))
	}
	p := be.applied[0]
	params := strings.Join(p.Steps[0].Params, " ")
	for _, want := range []string{"SSEAlgorithm=aws:kms", "KMSMasterKeyID=alias/records", "BucketKeyEnabled=true", "BlockedEncryptionTypes=SSE-C"} {
		if !strings.Contains(params, want) {
			t.Errorf("applied plan params %q lack %q", params, want)
		}
	}
	if d.flow != nil {
		t.Fatalf("the flow must end once applied, still %T", d.flow)
	}
	if msg, _ := a.status.Message(); msg.Level != ui.LevelSuccess || !strings.Contains(msg.Text, "SSE-KMS") {
		t.Fatalf("status %+v, want the success", msg)
	}
	if counter.reads.Load() != 1 {
		t.Fatalf("%d reads of the bucket after applying, want 1: the grid and pane show the new state", counter.reads.Load())
	}
}

func TestEncryptionEditRefusesADisabledKeyAndKeepsTheAnswers(t *testing.T) {
	be := newFake(1)
	a := loadedApp(t, be, 80, 24, false)
	d := openEncryptionPane(t, a)
	keys(a, "e", "down", "enter", "up", "enter", "enter", "enter") // alias/retired
	drive(a, nil)
	wantOnScreen(t, a, "KMS key alias/retired cannot be used: it is disabled")
	if len(be.applied) != 0 {
		t.Fatal("a refused key must not reach Apply")
	}
	f, ok := d.flow.(*encEditFlow)
	if !ok || f.stage != encEditing || f.choice.algorithm != "aws:kms" || f.choice.keyPick != "alias/retired" {
		t.Fatalf("flow %T, want the form again with the answers kept", d.flow)
	}
}

func TestEncryptionEditDSSEExplainsTheBucketKey(t *testing.T) {
	be := newFake(1)
	a := loadedApp(t, be, 80, 24, false)
	openEncryptionPane(t, a)
	keys(a, "e", "down", "down", "enter", "enter") // DSSE-KMS, aws/s3
	wantOnScreen(t, a, "S3 Bucket Key: off", "DSSE-KMS does not support S3 Bucket Keys")
	keys(a, "enter", "enter", "y")
	if len(be.applied) != 1 || !strings.Contains(strings.Join(be.applied[0].Steps[0].Params, " "), "BucketKeyEnabled=false") {
		t.Fatalf("applied %+v, want one DSSE plan without bucket key", be.applied)
	}
}

func TestEscCancelsTheEncryptionEditorAtEveryStage(t *testing.T) {
	be := newFake(1)
	a := loadedApp(t, be, 80, 24, false)
	d := openEncryptionPane(t, a)
	for _, path := range [][]string{
		{"e"},                   // the form's first page
		{"e", "down", "enter"},  // the key page
		{"e", "enter", "enter"}, // the preview of an SSE-S3 plan
	} {
		keys(a, path...)
		if d.flow == nil {
			t.Fatalf("%v: no flow open", path)
		}
		keys(a, "esc")
		if d.flow != nil || a.top() != screen(d) {
			t.Fatalf("%v then esc: flow %T, top %T; want the pane back", path, d.flow, a.top())
		}
	}
	if len(be.applied) != 0 {
		t.Fatal("esc must never apply")
	}
}

func TestKMSWithoutBucketKeyOffersTheBucketKey(t *testing.T) {
	be := newFake(3) // bucket-00002: SSE-KMS by ARN, no bucket key
	a := loadedApp(t, be, 100, 30, false)
	a.Update(press("j"))
	a.Update(press("j"))
	openEncryptionPane(t, a)
	wantOnScreen(t, a, "every object write calls KMS", "GenerateDataKey", "count against the", "Press b to turn the S3 Bucket Key")
	keys(a, "b")
	wantOnScreen(t, a, "Plan: Turn on the S3 Bucket Key of bucket-00002", "Now: SSE-KMS without a bucket key", "BucketKeyEnabled=true")
	keys(a, "y")
	if len(be.applied) != 1 || !strings.Contains(strings.Join(be.applied[0].Steps[0].Params, " "), "KMSMasterKeyID=arn:aws:kms:us-east-1:111122223333:key/1234abcd") {
		t.Fatalf("applied %+v, want the bucket key plan keeping the key", be.applied)
	}
}

func TestBucketKeyOnSSES3IsExplained(t *testing.T) {
	a := loadedApp(t, newFake(1), 100, 30, false)
	openEncryptionPane(t, a)
	keys(a, "b")
	if msg, _ := a.status.Message(); !strings.Contains(msg.Text, "only applies to SSE-KMS") {
		t.Fatalf("status %q, want why b does not apply", msg.Text)
	}
}

func TestReadOnlyDisablesTheEncryptionChangesWithTheReason(t *testing.T) {
	be := newFake(1)
	a := loadedApp(t, be, 100, 30, true)
	d := openEncryptionPane(t, a)
	for _, k := range []string{"e", "b"} {
		keys(a, k)
		if d.flow != nil {
			t.Fatalf("%s opened a flow in read-only mode", k)
		}
		if msg, _ := a.status.Message(); !strings.Contains(msg.Text, ui.ReasonReadOnly) {
			t.Fatalf("%s in read-only mode: status %q, want the reason", k, msg.Text)
		}
	}
	keys(a, "shift+tab", "shift+tab") // Objects
	acts := map[string]ui.Action{}
	for _, act := range a.top().Actions() {
		acts[act.Binding.Help().Key] = act
	}
	for _, k := range []string{"u", "x"} {
		if acts[k].Enabled() || acts[k].Reason != ui.ReasonReadOnly {
			t.Errorf("%s in read-only mode = %+v, want disabled for read-only mode", k, acts[k])
		}
	}
	if !acts["d"].Enabled() {
		t.Errorf("download only reads; read-only mode keeps it: %+v", acts["d"])
	}
}

// keysDenied refuses to list KMS keys.
type keysDenied struct{ *fakeBackend }

// KMSKeys is denied.
func (keysDenied) KMSKeys(context.Context, string) ([]awsops.KMSKey, error) {
	return nil, &awsops.FacetError{Code: "AccessDeniedException", Message: "not authorized to perform kms:ListKeys"}
}

func TestEncryptionEditWorksWhenKeysCannotBeListed(t *testing.T) {
	fake := newFake(1)
	a := loadedApp(t, fake, 80, 24, false)
	d := openEncryptionPane(t, a)
	d.be = keysDenied{fake}
	keys(a, "e", "down", "enter")
	wantOnScreen(t, a, "The keys could not be listed (AccessDeniedException)", "aws/s3  (AWS-managed key)", "Other: type a key id")
	keys(a, "down", "enter") // Other
	paste(a, "alias/records")
	keys(a, "enter", "enter", "enter", "y")
	if len(fake.applied) != 1 || !strings.Contains(strings.Join(fake.applied[0].Steps[0].Params, " "), "KMSMasterKeyID=alias/records") {
		t.Fatalf("applied %+v, want the typed key", fake.applied)
	}
}
