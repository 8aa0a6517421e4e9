package views

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/sandbox"
)

// esc while the Objects pane lists (here: the next page, against a slow
// endpoint) cancels the listing and stays on the pane, in the bucket.
func TestEscWhileObjectsListStaysOnThePaneSandbox(t *testing.T) {
	be := openSandboxWith(t, sandbox.Options{Seed: true, Clock: sandboxClock, Latency: 300 * time.Millisecond})
	app := NewApp(Config{Backend: be, Demo: true, Parallel: 4, Clock: sandboxClock})
	app.objectsPageSize = 1
	tm := startConsoleApp(t, app, 100, 30)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "e", "c", "u", "r", "e", "enter", "enter", "shift+tab")
	const at = "s3sec: Buckets /secure › acme-secure-records › Objects · "
	waitTitle(t, tm, at+"page 1")
	typeKeys(tm, "n")
	waitTitle(t, tm, at+"page 2 (loading)")
	typeKeys(tm, "esc")
	waitTitle(t, tm, at+"page 2")
	out := quitAndRender(t, tm)
	if !strings.Contains(out, "Listing canceled") || !strings.Contains(out, "Objects · keys") {
		t.Fatalf("esc while listing must cancel and stay on the Objects pane:\n%s", out)
	}
}

// startConsoleApp runs app under teatest.
func startConsoleApp(t *testing.T, app *App, w, h int) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, app, teatest.WithInitialTermSize(w, h))
}
