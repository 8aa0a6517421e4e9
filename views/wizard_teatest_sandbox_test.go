package views

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
)

// The same story as TestSecureWizardWorstBucketSandbox, through the real
// Bubble Tea runtime at 80x24: acme-public-assets (the demo's worst bucket:
// CORS writable from any origin, TLS not required) is secured with the
// recommended answers in one plan, and the report shows no high or medium
// finding left.
func TestSecureWizardTeatestSandbox(t *testing.T) {
	keeper := screenKeeper{app: NewApp(Config{Backend: openSandbox(t), Demo: true, Parallel: 4, Clock: sandboxClock}), mu: &sync.Mutex{}, frame: new(string)}
	tm := teatest.NewTestModel(t, keeper, teatest.WithInitialTermSize(80, 24))
	keeper.waitScreen(t, "acme-public-assets", "w secure bucket")
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/")
	for _, r := range "public-assets" {
		typeKeys(tm, string(r))
	}
	typeKeys(tm, "enter", "w")
	var frame string
	for i := 1; i <= 5; i++ {
		frame = keeper.waitScreen(t, fmt.Sprintf("Step %d of 5", i), "(recommended)", "enter next", "esc back")
		checkFits(t, frame, 80, 24)
		if strings.Contains(frame, "CORS review") && !strings.Contains(frame, "Delete the CORS configuration (recommended)") {
			t.Errorf("deleting the wide-open CORS is not recommended:\n%s", frame)
		}
		typeKeys(tm, "enter")
	}
	frame = keeper.waitScreen(t, "Plan: Secure acme-public-assets", "y apply")
	checkFits(t, frame, 80, 24)
	typeKeys(tm, "y")
	frame = keeper.waitScreen(t, "Done: every step was applied", "0 high, 0 medium")
	checkFits(t, frame, 80, 24, "✓ applied: CORS review", "✓ applied: Require TLS")
	if !strings.Contains(frame, "1 high, 2 medium") {
		t.Errorf("the report does not show the findings before:\n%s", frame)
	}
	tm.Send(press("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}
