package views

import (
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// mfaConfig is a demo-like console on be with the test clock.
func mfaConfig(be Backend, clock *testClock) Config {
	return Config{Backend: be, Demo: true, Parallel: 4, Clock: clock.Now, DemoAuthenticator: demoAuth}
}

func TestEnableMFADeleteThenDeleteAVersionSandbox(t *testing.T) {
	clock := newTestClock()
	d := newDriver(t, mfaConfig(openSandboxAs(t, clock, true), clock), 100, 30)
	d.open("acme-ping", "Versioning & MFA")
	d.mustShow("MFA Delete", sandbox.DemoMFASerial)

	// The checklist first: every check passes for root on a versioned
	// bucket without lifecycle rules.
	d.keys("m")
	d.mustShow("Enable MFA Delete on acme-ping", "✓ Root user", "✓ HTTPS endpoint", "✓ No lifecycle rules", "✓ MFA device", "enter: continue")
	d.keys("enter")
	d.mustShow("Which MFA device", sandbox.DemoMFASerial, "Another device")
	d.keys("enter")
	preview := d.screen()
	for _, want := range []string{"Plan: Enable MFA Delete on acme-ping", "s3:PutBucketVersioning", "[needs MFA]", "MFA=" + sandbox.DemoMFASerial + " ******", "CODE"} {
		if !strings.Contains(preview, want) {
			t.Fatalf("plan preview: %q missing:\n%s", want, preview)
		}
	}
	d.keys("y")
	d.mustShow("MFA code for: Enable MFA Delete on acme-ping", "DEMO AUTHENTICATOR", "s left")
	code := clock.demoCode(t)
	d.typeText(code)
	d.keys("enter")
	d.mustShow("✓ read back from the bucket: versioning Enabled, MFA Delete Enabled")
	if s, _ := d.a.overview.store.get("acme-ping"); s.Versioning == nil || s.Versioning.MFADelete != awsops.MFADeleteEnabled {
		t.Fatalf("the store must hold the state read back: %+v", s.Versioning)
	}
	d.keys("enter") // close the outcome
	d.mustShow("MFA Delete            Enabled")

	// Permanently delete the only version of hello.txt: the prompt appears
	// because the bucket now has MFA Delete.
	for range 4 {
		d.keys("tab")
	}
	d.keys("v")
	d.mustShow("versions and delete markers", "hello.txt")
	d.keys("space", "D")
	d.mustShow("permanently delete 1 version", `type "acme-ping" or "delete"`)
	purgePreview := d.screen()
	d.typeText("delete")
	d.keys("enter")
	d.mustShow("MFA code for: Permanently delete version", "already used for this device")

	// The same window's code again: the sandbox refuses a reused code and
	// the prompt asks for the next one.
	d.typeText(code)
	d.keys("enter")
	d.mustShow("That code was already used", "Wait for the next code")
	clock.Advance(30 * time.Second)
	next := clock.demoCode(t)
	if next == code {
		t.Fatal("the next window must have another code")
	}
	// A typo in the new window: rejected, and the prompt asks for another
	// code now rather than sending the user to wait for the next window.
	typo := []byte(next)
	typo[5] = '0' + (typo[5]-'0'+1)%10
	d.typeText(string(typo))
	d.keys("enter")
	d.mustShow("That code was rejected — a typo, or it expired", "Type the code the device shows now")
	if scr := d.screen(); strings.Contains(scr, "already used for this device") || strings.Contains(scr, "Wait for the next code") {
		t.Fatalf("a mistyped code spends no window:\n%s", scr)
	}
	d.typeText(next)
	d.keys("enter")
	d.mustShow("✓ deleted version", "of hello.txt")
	d.keys("enter")
	d.mustShow("The bucket is empty.")

	// The code never reaches the plan preview, the status bar or an error.
	for _, c := range []string{code, next} {
		for what, text := range map[string]string{"plan preview": preview, "delete preview": purgePreview, "status messages": d.log.text(), "last error": d.a.status.LastError} {
			if strings.Contains(text, c) {
				t.Errorf("the MFA code %s appears in the %s:\n%s", c, what, text)
			}
		}
	}
	if !strings.Contains(d.log.text(), "MFA Delete enabled on acme-ping") || !strings.Contains(d.log.text(), "already used: AWS accepts each code once") || !strings.Contains(d.log.text(), "rejected (a typo, or it expired)") {
		t.Errorf("status messages:\n%s", d.log.text())
	}
}

func TestAdminGetsTheRootOnlyExplanationSandbox(t *testing.T) {
	clock := newTestClock()
	d := newDriver(t, mfaConfig(openSandboxAs(t, clock, false), clock), 100, 30)
	d.open("acme-ping", "Versioning & MFA")
	d.keys("m")
	d.mustShow("✗ Root user", "Cannot continue")
	// Why, and that aws:MultiFactorAuthPresent policies are another thing.
	d.mustRead("only the bucket owner's root user can enable or disable MFA Delete", "aws:MultiFactorAuthPresent condition are a different mechanism")
	d.keys("enter") // blocked: enter does nothing
	d.mustShow("Cannot continue")
	d.keys("esc")
	if det := d.a.top().(*Detail); det.flow != nil {
		t.Fatal("esc must close the blocked flow")
	}
	if strings.Contains(d.log.text(), "AccessDenied") {
		t.Errorf("no request may have been refused; status messages:\n%s", d.log.text())
	}
	// Enrollment is root-only and says so.
	d.keys("n")
	if !strings.Contains(d.log.text(), "only the root user enrolls") {
		t.Errorf("n must explain that only root enrolls:\n%s", d.log.text())
	}
}

func TestLifecycleRulesBlockMFADeleteSandbox(t *testing.T) {
	clock := newTestClock()
	d := newDriver(t, mfaConfig(openSandboxAs(t, clock, true), clock), 100, 30)
	d.open("acme-lifecycle-archive", "Versioning & MFA")
	d.keys("m")
	d.mustShow("✓ Root user", "✗ No lifecycle rules", "delete-bucket-lifecycle", "Cannot continue")
}

func TestBlockedChecklistFitsAndScrollsSandbox(t *testing.T) {
	clock := newTestClock()
	be := openSandboxAs(t, clock, false)
	d := newDriver(t, mfaConfig(be, clock), 80, 24)
	d.open("acme-ping", "Versioning & MFA")
	d.keys("m")
	// At 80x24 the whole checklist and its verdict fit.
	d.mustShow("✗ Root user", "✗ MFA device", "Cannot continue", "esc closes")

	// Shorter, the explanation scrolls and the verdict stays.
	d = newDriver(t, mfaConfig(be, clock), 80, 16)
	det := d.open("acme-ping", "Versioning & MFA")
	d.keys("m")
	d.mustShow("✗ Root user", "Cannot continue", "esc closes", "↑↓ to scroll")
	f := det.flow.(*mfaDeleteFlow)
	for range 20 {
		d.keys("down")
	}
	if f.offset != f.maxOffset || f.maxOffset == 0 {
		t.Fatalf("offset %d after scrolling past the end, max %d", f.offset, f.maxOffset)
	}
	d.mustShow("✗ MFA device", "Cannot continue")
	d.keys("up")
	if f.offset != f.maxOffset-1 {
		t.Fatalf("one up after the end must scroll at once: offset %d, max %d", f.offset, f.maxOffset)
	}
}
