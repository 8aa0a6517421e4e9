package views

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// expireStatus ends the message shown in the status bar as its own tick
// would (the drive harness never feeds timers back).
func expireStatus(t *testing.T, a *App) {
	t.Helper()
	m, ok := a.status.Message()
	if !ok {
		return
	}
	m.TTL = time.Nanosecond
	_, cmd := a.Update(m)
	var find func(c tea.Cmd) bool
	find = func(c tea.Cmd) bool {
		if c == nil {
			return false
		}
		msg, ok := runFor(c, time.Second)
		if !ok {
			return false
		}
		if cl, ok := msg.(ui.ClearStatusMsg); ok {
			a.Update(cl)
			return true
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdList) {
			for _, c := range v.Convert(cmdList).Interface().([]tea.Cmd) {
				if find(c) {
					return true
				}
			}
		}
		return false
	}
	if !find(cmd) {
		t.Fatal("the status message has no expiry tick")
	}
}

// An error message expires like any other; "!" shows it again, with its
// time and operation, in an overlay that owns the keyboard.
func TestErrorsExpireAndBangShowsThemSandbox(t *testing.T) {
	a := settledApp(t, openSandbox(t, "s3:PutEncryptionConfiguration"), 80, 24)
	d := openBucket(t, a, "acme-scratch")
	keys(a, "tab", "e", "enter", "enter", "y")
	wantOnScreen(t, a, "AccessDenied")
	keys(a, "esc", "esc") // back to the filled form, then close it
	a.Update(ui.StatusMsg{Level: ui.LevelSuccess, Text: "acme-scratch read again"})
	expireStatus(t, a)
	if s := screenText(a); strings.Contains(s, "AccessDenied") || strings.Contains(s, "last error") {
		t.Fatalf("a stale error stays on screen after later messages expired:\n%s", s)
	}

	keys(a, "!")
	wantOnScreen(t, a, "Recent errors", "Set the default encryption of acme-scratch", "AccessDenied", sandboxClock().Local().Format("15:04:05"))
	active := d.active
	keys(a, "tab", "r", "e", "enter")
	if a.top() != screen(d) || d.active != active || d.flow != nil {
		t.Fatalf("keys reached the screen below the overlay (pane %d, flow %v)", d.active, d.flow)
	}
	wantOnScreen(t, a, "Recent errors")
	keys(a, "q")
	if a.showErrors || a.top() != screen(d) {
		t.Fatal("q must close the overlay, not quit or leave the bucket")
	}
	keys(a, "!")
	keys(a, "esc")
	if a.showErrors || a.top() != screen(d) {
		t.Fatal("esc must close the overlay and stay on the bucket")
	}
	keys(a, "!", "!")
	if a.showErrors {
		t.Fatal("! must close the overlay it opened")
	}
}

// runFor runs c and returns its message if it finishes within d; a timer
// that would fire later (a spinner tick) is left running and ignored.
func runFor(c tea.Cmd, d time.Duration) (tea.Msg, bool) {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case m := <-done:
		return m, true
	case <-time.After(d):
		return nil, false
	}
}
