package views

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/sandbox"
)

// A fleet fix whose steps need MFA, as the root user: MFA Delete on
// acme-ping and acme-ssec-vault. The first bucket takes the code typed;
// AWS accepts a code once, so the second bucket asks again, saying the
// code was used, and takes the next window's code. Both are applied.
func TestFleetFixMFAAsksPerWindowSandbox(t *testing.T) {
	clock := newTestClock()
	rec := frameRecorder{app: NewApp(mfaConfig(openSandboxAs(t, clock, true), clock)), mu: &sync.Mutex{}, frames: new([]string)}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	waitTitle(t, tm, "s3sec: Buckets")
	// Sorted by name: acme-ping is row 3, acme-ssec-vault 9.
	typeKeys(tm, "home", "down", "down", "space", "down", "down", "down", "down", "down", "space")
	waitFrame(t, rec, "2 marked")
	typeKeys(tm, "f")
	waitTitle(t, tm, "s3sec: Buckets › Fleet fix: choose")
	chooseKind(t, tm, rec, "mfa-delete-off")
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: plan")
	if plan := waitFrame(t, rec, "Plan: Fix mfa-delete-off on 2 buckets"); !strings.Contains(plan, "needs an MFA code") {
		t.Errorf("the plan does not say it needs MFA:\n%s", plan)
	}
	typeKeys(tm, "y")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: MFA")
	waitFrame(t, rec, "bucket 1 of 2")
	typeKeys(tm, strings.Split(clock.demoCode(t), "")...)
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: MFA")
	second := waitFrame(t, rec, "bucket 2 of 2")
	if !strings.Contains(second, "✓ acme-ping: applied") {
		t.Errorf("the second prompt does not show the first bucket applied:\n%s", second)
	}
	clock.Advance(30 * time.Second) // the first code was accepted: the next window's
	typeKeys(tm, strings.Split(clock.demoCode(t), "")...)
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: done")
	done := waitFrame(t, rec, "2 applied, 0 failed, 0 not applied")
	for _, want := range []string{"✓ acme-ping: applied", "✓ acme-ssec-vault: applied"} {
		if !strings.Contains(done, want) {
			t.Errorf("done frame lacks %q:\n%s", want, done)
		}
	}
	tm.Send(press("ctrl+c"))
	tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
}

// A mistyped code is refused by S3 and changes nothing: the fleet fix asks
// again for the same bucket instead of failing, and the right code applies it.
func TestFleetFixMFAWrongCodeAsksAgainSandbox(t *testing.T) {
	clock := newTestClock()
	rec := frameRecorder{app: NewApp(mfaConfig(openSandboxAs(t, clock, true), clock)), mu: &sync.Mutex{}, frames: new([]string)}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "home", "down", "down", "space") // acme-ping
	waitFrame(t, rec, "1 marked")
	typeKeys(tm, "f")
	waitTitle(t, tm, "s3sec: Buckets › Fleet fix: choose")
	chooseKind(t, tm, rec, "mfa-delete-off")
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: plan")
	typeKeys(tm, "y")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: MFA")
	right := clock.demoCode(t)
	wrong := "000000"
	if right == wrong {
		wrong = "111111"
	}
	typeKeys(tm, strings.Split(wrong, "")...)
	typeKeys(tm, "enter")
	// Applying and asking again may render as one frame: the prompt's message tells.
	if again := waitFrame(t, rec, "That code was rejected"); !strings.Contains(again, "bucket 1 of 1") {
		t.Errorf("the second prompt is not for the same bucket:\n%s", again)
	}
	typeKeys(tm, strings.Split(right, "")...)
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: done")
	waitFrame(t, rec, "1 applied, 0 failed, 0 not applied")
	tm.Send(press("ctrl+c"))
	tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
}

// On an endpoint that accepts MFA Delete and ignores it, the fleet fix
// reads it back and says the fix is not in force, never "applied" alone.
func TestFleetFixIgnoredMFADeleteNotInForceSandbox(t *testing.T) {
	clock := newTestClock()
	rec := frameRecorder{app: NewApp(mfaConfig(openLaxSandboxAsRoot(t, clock, sandbox.Options{IgnoreMFADelete: true}), clock)), mu: &sync.Mutex{}, frames: new([]string)}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "home", "down", "down", "space") // acme-ping
	waitFrame(t, rec, "1 marked")
	typeKeys(tm, "f")
	waitTitle(t, tm, "s3sec: Buckets › Fleet fix: choose")
	chooseKind(t, tm, rec, "mfa-delete-off")
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: plan")
	typeKeys(tm, "y")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: MFA")
	typeKeys(tm, strings.Split(clock.demoCode(t), "")...)
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets › Fix mfa-delete-off: done")
	done := waitFrame(t, rec, "1 applied but not in force on this endpoint")
	if !strings.Contains(done, "✗ acme-ping: applied, NOT IN FORCE") {
		t.Errorf("the done frame does not say the fix is not in force:\n%s", done)
	}
	tm.Send(press("ctrl+c"))
	tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
}
