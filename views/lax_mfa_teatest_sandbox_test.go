package views

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/sandbox"
)

// openLaxSandboxAsRoot is openSandboxAs for the root user on a sandbox
// started with opts (a lax endpoint), seeded and on clock.
func openLaxSandboxAsRoot(t *testing.T, clock *testClock, opts sandbox.Options) Backend {
	t.Helper()
	opts.Seed, opts.Clock = true, clock.Now
	be, _ := openSandboxSession(t, opts, true)
	return be
}

// On an endpoint that accepts MFA Delete and ignores it (as MinIO), the
// MFA Delete flow at 80x24 ends with the loud warning from the read-back
// and the probe, never with "MFA Delete enabled".
func TestIgnoredMFADeleteEndsLoudTeatestSandbox(t *testing.T) {
	clock := newTestClock()
	log := &statusLog{}
	app := NewApp(mfaConfig(openLaxSandboxAsRoot(t, clock, sandbox.Options{IgnoreMFADelete: true}), clock))
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
	typeKeys(tm, strings.Split(clock.demoCode(t), "")...)
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+"Versioning & MFA › Enable MFA Delete: done")

	tm.Send(press("ctrl+c")) // q would close the outcome
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(recorder).app
	out := ansi.Strip(final.View().Content)
	if !strings.Contains(out, "✗ NOT IN FORCE") {
		t.Errorf("the outcome must say loudly that MFA Delete is not in force:\n%s", out)
	}
	msgs := log.text()
	const loud = "the endpoint accepted MFA Delete but does not report it enabled: it is not enforced here"
	if !strings.Contains(msgs, loud) {
		t.Errorf("status messages lack %q:\n%s", loud, msgs)
	}
	if strings.Contains(msgs, "MFA Delete enabled on acme-ping") {
		t.Errorf("an ignored MFA Delete was reported as enabled:\n%s", msgs)
	}
	if strings.Contains(out, "MFA Delete  Enabled") || strings.Contains(out, "MFA Delete: Enabled") {
		t.Errorf("the screen shows MFA Delete enabled:\n%s", out)
	}
}
