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

// screenKeeper runs the App and keeps its latest frame without styles, so
// a flow can wait for what is on screen between key presses (the output
// stream holds only the cells that changed).
type screenKeeper struct {
	app   *App
	mu    *sync.Mutex
	frame *string
}

// Init implements tea.Model.
func (s screenKeeper) Init() tea.Cmd { return s.app.Init() }

// Update implements tea.Model.
func (s screenKeeper) Update(m tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := s.app.Update(m)
	return s, cmd
}

// View implements tea.Model.
func (s screenKeeper) View() tea.View {
	v := s.app.View()
	s.mu.Lock()
	*s.frame = ansi.Strip(v.Content)
	s.mu.Unlock()
	return v
}

// screen returns the latest frame.
func (s screenKeeper) screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.frame
}

// waitScreen waits until the frame holds every one of want, and returns it.
func (s screenKeeper) waitScreen(t *testing.T, want ...string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		out := s.screen()
		missing := ""
		for _, w := range want {
			if !strings.Contains(out, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q; last frame:\n%s", missing, out)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The logging story at 80x24 in the demo: acme-ping and acme-pong log into
// each other. The Logging pane names the chain; keeping the target keeps
// the loop, which the plan warns about and asks twice for; choosing
// acme-scratch instead gives a plan without the loop (and with the merge of
// the delivery permission into acme-scratch's policy); once applied, the
// grid no longer marks the pair as a loop.
func TestLoggingFixLoopTeatestSandbox(t *testing.T) {
	keeper := screenKeeper{app: NewApp(Config{Backend: openSandbox(t), Demo: true, Parallel: 4, Clock: sandboxClock}), mu: &sync.Mutex{}, frame: new(string)}
	tm := teatest.NewTestModel(t, keeper, teatest.WithInitialTermSize(80, 24))
	const at = "s3sec: Buckets /ping › acme-ping › Logging"
	waitTitle(t, tm, "s3sec: Buckets")
	// The grid marks the pair; the selected one's whole chain is named under it.
	typeKeys(tm, "down", "down")
	keeper.waitScreen(t, "↻ logging loop: acme-ping → acme-pong → acme-ping")
	typeKeys(tm, "up", "up")

	typeKeys(tm, "/", "p", "i", "n", "g", "enter", "enter", "tab", "tab", "tab")
	waitTitle(t, tm, at)
	keeper.waitScreen(t, "Logging loop: acme-ping → acme-pong → acme-ping", "Logged into by", "e configure logging", "d turn logging off")

	// Keep the target: the plan warns of the loop and asks a second time.
	typeKeys(tm, "e")
	waitTitle(t, tm, at+" › Configure logging: target")
	keeper.waitScreen(t, "acme-pong  (logs → acme-ping)", "acme-scratch", "Type another bucket name…")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Configure logging: prefix")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Configure logging: key format")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Configure logging: plan")
	keeper.waitScreen(t, "keeps a logging loop: acme-ping → acme-pong → acme-ping")
	typeKeys(tm, "y")
	waitTitle(t, tm, at+" › Configure logging: confirm again")
	keeper.waitScreen(t, "Second confirmation", "Keep it anyway?")
	typeKeys(tm, "n")
	waitTitle(t, tm, at)

	// Fix it: acme-scratch, one below acme-pong, logs nowhere.
	typeKeys(tm, "e")
	waitTitle(t, tm, at+" › Configure logging: target")
	typeKeys(tm, "down", "enter")
	waitTitle(t, tm, at+" › Configure logging: prefix")
	typeKeys(tm, "enter", "enter")
	waitTitle(t, tm, at+" › Configure logging: plan")
	plan := keeper.waitScreen(t, "Send the access logs of acme-ping to acme-scratch", "s3:PutBucketPolicy")
	if strings.Contains(plan, "loop") {
		t.Fatalf("the plan to a proper target still warns of a loop:\n%s", plan)
	}
	typeKeys(tm, "y")
	waitTitle(t, tm, at)
	pane := keeper.waitScreen(t, "Target bucket         acme-scratch", "Logs to               acme-scratch")
	if strings.Contains(pane, "Logging loop") {
		t.Fatalf("the pane still shows a loop:\n%s", pane)
	}

	typeKeys(tm, "esc", "esc")
	waitTitle(t, tm, "s3sec: Buckets")
	grid := keeper.waitScreen(t, "all facets loaded")
	for _, l := range strings.Split(grid, "\n") {
		if (strings.Contains(l, "acme-ping ") || strings.Contains(l, "acme-pong ")) && strings.Contains(l, "↻") {
			t.Fatalf("the grid still marks the pair as a loop:\n%s", grid)
		}
	}
	tm.Send(press("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}

// A typed target in another region: the plan already says S3 will refuse
// it; applied anyway, S3's own code and what to do are shown, and enter
// goes back to the form with the answers kept.
func TestLoggingCrossRegionRefusalTeatestSandbox(t *testing.T) {
	keeper := screenKeeper{app: NewApp(Config{Backend: openSandbox(t), Demo: true, Parallel: 4, Clock: sandboxClock}), mu: &sync.Mutex{}, frame: new(string)}
	tm := teatest.NewTestModel(t, keeper, teatest.WithInitialTermSize(80, 24))
	const at = "s3sec: Buckets /ping › acme-ping › Logging"
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "p", "i", "n", "g", "enter", "enter", "tab", "tab", "tab", "e")
	waitTitle(t, tm, at+" › Configure logging: target")
	typeKeys(tm, "down", "down", "down", "down", "enter") // from acme-pong down to "Type another bucket name…"
	waitTitle(t, tm, at+" › Configure logging: typed target")
	typeKeys(tm, strings.Split("acme-selflog", "")...)
	typeKeys(tm, "enter", "enter", "enter")
	waitTitle(t, tm, at+" › Configure logging: plan")
	keeper.waitScreen(t, "S3 will refuse this change", "CrossLocationLoggingProhibitted")
	typeKeys(tm, "y")
	waitTitle(t, tm, at+" › Configure logging: failed")
	keeper.waitScreen(t, "CrossLocationLoggingProhibitted: Cross S3 location logging not allowed.", "only within one region")
	typeKeys(tm, "enter") // back to the form: the refusal above it, the typed name kept
	waitTitle(t, tm, at+" › Configure logging: target")
	keeper.waitScreen(t, "✗ Send the access logs of acme-ping to acme-selflog failed", "› Type another bucket name…")
	typeKeys(tm, "enter")
	keeper.waitScreen(t, "Target bucket name", "acme-selflog")
	typeKeys(tm, "esc")
	waitTitle(t, tm, at)
	tm.Send(press("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}
