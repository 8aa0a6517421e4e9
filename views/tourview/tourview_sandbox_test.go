package tourview_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/views/tour/tourtest"
	"github.com/s3sec/s3sec/views/tourview"
)

func key(k string) tea.KeyPressMsg {
	if k == "ctrl+c" {
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{Code: rune(k[0]), Text: k}
}

func waitTitle(t *testing.T, tm *teatest.TestModel, title string) {
	t.Helper()
	want := []byte(ansi.SetWindowTitle(title))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, want) },
		teatest.WithDuration(60*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// TestTourFirstSteps drives the first steps through the keys at 80x24 (the
// panel under the screen), at a narrow 60 columns and wide (panel beside):
// n performs, n again moves on, b goes back to the step's kept result;
// every frame fits the terminal.
func TestTourFirstSteps(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {60, 24}, {120, 30}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			env, srv := tourtest.NewEnv(t, 50)
			tm := teatest.NewTestModel(t, tourview.New(context.Background(), env), teatest.WithInitialTermSize(size.w, size.h))
			waitTitle(t, tm, "s3sec tour 1/9")
			tm.Send(key("n"))
			waitTitle(t, tm, "s3sec tour 1/9 (done)")
			tm.Send(key("n"))
			waitTitle(t, tm, "s3sec tour 2/9")
			tm.Send(key("n"))
			waitTitle(t, tm, "s3sec tour 2/9 (done)")
			if c := srv.KMSCalls("tour-kms-no-bucket-key"); c.GenerateDataKey != 50 {
				t.Errorf("KMS calls without a bucket key after step 2: %+v, want 50 GenerateDataKey", c)
			}
			if c := srv.KMSCalls("tour-kms-bucket-key"); c.GenerateDataKey != 1 {
				t.Errorf("KMS calls with a bucket key after step 2: %+v, want 1 GenerateDataKey", c)
			}
			tm.Send(key("b"))
			waitTitle(t, tm, "s3sec tour 1/9 (done)")
			frame := quit(t, tm)
			t.Logf("final frame:\n%s", frame)
			checkFits(t, frame, size.w, size.h)
			for _, want := range []string{"1/9", "stored as SSE-S3", "What", "n next", "r reset", "q quit"} {
				if !strings.Contains(frame, want) {
					t.Errorf("step 1 after b lacks %q:\n%s", want, frame)
				}
			}
		})
	}
}

// TestTourReset: r asks, y resets the sandbox to its seeded state and the
// tour starts again.
func TestTourReset(t *testing.T) {
	env, _ := tourtest.NewEnv(t, 50)
	tm := teatest.NewTestModel(t, tourview.New(context.Background(), env), teatest.WithInitialTermSize(80, 24))
	waitTitle(t, tm, "s3sec tour 1/9")
	tm.Send(key("n"))
	waitTitle(t, tm, "s3sec tour 1/9 (done)")
	if _, err := env.S3.BucketRegion(context.Background(), "tour-new-bucket"); err != nil {
		t.Fatalf("step 1 did not create its bucket: %v", err)
	}
	tm.Send(key("r"))
	tm.Send(key("y"))
	waitTitle(t, tm, "s3sec tour 1/9")
	frame := quit(t, tm)
	checkFits(t, frame, 80, 24)
	if !strings.Contains(frame, "Demo data reset") || !strings.Contains(frame, "n perform step") {
		t.Errorf("after r, y:\n%s", frame)
	}
	if _, err := env.S3.BucketRegion(context.Background(), "tour-new-bucket"); err == nil {
		t.Error("the tour's bucket survived the reset")
	}
}

func quit(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(key("ctrl+c"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	return ansi.Strip(m.(*tourview.Model).View().Content)
}

func checkFits(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) > h {
		t.Errorf("frame has %d lines, terminal %d:\n%s", len(lines), h, frame)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d cells wide, terminal %d: %q", i, n, w, l)
		}
	}
}

// TestTourOpensTheRealConsole: after a step, c shows the console itself on
// the step's bucket and pane (here tour-new-bucket's Encryption pane, read
// from the sandbox), and q comes back to the tour where it was.
func TestTourOpensTheRealConsole(t *testing.T) {
	env, _ := tourtest.NewEnv(t, 50)
	tm := teatest.NewTestModel(t, tourview.New(context.Background(), env), teatest.WithInitialTermSize(80, 24))
	waitTitle(t, tm, "s3sec tour 1/9")
	tm.Send(key("n"))
	waitTitle(t, tm, "s3sec tour 1/9 (done)")
	tm.Send(key("c"))
	waitTitle(t, tm, "s3sec: Buckets › tour-new-bucket › Encryption")
	tm.Send(key("q"))
	waitTitle(t, tm, "s3sec tour 1/9 (done)")
	frame := quit(t, tm)
	checkFits(t, frame, 80, 24)
	if !strings.Contains(frame, "Back from the console") || !strings.Contains(frame, "c see it in the console") {
		t.Errorf("after q in the console:\n%s", frame)
	}
}

// TestTourScrollsWhenNarrow: at 60x24 the step's result and its panel do
// not fit together; the footer offers ↑↓, and scrolling to the end shows
// the panel's last section.
func TestTourScrollsWhenNarrow(t *testing.T) {
	env, _ := tourtest.NewEnv(t, 50)
	tm := teatest.NewTestModel(t, tourview.New(context.Background(), env), teatest.WithInitialTermSize(60, 24))
	waitTitle(t, tm, "s3sec tour 1/9")
	tm.Send(key("n"))
	waitTitle(t, tm, "s3sec tour 1/9 (done)")
	for range 40 {
		tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	frame := quit(t, tm)
	checkFits(t, frame, 60, 24)
	for _, want := range []string{"In the console", "Encryption pane", "↑↓ scroll"} {
		if !strings.Contains(frame, want) {
			t.Errorf("scrolled to the end, the frame lacks %q:\n%s", want, frame)
		}
	}
	if strings.Contains(frame, "more lines") {
		t.Errorf("scrolled to the end but more lines are announced:\n%s", frame)
	}
}
