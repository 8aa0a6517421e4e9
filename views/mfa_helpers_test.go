package views

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/sandbox"
	"github.com/s3sec/s3sec/ui"
)

// testClock is a clock the test moves: the sandbox checks MFA codes
// against it and the console computes countdowns from it, so a test can
// step to the next code window without waiting 30 seconds.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

// newTestClock starts at the sandbox tests' fixed time.
func newTestClock() *testClock { return &testClock{t: sandboxClock()} }

// Now is the clock's time.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on.
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// demoCode is the code the seeded root MFA device shows at the clock's time.
func (c *testClock) demoCode(t *testing.T) string {
	t.Helper()
	code, err := otp.Code(sandbox.DemoMFASeed, c.Now())
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// demoAuth is the demo authenticator wired to the test clock's sandbox.
func demoAuth(t time.Time) (string, string) {
	code, _ := otp.Code(sandbox.DemoMFASeed, t)
	return sandbox.DemoMFASerial, code
}

// MFAPreflight runs the real awsops checklist on the session behind the
// portless wrapper (views recognise the bare *awsops.Session only).
func (p portlessBackend) MFAPreflight(ctx context.Context, st awsops.BucketState, id awsops.Identity) []awsops.Check {
	return awsops.MFAPreflight(ctx, p.Session, st, id)
}

// openSandboxAs starts a seeded sandbox on clock and opens an HTTPS session
// as the root user or the IAM user admin.
func openSandboxAs(t *testing.T, clock *testClock, root bool) Backend {
	t.Helper()
	be, _ := openSandboxSession(t, sandbox.Options{Seed: true, Clock: clock.Now}, root)
	return be
}

// statusLog records every status message the App shows, so tests can
// check what ever reached the status bar.
type statusLog struct {
	mu   sync.Mutex
	msgs []string
}

func (l *statusLog) add(m tea.Msg) {
	if s, ok := m.(ui.StatusMsg); ok {
		l.mu.Lock()
		l.msgs = append(l.msgs, s.Text)
		l.mu.Unlock()
	}
}

// text is every status message, one per line.
func (l *statusLog) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.msgs, "\n")
}

// driver feeds an App the answers of its commands synchronously, the way
// the runtime would, until nothing is in flight (see pump). Timers (spinner
// frames, countdowns, status expiry) are dropped rather than waited for:
// they only repaint. AWS calls run for real.
type driver struct {
	t      *testing.T
	a      *App
	log    statusLog
	frames []string // every frame rendered after an update, without styles
	quit   bool     // a command asked the program to quit
}

// newDriver returns a driver of an App built from cfg at w×h, its identity
// and bucket list loaded.
func newDriver(t *testing.T, cfg Config, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, a: NewApp(cfg)}
	d.a.c.st = ui.NewMonochromeStyles()
	d.a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(d.a.Init())
	return d
}

// update feeds one message and renders the frame.
func (d *driver) update(m tea.Msg) tea.Cmd {
	d.log.add(m)
	if _, ok := m.(tea.QuitMsg); ok {
		d.quit = true
	}
	_, cmd := d.a.Update(m)
	d.frames = append(d.frames, screenText(d.a))
	return cmd
}

// run executes cmd and everything it leads to, as drive does, until no
// command is in flight and the App waits for nothing.
func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	if err := newPump(d.update, func() bool { return appBusy(d.a) }).run(cmd, driveLimit); err != nil {
		d.t.Fatalf("the console did not settle: %v\n%s", err, screenText(d.a))
	}
}

// keys presses keys one by one, running what each leads to.
func (d *driver) keys(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		msg := press(k)
		if k == "space" {
			msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
		}
		d.run(d.update(msg))
	}
}

// typeText types text character by character.
func (d *driver) typeText(text string) {
	d.t.Helper()
	for _, r := range text {
		d.keys(string(r))
	}
}

// screen is the current frame without styles.
func (d *driver) screen() string { return screenText(d.a) }

// open filters the overview down to bucket, opens it and shows the pane
// whose tab is title.
func (d *driver) open(bucket, title string) *Detail {
	d.t.Helper()
	d.keys("/")
	d.run(d.update(tea.PasteMsg{Content: bucket}))
	d.keys("enter", "enter")
	det, ok := d.a.top().(*Detail)
	if !ok || det.bucket != bucket {
		d.t.Fatalf("did not open %s:\n%s", bucket, d.screen())
	}
	for i := 0; i < len(det.panes) && det.panes[det.active].title() != title; i++ {
		d.keys("tab")
	}
	if det.panes[det.active].title() != title {
		d.t.Fatalf("no pane %q", title)
	}
	return det
}

// mustRead fails unless the screen, its lines joined and its spaces
// squeezed, holds every want: for sentences that wrap.
func (d *driver) mustRead(wants ...string) {
	d.t.Helper()
	flat := strings.Join(strings.Fields(d.screen()), " ")
	for _, w := range wants {
		if !strings.Contains(flat, w) {
			d.t.Fatalf("%q is not on screen:\n%s", w, d.screen())
		}
	}
}

// mustShow fails unless the screen holds every want.
func (d *driver) mustShow(wants ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			d.t.Fatalf("%q is not on screen:\n%s", w, s)
		}
	}
}
