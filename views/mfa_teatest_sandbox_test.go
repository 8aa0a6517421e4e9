package views

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// recorder runs the App and keeps every status message it is sent.
type recorder struct {
	app *App
	log *statusLog
}

// Init implements tea.Model.
func (r recorder) Init() tea.Cmd { return r.app.Init() }

// Update implements tea.Model.
func (r recorder) Update(m tea.Msg) (tea.Model, tea.Cmd) {
	r.log.add(m)
	_, cmd := r.app.Update(m)
	return r, cmd
}

// View implements tea.Model.
func (r recorder) View() tea.View { return r.app.View() }

// The whole MFA Delete story at 80x24, through the real program loop:
// enable MFA Delete on acme-ping with the demo authenticator's code, then
// permanently delete hello.txt's only version with the next code.
func TestMFADeleteStoryTeatestSandbox(t *testing.T) {
	clock := newTestClock()
	log := &statusLog{}
	app := NewApp(mfaConfig(openSandboxAs(t, clock, true), clock))
	tm := teatest.NewTestModel(t, recorder{app: app, log: log}, teatest.WithInitialTermSize(80, 24))
	const at = "s3sec: Buckets /ping › acme-ping › "
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "p", "i", "n", "g", "enter", "enter", "tab", "tab")
	waitTitle(t, tm, at+"Versioning & MFA")

	typeKeys(tm, "m")
	waitTitle(t, tm, at+"Versioning & MFA › Enable MFA Delete: checklist")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+"Versioning & MFA › Enable MFA Delete: device")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+"Versioning & MFA › Enable MFA Delete: plan")
	typeKeys(tm, "y")
	waitTitle(t, tm, at+"Versioning & MFA › Enable MFA Delete: MFA code")
	first := clock.demoCode(t)
	typeKeys(tm, strings.Split(first, "")...)
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+"Versioning & MFA › Enable MFA Delete: done")
	typeKeys(tm, "enter", "tab", "tab", "tab", "tab")
	waitTitle(t, tm, at+"Objects · page 1")
	typeKeys(tm, "v")
	waitTitle(t, tm, at+"Objects · versions · page 1")

	typeKeys(tm, "D")
	waitTitle(t, tm, at+"Objects · versions · page 1 › Delete permanently: plan")
	typeKeys(tm, "d", "e", "l", "e", "t", "e", "enter")
	waitTitle(t, tm, at+"Objects · versions · page 1 › Delete permanently: MFA code")
	clock.Advance(30 * time.Second) // the first code was used: the next window
	next := clock.demoCode(t)
	typeKeys(tm, strings.Split(next, "")...)
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+"Objects · versions · page 1 › Delete permanently: done")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+"Objects · versions · page 1")

	tm.Send(press("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(recorder).app
	out := ansi.Strip(final.View().Content)
	if !strings.Contains(out, "The bucket is empty.") {
		t.Fatalf("hello.txt's version must be gone after re-listing:\n%s", out)
	}
	msgs := log.text()
	for _, want := range []string{"MFA Delete enabled on acme-ping", "Deleted permanently: 1 version in acme-ping"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("status messages lack %q:\n%s", want, msgs)
		}
	}
	for _, code := range []string{first, next} {
		if strings.Contains(msgs, code) || strings.Contains(final.status.LastError, code) {
			t.Errorf("the code %s reached the status bar:\n%s", code, msgs)
		}
	}
}
