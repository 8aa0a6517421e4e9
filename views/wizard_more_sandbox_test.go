package views

import (
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// A step that fails mid-plan stops the rest, and the report says exactly
// what was applied (versioning), what failed (logging, with S3's error)
// and what was not applied (the TLS policy); the bucket read again agrees.
func TestSecureWizardFailureMidPlanSandbox(t *testing.T) {
	be := openSandboxWith(t, sandbox.Options{Seed: true, Clock: sandboxClock, FailOperations: []string{"PutBucketLogging"}})
	d := newDriver(t, Config{Backend: be, Demo: true, Parallel: 4, Clock: sandboxClock}, 80, 24)
	w := d.openWizardOn("acme-selflog")
	d.acceptRecommended(w)
	var apis []string
	for _, s := range w.plan.Steps {
		apis = append(apis, s.API)
	}
	if got := strings.Join(apis, " "); got != "s3:PutBucketVersioning s3:PutBucketLogging s3:PutBucketPolicy" {
		t.Fatalf("plan steps = %s", got)
	}
	d.keys("y")
	frame := d.screen()
	checkFits(t, frame, 80, 24,
		"Stopped: a step failed, the rest was not applied",
		"✓ applied: Versioning: Enable versioning",
		"✗ failed: Access logging: Turn access logging off",
		"InternalError: We encountered an internal error",
		"○ not applied: Require TLS (bucket policy): Write the bucket policy",
		"esc")
	if strings.Contains(frame, "✓ applied: Access logging") || strings.Contains(frame, "✓ applied: Require TLS") {
		t.Errorf("a step after the failure is reported applied:\n%s", frame)
	}
	a := w.after
	if a == nil || a.Versioning == nil || a.Logging == nil || a.Policy == nil {
		t.Fatalf("the bucket was not read again:\n%s", frame)
	}
	if a.Versioning.Status != awsops.VersioningEnabled || !a.Logging.Enabled || a.Policy.TLSEnforced {
		t.Errorf("read back: versioning %s, logging %v, TLS %v; want Enabled, still on, not enforced", a.Versioning.Status, a.Logging.Enabled, a.Policy.TLSEnforced)
	}
}

// New secure bucket: the name is checked as typed and against S3, then the
// same steps create a bucket with the chosen settings.
func TestNewSecureBucketWizardSandbox(t *testing.T) {
	d := newDriver(t, Config{Backend: openSandbox(t), Demo: true, Parallel: 4, Clock: sandboxClock}, 80, 24)
	d.keys("c")
	w, ok := d.a.top().(*wizard)
	if !ok || !w.create {
		t.Fatalf("c did not open New secure bucket:\n%s", d.screen())
	}
	d.typeText("Acme")
	checkFits(t, d.screen(), 80, 24, `"A" is not allowed`, "enter", "region")
	d.keys("backspace", "backspace", "backspace", "backspace")
	d.typeText("acme-scratch")
	d.keys("enter")
	if !strings.Contains(d.screen(), "You already own acme-scratch") {
		t.Fatalf("an existing name is not refused:\n%s", d.screen())
	}
	for range "acme-scratch" {
		d.keys("backspace")
	}
	const name = "acme-new-secure"
	d.typeText(name)
	checkFits(t, d.screen(), 80, 24, "follows S3's naming rules", "Region us-east-1")
	d.keys("enter")
	if w.stage != wizSteps || w.bucket != name {
		t.Fatalf("a free name did not lead to the steps (stage %d):\n%s", w.stage, d.screen())
	}
	// Encryption: choose SSE-KMS with the customer key alias/acme-records.
	enc := w.steps[w.cur]
	if enc.id != "encryption" {
		t.Fatalf("first step is %s", enc.id)
	}
	for enc.choices[enc.pick].label != "SSE-KMS with bucket key, key alias/acme-records" {
		if enc.pick == len(enc.choices)-1 {
			t.Fatalf("alias/acme-records is not offered:\n%s", d.screen())
		}
		d.keys("down")
	}
	d.acceptRecommended(w)
	var apis []string
	for _, s := range w.plan.Steps {
		apis = append(apis, s.API)
	}
	if got := strings.Join(apis, " "); got != "s3:CreateBucket s3:PutBucketEncryption s3:PutBucketVersioning s3:PutBucketPolicy" {
		t.Fatalf("plan steps = %s\n%s", got, d.screen())
	}
	if !strings.Contains(w.plan.CLIScript(), "aws s3api create-bucket --bucket acme-new-secure --region us-east-1\n") {
		t.Errorf("the plan lacks the CLI equivalent of CreateBucket:\n%s", w.plan.CLIScript())
	}
	d.keys("y")
	checkFits(t, d.screen(), 80, 24, "Done: every step was applied", "0 high, 0 medium")
	a := w.after
	if a == nil || a.Encryption == nil || a.Versioning == nil || a.Policy == nil || a.PublicAccessBlock == nil {
		t.Fatalf("the new bucket was not read:\n%s", d.screen())
	}
	if a.Encryption.Algorithm != awsops.AlgorithmKMS || a.Encryption.KMSKeyID != "alias/acme-records" || !a.Encryption.BucketKey {
		t.Errorf("encryption = %+v, want SSE-KMS alias/acme-records with bucket key", *a.Encryption)
	}
	if a.Versioning.Status != awsops.VersioningEnabled || !a.Policy.TLSEnforced || !a.PublicAccessBlock.AllOn() {
		t.Errorf("versioning %s, TLS %v, PAB %+v", a.Versioning.Status, a.Policy.TLSEnforced, *a.PublicAccessBlock)
	}
	if _, listed := d.a.overview.store.get(name); !listed {
		t.Error("the overview does not list the new bucket")
	}
}

// As the root user, MFA Delete is offered; the plan asks for one MFA code
// for all its steps, and versioning and MFA Delete are on afterwards.
func TestSecureWizardRootOneMFAPromptSandbox(t *testing.T) {
	clock := newTestClock()
	d := newDriver(t, mfaConfig(openSandboxAs(t, clock, true), clock), 80, 24)
	det := d.open("acme-suspended", "Overview")
	d.keys("w") // from the detail screen this time
	w, ok := d.a.top().(*wizard)
	if !ok || w.bucket != det.bucket {
		t.Fatalf("w on the detail did not open the wizard:\n%s", d.screen())
	}
	d.acceptRecommended(w)
	if !w.plan.NeedsMFA() {
		t.Fatalf("the root user's plan does not enable MFA Delete:\n%s", d.screen())
	}
	d.keys("y")
	checkFits(t, d.screen(), 80, 24, "MFA code for: Secure acme-suspended", "One code for every step that needs MFA")
	d.typeText(clock.demoCode(t))
	d.keys("enter")
	checkFits(t, d.screen(), 80, 24, "Done: every step was applied", "Enabled, MFA Delete Enabled")
	if w.after == nil || w.after.Versioning.MFADelete != awsops.MFADeleteEnabled || w.after.Versioning.Status != awsops.VersioningEnabled {
		t.Fatalf("read back: %+v", w.after)
	}
	for _, f := range w.afterFindings {
		if f.Severity >= awsops.SeverityMedium {
			t.Errorf("still %s %s", f.Severity, f.ID)
		}
	}
}

// esc walks back through the steps, answers kept, and leaves from the
// first; a plan where every answer keeps the setting says there is nothing
// to change, and n goes back.
func TestSecureWizardBackAndNothingToChangeSandbox(t *testing.T) {
	d := newDriver(t, Config{Backend: openSandbox(t), Demo: true, Parallel: 4, Clock: sandboxClock}, 80, 24)
	w := d.openWizardOn("acme-selflog")
	first := w.cur
	d.keys("enter", "down") // versioning: Leave versioning off
	second := w.cur
	d.keys("esc")
	if w.cur != first {
		t.Fatalf("esc did not go back to the first step:\n%s", d.screen())
	}
	d.keys("enter")
	if w.cur != second || w.steps[second].pick != 1 {
		t.Fatalf("the answer of step %d was not kept (pick %d)", second, w.steps[second].pick)
	}
	for w.stage == wizSteps { // keep every setting as it is
		s := w.steps[w.cur]
		for s.choices[s.pick].build != nil {
			d.keys("down")
		}
		d.keys("enter")
	}
	checkFits(t, d.screen(), 80, 24, "Nothing to change", "esc goes back")
	d.keys("n")
	if w.stage != wizSteps {
		t.Fatalf("n did not go back to the steps:\n%s", d.screen())
	}
	for w.stage == wizSteps {
		d.keys("esc")
		if _, ok := d.a.top().(*wizard); !ok {
			break
		}
	}
	if _, ok := d.a.top().(*Overview); !ok {
		t.Fatalf("esc from the first step did not leave the wizard:\n%s", d.screen())
	}
}

// Keeping acme-ping's logs in acme-pong keeps their loop: the logging plan's
// what-if (after the target is probed) asks a second question before
// anything is applied, and "no" returns to the plan.
func TestSecureWizardLoggingLoopAsksTwiceSandbox(t *testing.T) {
	d := newDriver(t, Config{Backend: openSandbox(t), Demo: true, Parallel: 4, Clock: sandboxClock}, 80, 24)
	w := d.openWizardOn("acme-ping")
	for w.stage == wizSteps {
		s := w.steps[w.cur]
		if s.id == "logging" {
			if s.choices[0].label != "Turn access logging off" {
				t.Errorf("ending the loop is not recommended: %q", s.choices[0].label)
			}
			for s.choices[s.pick].label != "Send the logs to acme-pong" {
				d.keys("down")
			}
			checkFits(t, d.screen(), 80, 24, "▸ Send the logs to acme-pong", "access logs loop")
		}
		d.keys("enter")
	}
	if w.plan.SecondConfirm == "" || !strings.Contains(w.plan.SecondConfirm, "acme-pong") {
		t.Fatalf("no second question for the kept loop: %q\n%s", w.plan.SecondConfirm, d.screen())
	}
	d.keys("y")
	checkFits(t, d.screen(), 80, 24, "Keep it anyway?", "Yes, apply")
	d.keys("n")
	if w.stage != wizConfirm || len(w.stepErr) != 0 {
		t.Fatalf("n on the second question did not return to the plan unapplied (stage %d)", w.stage)
	}
}

// On an endpoint that accepts MFA Delete but ignores it (as MinIO), the
// wizard's read-back says so loudly instead of reporting the plan done.
func TestSecureWizardIgnoredMFADeleteIsNotDoneSandbox(t *testing.T) {
	clock := newTestClock()
	d := newDriver(t, mfaConfig(openLaxSandboxAsRoot(t, clock, sandbox.Options{IgnoreMFADelete: true}), clock), 80, 24)
	d.open("acme-suspended", "Overview")
	d.keys("w")
	w, ok := d.a.top().(*wizard)
	if !ok {
		t.Fatalf("w did not open the wizard:\n%s", d.screen())
	}
	d.acceptRecommended(w)
	d.keys("y")
	d.typeText(clock.demoCode(t))
	d.keys("enter")
	screen := d.screen()
	checkFits(t, screen, 80, 24, "Applied, but the endpoint does not keep every setting", "NOT IN FORCE")
	if strings.Contains(screen, "Done: every step was applied") {
		t.Errorf("an ignored MFA Delete was reported done:\n%s", screen)
	}
	if len(w.verify.Failed()) == 0 {
		t.Errorf("no failed check: %+v", w.verify)
	}
}
