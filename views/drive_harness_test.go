package views

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// The harness's own tests: drive must never lose a message however slow a
// command is, must not wait for timers, and must fail loudly when stuck.

// slowStatus is a command that takes d, then reports text in the status bar.
func slowStatus(d time.Duration, text string) tea.Cmd {
	return func() tea.Msg {
		time.Sleep(d) // stands for a slow AWS call on a loaded machine
		return ui.StatusMsg{Level: ui.LevelInfo, Text: text}
	}
}

func TestTimerCommandsAreRecognised(t *testing.T) {
	st := ui.NewMonochromeStyles()
	sp := ui.NewSpinner(st)
	var bar ui.StatusBar
	sp, frame := sp.Update(sp.Start()()) // the first frame comes at once, the next after a timer
	ti := textinput.New()
	timers := map[string]tea.Cmd{
		"tea.Tick":      tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil }),
		"tea.Every":     tea.Every(time.Hour, func(time.Time) tea.Msg { return nil }),
		"spinner":       frame,
		"status expiry": bar.Show(ui.StatusMsg{Text: "x"}),
		"cursor blink":  ti.Focus(),
		"analysis":      analyseTick(),
	}
	for name, c := range timers {
		if c == nil || !isTimerCmd(c) {
			t.Errorf("%s: %q is not recognised as a timer", name, cmdName(c))
		}
	}
	if c := ui.Report(ui.LevelInfo, "x"); isTimerCmd(c) {
		t.Errorf("a plain command %q is taken for a timer", cmdName(c))
	}
}

// Before the harness counted commands in flight it dropped a sequence's
// command after 40 ms and counted 10 ms of quiet as idle, so both of
// these messages were lost on a busy machine.
func TestDriveAwaitsSlowCommandsInBatchesAndSequences(t *testing.T) {
	a := loadedApp(t, newFake(1), 100, 30, false)
	drive(a, tea.Batch(slowStatus(150*time.Millisecond, "from a batch")))
	if m, _ := a.status.Message(); m.Text != "from a batch" {
		t.Fatalf("status %q: the batch's slow command was not awaited", m.Text)
	}
	drive(a, tea.Sequence(slowStatus(150*time.Millisecond, "first"), slowStatus(100*time.Millisecond, "second")))
	if m, _ := a.status.Message(); m.Text != "second" {
		t.Fatalf("status %q: the sequence's slow commands were not both awaited in order", m.Text)
	}
}

func TestDriveDoesNotWaitForTimers(t *testing.T) {
	a := loadedApp(t, newFake(1), 100, 30, false)
	done := make(chan error, 1)
	go func() {
		done <- driveApp(a, tea.Batch(tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil }), ui.Report(ui.LevelInfo, "now")), time.Minute)
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if m, _ := a.status.Message(); m.Text != "now" {
		t.Fatalf("status %q, want the message of the command beside the timer", m.Text)
	}
}

func TestDriveFailsNamingWhatIsStillInFlight(t *testing.T) {
	a := loadedApp(t, newFake(1), 100, 30, false)
	never := make(chan struct{})
	defer close(never)
	stuck := func() tea.Msg { <-never; return nil }
	err := driveApp(a, stuck, 200*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "TestDriveFailsNamingWhatIsStillInFlight") {
		t.Fatalf("error %v, want one naming the command in flight", err)
	}
}
