package views

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/awsops"
)

// The fleet fix at 80x24 through the real program loop: mark
// three demo buckets without a TLS-only policy, press f, choose
// tls-not-enforced, read the combined plan, apply it; every bucket's plan
// is applied and the TLS column of all three says yes.
func TestFleetFixTLSTeatestSandbox(t *testing.T) {
	be := openSandbox(t)
	journal := filepath.Join(t.TempDir(), "journal.jsonl")
	be.(portlessBackend).SetJournal(&awsops.FileJournal{Path: journal}) // as cmd does for the console
	rec := frameRecorder{app: NewApp(Config{Backend: be, Demo: true, Parallel: 4, Clock: sandboxClock}), mu: &sync.Mutex{}, frames: new([]string)}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	buckets := []string{"acme-pong", "acme-scratch", "acme-suspended"}
	waitTitle(t, tm, "s3sec: Buckets")
	// The grid is sorted by name: acme-pong is row 4, acme-scratch 6,
	// acme-suspended 10; space marks and moves down.
	typeKeys(tm, "home", "down", "down", "down", "space", "down", "space", "down", "down", "down", "space")
	grid := waitFrame(t, rec, "3 marked") // marking sets no title
	if !strings.Contains(grid, "3 marked") {
		t.Fatalf("the summary does not count the marks:\n%s", grid)
	}
	_, rows := gridRows(t, grid)
	for _, r := range rows {
		marked := strings.Contains(string([]rune(r)[:2]), "●")
		want := false
		for _, b := range buckets {
			want = want || strings.Contains(r, b+" ")
		}
		if marked != want {
			t.Errorf("row %q: marked %t, want %t", r, marked, want)
		}
		if want && tlsCell(t, grid, strings.Fields(string([]rune(r)[2:]))[0]) != "no" {
			t.Errorf("TLS before the fix is not no: %q", r)
		}
	}

	typeKeys(tm, "f")
	waitTitle(t, tm, "s3sec: Buckets › Fleet fix: choose")
	choice := chooseKind(t, tm, rec, "tls-not-enforced")
	if !strings.Contains(choice, "tls-not-enforced         3 of 3") {
		t.Errorf("the choice does not count the buckets:\n%s", choice)
	}
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets › Fix tls-not-enforced: plan")
	typeKeys(tm, "y")
	waitTitle(t, tm, "s3sec: Buckets › Fix tls-not-enforced: done")
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets")
	tm.Send(press("ctrl+c"))
	out := ansi.Strip(tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(frameRecorder).app.View().Content)
	for _, b := range buckets {
		if got := tlsCell(t, out, b); got != "yes" {
			t.Errorf("TLS cell of %s after = %q, want yes:\n%s", b, got, out)
		}
	}

	entries, err := awsops.ReadJournal(journal)
	if err != nil || len(entries) != 3 {
		t.Fatalf("journal: %d entries, %v", len(entries), err)
	}
	for i, e := range entries {
		if e.Bucket != buckets[i] || !strings.HasSuffix(e.Identity, ":user/admin") || len(e.Steps) != 1 || e.Steps[0].Result != awsops.StepApplied {
			t.Errorf("journal entry %d: %+v", i, e)
		}
	}

	var plan, done string
	for _, f := range rec.seen() {
		if strings.Contains(f, "Fix tls-not-enforced: plan") && plan == "" {
			plan = f
		}
		if strings.Contains(f, "Fix tls-not-enforced: done") {
			done = f
		}
	}
	for _, want := range []string{"Plan: Fix tls-not-enforced on 3 buckets", "Apply these 3 plans"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan frame lacks %q:\n%s", want, plan)
		}
	}
	for _, want := range []string{"✓ acme-pong: applied", "✓ acme-scratch: applied", "✓ acme-suspended: applied", "3 applied, 0 failed, 0 not applied"} {
		if !strings.Contains(done, want) {
			t.Errorf("done frame lacks %q:\n%s", want, done)
		}
	}
	for _, f := range rec.seen() {
		for i, l := range strings.Split(f, "\n") {
			if ansi.StringWidth(l) > 80 || i >= 24 {
				t.Fatalf("frame exceeds 80x24 at line %d:\n%s", i+1, f)
			}
		}
	}
}

// waitFrame waits until the latest frame contains want and returns it.
func waitFrame(t *testing.T, rec frameRecorder, want string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		f := rec.seen()
		if len(f) > 0 && strings.Contains(f[len(f)-1], want) {
			return f[len(f)-1]
		}
		if time.Now().After(deadline) {
			last := ""
			if len(f) > 0 {
				last = f[len(f)-1]
			}
			t.Fatalf("no frame with %q; the last:\n%s", want, last)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// chooseKind moves the fleet fix's cursor to the finding kind id and
// returns the frame showing it selected.
func chooseKind(t *testing.T, tm *teatest.TestModel, rec frameRecorder, id string) string {
	t.Helper()
	choice := waitFrame(t, rec, "Fix one kind of finding on")
	for i := 0; !strings.Contains(choice, "\n› "+id); i++ {
		if i == 10 {
			t.Fatalf("%s is not offered:\n%s", id, choice)
		}
		sel := choice[strings.Index(choice, "\n› ")+1:] // the selected kind, not the breadcrumb
		sel = sel[:strings.IndexByte(sel, '\n')]
		typeKeys(tm, "down")
		for j := 0; ; j++ { // until the cursor has moved
			if choice = waitFrame(t, rec, "Fix one kind of finding on"); !strings.Contains(choice, sel) {
				break
			}
			if j == 500 {
				t.Fatalf("down did not move the cursor off %q", sel)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return choice
}
