package views

import (
	"strings"
	"testing"
)

// policyConfig is the console on the seeded sandbox, as the admin user.
func policyConfig(be Backend) Config {
	return Config{Backend: be, Demo: true, Parallel: 4, Clock: sandboxClock}
}

// onlyReadsOverTLS is a deliberately wrong TLS statement: it denies only
// object reads, and not on the bucket itself.
const onlyReadsOverTLS = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "OnlyReads", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::acme-scratch/*",
    "Condition": {"Bool": {"aws:SecureTransport": "false"}}
  }]
}`

// noPolicyEditsForAdmin would deny the admin user the policy calls.
const noPolicyEditsForAdmin = `{"Version":"2012-10-17","Statement":[{"Sid":"NoPolicyEdits","Effect":"Deny",
 "Principal":{"AWS":"arn:aws:iam::111122223333:user/admin"},"Action":["s3:PutBucketPolicy","s3:DeleteBucketPolicy"],
 "Resource":"arn:aws:s3:::acme-scratch"}]}`

// The policy editor on a bucket without a policy, at 80x24: invalid text
// is kept and reopened; a wrong TLS statement is applied, explained in the
// Transit pane and shown as "wrong" in the grid, never counted; a
// lock-out is refused without the typed override; the policy is deleted
// after typing the bucket name.
func TestPolicyEditorSandbox(t *testing.T) {
	next, opened := scriptedEditor(t)
	d := newDriver(t, policyConfig(openSandbox(t)), 80, 24)
	det := d.open("acme-scratch", "Transit")
	d.mustRead("This console HTTPS", "TLS only no", "No bucket policy.")

	d.keys("p")
	d.mustRead("Bucket policy of acme-scratch", "No bucket policy. e writes one")
	next("{ not json")
	d.keys("e")
	d.mustRead("Your edit of the policy of acme-scratch (not applied)", "not a JSON object", "{ not json")
	if got := det.Title(); !strings.HasSuffix(got, "Transit › Policy: not applied") {
		t.Fatalf("title %q", got)
	}
	if len(*opened) != 1 || !strings.Contains((*opened)[0], `"Sid": "s3sec-DenyInsecureTransport"`) {
		t.Fatalf("a new policy starts from the TLS-only statement: %q", *opened)
	}

	next(onlyReadsOverTLS)
	d.keys("e")
	if (*opened)[1] != "{ not json" {
		t.Fatalf("the second edit must reopen the kept text, got %q", (*opened)[1])
	}
	d.mustRead("Plan: Replace the bucket policy of acme-scratch", "s3:PutBucketPolicy", "before → after:")
	d.keys("y")
	d.mustRead("read back from the bucket: the policy is in place, TLS only wrong")
	d.keys("enter")
	d.mustRead("TLS only no — the policy tries but falls short", "What is wrong",
		`statement "OnlyReads" denies only s3:GetObject`, "does not cover the bucket itself")
	if fs := d.a.overview.store.findings["acme-scratch"]; !hasFinding(fs, "tls-policy-wrong") || hasFinding(fs, "tls-not-enforced") {
		t.Fatalf("findings %+v, want tls-policy-wrong only", fs)
	}

	d.keys("p")
	next(noPolicyEditsForAdmin)
	d.keys("e")
	d.mustRead("Lock-out:", `statement "NoPolicyEdits" denies you`, `type "lock me out"`)
	d.typeText("y")
	d.keys("enter")
	d.mustRead(`that is not "lock me out": not confirmed`)
	d.keys("esc")
	d.mustRead("Canceled: nothing was changed. Your text is kept.", "NoPolicyEdits")
	d.keys("esc")
	d.mustRead("Bucket policy of acme-scratch", "OnlyReads")

	d.keys("d")
	d.mustRead("Plan: Delete the bucket policy of acme-scratch", "s3:DeleteBucketPolicy")
	d.keys("y") // not the bucket name: nothing happens
	d.mustRead("Delete the whole bucket policy of acme-scratch?")
	d.keys("backspace")
	d.typeText("acme-scratch")
	d.keys("enter")
	d.mustRead("read back from the bucket: no bucket policy")
	d.keys("enter", "esc")
	if got := tlsCell(t, d.screen(), "acme-scratch"); got != "no" {
		t.Fatalf("TLS cell after deleting the policy = %q\n%s", got, d.screen())
	}
	for i, f := range d.frames {
		for _, l := range strings.Split(f, "\n") {
			if len([]rune(l)) > 80 {
				t.Fatalf("frame %d wider than 80: %q", i, l)
			}
		}
		if n := strings.Count(f, "\n") + 1; n > 24 {
			t.Fatalf("frame %d has %d lines", i, n)
		}
	}
}

// Stop requiring TLS on a bucket whose policy is only the TLS statement:
// the plan deletes the policy, and the grid says no afterwards.
func TestRemoveTLSSandbox(t *testing.T) {
	d := newDriver(t, policyConfig(openSandbox(t)), 80, 24)
	d.open("acme-lifecycle-archive", "Transit")
	d.mustRead("TLS only yes", `by statement "DenyInsecureTransport"`)
	d.keys("d")
	d.mustRead("Plan: Stop requiring TLS for acme-lifecycle-archive", "s3:DeleteBucketPolicy", "No statement is left")
	d.keys("y")
	d.mustRead("read back from the bucket: TLS only no")
	d.keys("enter", "esc")
	if got := tlsCell(t, d.screen(), "acme-lifecycle-archive"); got != "no" {
		t.Fatalf("TLS cell = %q\n%s", got, d.screen())
	}
}

// Over plain HTTP, requiring TLS would deny the console itself: the plan
// is refused unless the override is typed, and y is not the override.
func TestEnforceTLSOverHTTPNeedsTheOverrideSandbox(t *testing.T) {
	d := newDriver(t, policyConfig(openSandboxHTTP(t)), 80, 24)
	d.open("acme-scratch", "Transit")
	d.mustRead("This console plain HTTP")
	d.keys("e", "n", "n")
	d.mustRead("Lock-out:", "over plain HTTP, which is how you connect", `type "lock me out"`)
	d.keys("y", "enter")
	d.mustRead(`not confirmed`)
	d.keys("esc") // back to the form, answers kept
	d.mustRead("Require TLS for acme-scratch", "Also deny TLS versions older than 1.2?")
	if s, _ := d.a.overview.store.get("acme-scratch"); s.Policy == nil || s.Policy.Present {
		t.Fatalf("a policy was written: %+v", s.Policy)
	}

	// With the override typed the lock-out happens, as the warning said:
	// the read-back over plain HTTP is refused.
	d.keys("n", "n")
	d.typeText(lockoutOverride)
	d.keys("enter")
	d.mustRead("✓ applied: Write the bucket policy", "✗ could not read the policy back: AccessDenied")
	d.keys("enter")
	d.mustRead("AccessDenied", "Refused over plain HTTP")
}

// A refused change returns to the Require TLS form with S3's answer and
// what to do, the answers kept.
func TestEnforceTLSRefusedReturnsToTheFormSandbox(t *testing.T) {
	d := newDriver(t, policyConfig(openSandbox(t, "s3:PutBucketPolicy")), 80, 24)
	d.open("acme-access-logs", "Transit")
	d.keys("e", "y", "n")
	d.mustRead("Plan: Require TLS for acme-access-logs")
	d.keys("y")
	d.mustRead("Not applied: Require TLS for acme-access-logs", "AccessDenied", "s3:PutBucketPolicy / s3:DeleteBucketPolicy")
	d.keys("enter")
	d.mustRead("✗ Not applied: AccessDenied", "Also deny TLS versions older than 1.2?")
	// The kept answers (yes, no) give three statements: the grant,
	// TLS-only and the minimum TLS version.
	d.keys("enter", "enter")
	d.mustRead("Plan: Require TLS for acme-access-logs", "3 statement(s)")
}
