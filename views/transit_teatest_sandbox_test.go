package views

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// frameRecorder runs the App and keeps every frame it renders after an
// update, so a test can read a screen it has since left.
type frameRecorder struct {
	app    *App
	mu     *sync.Mutex
	frames *[]string
}

// Init implements tea.Model.
func (r frameRecorder) Init() tea.Cmd { return r.app.Init() }

// Update implements tea.Model.
func (r frameRecorder) Update(m tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := r.app.Update(m)
	frame := ansi.Strip(r.app.View().Content)
	r.mu.Lock()
	*r.frames = append(*r.frames, frame)
	r.mu.Unlock()
	return r, cmd
}

// View implements tea.Model.
func (r frameRecorder) View() tea.View { return r.app.View() }

// seen returns the frames rendered so far.
func (r frameRecorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), *r.frames...)
}

// tlsCell is the TLS-only cell of bucket's row in an overview frame.
func tlsCell(t *testing.T, frame, bucket string) string {
	t.Helper()
	header, rows := gridRows(t, frame)
	col := strings.Index(header, "TLS")
	if col < 0 {
		t.Fatalf("no TLS column in %q", header)
	}
	for _, r := range rows {
		if strings.Contains(r, bucket) {
			rr := []rune(r)
			hr := []rune(header)
			start := len([]rune(header[:col]))
			end := start
			for end < len(hr) && hr[end] != ' ' {
				end++
			}
			for end < len(hr) && hr[end] == ' ' { // the column's padding up to the next title
				end++
			}
			if start >= len(rr) {
				return ""
			}
			return strings.TrimSpace(string(rr[start:min(end, len(rr))]))
		}
	}
	t.Fatalf("no row of %s in:\n%s", bucket, frame)
	return ""
}

// The story at 80x24 through the real program loop: require TLS
// on acme-access-logs, which already has a policy (the log-delivery
// grant); the plan shows the diff and keeps the grant; after Apply the
// grid's TLS column says yes.
func TestEnforceTLSTeatestSandbox(t *testing.T) {
	rec := frameRecorder{app: NewApp(Config{Backend: openSandbox(t), Demo: true, Parallel: 4, Clock: sandboxClock}), mu: &sync.Mutex{}, frames: new([]string)}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	const at = "s3sec: Buckets /access-logs › acme-access-logs › Transit"
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/")
	tm.Send(tea.PasteMsg{Content: "access-logs"})
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets /access-logs")
	before := rec.seen()
	if got := tlsCell(t, before[len(before)-1], "acme-access-logs"); got != "no" {
		t.Fatalf("TLS cell before = %q, want no", got)
	}
	typeKeys(tm, "enter", "tab", "tab", "tab", "tab", "tab")
	waitTitle(t, tm, at)
	typeKeys(tm, "e")
	waitTitle(t, tm, at+" › Require TLS: minimum TLS")
	typeKeys(tm, "y")
	waitTitle(t, tm, at+" › Require TLS: unencrypted uploads")
	typeKeys(tm, "n")
	waitTitle(t, tm, at+" › Require TLS: plan")
	typeKeys(tm, "down", "down", "down", "down", "down", "down")
	time.Sleep(100 * time.Millisecond) // scrolling sets no title; the frames are read below, after the next title
	typeKeys(tm, "y")
	waitTitle(t, tm, at+" › Require TLS: done")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at)
	typeKeys(tm, "esc")
	waitTitle(t, tm, "s3sec: Buckets /access-logs")
	tm.Send(press("ctrl+c"))
	out := ansi.Strip(tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(frameRecorder).app.View().Content)
	if got := tlsCell(t, out, "acme-access-logs"); got != "yes" {
		t.Fatalf("TLS cell after = %q, want yes:\n%s", got, out)
	}

	var plan, done string
	for _, f := range rec.seen() {
		if strings.Contains(f, "Require TLS: plan") && strings.Contains(f, "before → after:") && plan == "" {
			plan = f
		}
		if strings.Contains(f, "Require TLS: done") {
			done = f
		}
		for i, l := range strings.Split(f, "\n") {
			if ansi.StringWidth(l) > 80 || i >= 24 {
				t.Fatalf("frame overflows 80x24 at line %d %q:\n%s", i+1, l, f)
			}
		}
	}
	if plan == "" {
		t.Fatal("no frame showed the plan with its diff")
	}
	if testing.Verbose() {
		for _, f := range rec.seen() {
			if strings.Contains(f, "Who would break") {
				t.Logf("form:\n%s", f)
				break
			}
		}
		t.Logf("plan:\n%s\ndone:\n%s", plan, done)
	}
	for _, want := range []string{"Who would break: no access logs available", "s3:PutBucketPolicy", "+", "s3sec-DenyInsecureTransport", "Apply this plan to acme-access-logs?"} {
		if !strings.Contains(strings.Join(rec.seen(), "\n"), want) {
			t.Errorf("%q never shown", want)
		}
	}
	if !strings.Contains(strings.Join(rec.seen(), "\n"), `+       "Sid": "s3sec-DenyInsecureTransport"`) {
		t.Errorf("the diff never showed the added statement:\n%s", plan)
	}
	if !strings.Contains(done, "read back from the bucket: TLS only yes") {
		t.Errorf("the outcome does not confirm the read-back:\n%s", done)
	}
}
