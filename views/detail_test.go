package views

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// openDetail opens the detail screen of the selected bucket.
func openDetail(t *testing.T, a *App) *Detail {
	t.Helper()
	a.Update(press("enter"))
	d, ok := a.top().(*Detail)
	if !ok {
		t.Fatal("enter did not open the detail screen")
	}
	return d
}

// run executes a command and feeds its messages back, as the runtime
// would, one level deep: the commands the updates return are not run, so
// ticks never wait.
func run(a *App, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			if c != nil {
				a.Update(c())
			}
		}
		return
	}
	a.Update(msg)
}

func TestDetailPanesShowTheConfiguration(t *testing.T) {
	a := loadedApp(t, newFake(12), 100, 30, false)
	a.Update(press("j")) // bucket-00001: SSE-KMS with a bucket key
	d := openDetail(t, a)
	want := map[string][]string{
		"Overview":         {"bucket-00001", "eu-west-1", "Public access block", "Findings ("},
		"Encryption":       {"SSE-KMS (aws:kms)", "alias/records", "S3 Bucket Key         on"},
		"Versioning & MFA": {"Suspended", "MFA Delete", "Only the root user"},
		"Logging":          {"Server access logging", "off"},
		"CORS":             {"No CORS configuration"},
		"Transit":          {"TLS only              no", "No bucket policy."},
	}
	for i := range 6 {
		title := d.panes[d.active].title()
		text := screenText(a)
		for _, w := range want[title] {
			if !strings.Contains(text, w) {
				t.Errorf("pane %s: %q missing in\n%s", title, w, text)
			}
		}
		if i < 5 {
			a.Update(press("tab"))
		}
	}
	a.Update(press("shift+tab"))
	if got := d.panes[d.active].title(); got != "CORS" {
		t.Fatalf("shift+tab went to %s, want CORS", got)
	}
	a.Update(press("esc"))
	if _, ok := a.top().(*Overview); !ok {
		t.Fatal("esc must go back to the overview")
	}
}

func TestTransitPanePrettyPrintsAndScrollsThePolicy(t *testing.T) {
	be := newFake(1)
	s := be.states["bucket-00000"]
	s.Policy = &awsops.Policy{Present: true, TLSEnforced: true, JSON: `{"Version":"2012-10-17","Statement":[` +
		strings.Repeat(`{"Sid":"s","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bucket-00000/*"},`, 5) +
		`{"Sid":"last","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-00000/*"}]}`}
	be.states["bucket-00000"] = s
	a := loadedApp(t, be, 80, 24, false)
	d := openDetail(t, a)
	for range 5 {
		a.Update(press("tab"))
	}
	text := screenText(a)
	if !strings.Contains(text, `  "Statement": [`) || !strings.Contains(text, "lines 1–") {
		t.Fatalf("want the indented policy with a scroll indicator:\n%s", text)
	}
	a.Update(press("G"))
	// The pane ends with Block Public Access, under the policy (transit_bpa.go).
	all := d.paneLines()
	if text := screenText(a); !strings.Contains(text, ansi.Strip(all[len(all)-1])) {
		t.Fatalf("G must scroll to the end of the pane:\n%s", text)
	}
	if d.offsets[d.active] == 0 {
		t.Fatal("the pane did not scroll")
	}
}

func TestObjectsPaneListsPageByPage(t *testing.T) {
	be := newFake(1)
	a := loadedApp(t, be, 100, 30, false)
	a.objectsPageSize = 3
	openDetail(t, a)
	_, cmd := a.Update(press("shift+tab")) // Overview → Objects
	run(a, cmd)
	text := screenText(a)
	if !strings.Contains(text, "docs/file-00.txt") || strings.Contains(text, "docs/file-03.txt") || !strings.Contains(text, "more (n)") {
		t.Fatalf("page 1 must hold the first 3 keys and offer more:\n%s", text)
	}
	_, cmd = a.Update(press("n"))
	run(a, cmd)
	if text := screenText(a); !strings.Contains(text, "docs/file-03.txt") || strings.Contains(text, "docs/file-00.txt") {
		t.Fatalf("page 2 must hold keys 3-5:\n%s", text)
	}
	_, cmd = a.Update(press("p"))
	run(a, cmd)
	if got := strings.Join(be.listTokens, ","); got != ",t3," {
		t.Fatalf("ListObjectsV2 tokens = %q, want first page, the token of page 2, first page again", got)
	}
	_, cmd = a.Update(press("v"))
	run(a, cmd)
	if text := screenText(a); !strings.Contains(text, "delete marker") || !strings.Contains(text, "latest") {
		t.Fatalf("v must list versions and delete markers:\n%s", text)
	}
}

// blockingBackend blocks ListObjects until its context ends.
type blockingBackend struct {
	*fakeBackend
	canceled chan error
}

func (b blockingBackend) ListObjects(ctx context.Context, _, _, _, _ string, _ int32) (awsops.ObjectPage, error) {
	<-ctx.Done()
	b.canceled <- ctx.Err()
	return awsops.ObjectPage{}, ctx.Err()
}

func TestEscCancelsTheObjectListingAndStays(t *testing.T) {
	be := blockingBackend{fakeBackend: newFake(1), canceled: make(chan error, 1)}
	a := NewApp(Config{Backend: be, Clock: func() time.Time { return fixedNow }})
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	a.overview.startListing()
	a.Update(bucketsMsg{gen: a.overview.scan.gen, buckets: be.buckets})
	d := openDetail(t, a)
	cmd := d.key(press("shift+tab")) // only the pane's listing command
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	if !a.top().Loading() {
		t.Fatal("the Objects pane must be loading")
	}
	a.Update(press("esc"))
	if err := <-be.canceled; err != context.Canceled {
		t.Fatalf("ListObjects context: %v, want canceled", err)
	}
	a.Update(<-done) // the late answer belongs to the canceled request
	if a.top() != screen(d) {
		t.Fatal("esc on a loading pane must cancel, not leave the screen")
	}
	if d.objects.loading || d.objects.err != nil || !strings.Contains(screenText(a), "Listing canceled") {
		t.Fatalf("after esc: loading=%v err=%v\n%s", d.objects.loading, d.objects.err, screenText(a))
	}
}

func TestReadOnlyShowsActionsDisabledWithTheReason(t *testing.T) {
	a := loadedApp(t, newFake(1), 100, 40, true) // tall enough for the whole help, no scrolling
	openDetail(t, a)
	for range 4 {
		a.Update(press("tab")) // CORS
	}
	_, cmd := a.Update(press("e"))
	run(a, cmd)
	if msg, ok := a.status.Message(); !ok || !strings.Contains(msg.Text, ui.ReasonReadOnly) {
		t.Fatalf("pressing e in read-only mode: status %+v, want the read-only reason", msg)
	}
	if !strings.Contains(screenText(a), "READ-ONLY") {
		t.Fatal("the status bar must show the READ-ONLY badge")
	}
	a.Update(press("?"))
	text := screenText(a)
	for _, want := range []string{"Unavailable here", "edit CORS rules", "delete the CORS configuration", ui.ReasonReadOnly} {
		if !strings.Contains(text, want) {
			t.Errorf("full help: %q missing in\n%s", want, text)
		}
	}
	a.Update(press("?"))
	if a.showHelp {
		t.Fatal("? must close the full help")
	}
}

// Outside read-only mode no pane's action carries the read-only reason.
func TestActionsEnabledOutsideReadOnly(t *testing.T) {
	a := loadedApp(t, newFake(1), 100, 30, false)
	openDetail(t, a)
	for pane := range 7 {
		for _, act := range a.top().Actions() {
			// Disabled for a reason of the moment (no object listed, not
			// root) is fine; read-only is not.
			if act.Reason == ui.ReasonReadOnly {
				t.Errorf("pane %d: %q disabled (%s) outside read-only mode", pane, act.Binding.Help().Desc, act.Reason)
			}
		}
		a.Update(press("tab"))
	}
	if strings.Contains(screenText(a), "READ-ONLY") {
		t.Fatal("no READ-ONLY badge without --read-only")
	}
}

func TestRefreshFromDetailRereadsTheBucket(t *testing.T) {
	a := loadedApp(t, newFake(2), 100, 30, false)
	openDetail(t, a)
	_, cmd := a.Update(press("r"))
	if cmd == nil {
		t.Fatal("r must return a command")
	}
	// The refresh request reaches the overview, which re-reads the bucket.
	run(a, cmd)
	if _, ok := a.overview.refreshing["bucket-00000"]; !ok {
		t.Fatal("the overview must be re-reading bucket-00000")
	}
	if !a.overview.bucketLoading("bucket-00000") || a.overview.store.complete("bucket-00000") {
		t.Fatal("the refreshed bucket's facets must be pending")
	}
}
