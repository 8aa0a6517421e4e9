package cmd

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/sandbox"
)

// fixSandbox is cpSandbox with the change journal in a temporary state
// directory; it returns the journal's path.
func fixSandbox(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	srv := cpSandbox(t)
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	return srv, filepath.Join(state, "s3sec", "journal.jsonl")
}

// tlsBuckets are three demo buckets without a TLS-only policy.
var tlsBuckets = []string{"--bucket", "acme-pong", "--bucket", "acme-scratch", "--bucket", "acme-suspended"}

// TestFixDryRunSendsNoWrite: without --yes (and with --dry-run) the plans
// are printed with their CLI equivalents and the sandbox receives no
// mutating request at all; nothing is journaled.
func TestFixDryRunSendsNoWrite(t *testing.T) {
	srv, journal := fixSandbox(t)
	for _, extra := range [][]string{nil, {"--dry-run"}} {
		before := srv.Writes()
		args := append(append([]string{"fix", "--finding", "tls-not-enforced"}, tlsBuckets...), extra...)
		code, stdout, stderr := runCLI(t, args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d; stderr %s", extra, code, stderr)
		}
		for _, want := range []string{"Plan 1/3: Require TLS for acme-pong", "Plan 3/3: Require TLS for acme-suspended",
			"$ aws s3api put-bucket-policy --bucket acme-scratch --policy", "Dry run: nothing was sent. Run again with --yes to apply 3 plan(s)."} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v: stdout lacks %q:\n%s", extra, want, stdout)
			}
		}
		if n := srv.Writes() - before; n != 0 {
			t.Errorf("%v: the dry run sent %d write(s)", extra, n)
		}
	}
	if _, err := os.Stat(journal); !os.IsNotExist(err) {
		t.Errorf("a dry run touched the journal: %v", err)
	}
}

// TestFixYesAppliesAndJournals: --yes sends exactly one write per plan,
// the finding is gone afterwards, and the journal holds the three plans
// with who applied them where, readable as JSON and Markdown.
func TestFixYesAppliesAndJournals(t *testing.T) {
	srv, journal := fixSandbox(t)
	before := srv.Writes()
	code, stdout, stderr := runCLI(t, append([]string{"fix", "--finding", "tls-not-enforced", "--yes"}, tlsBuckets...)...)
	if code != exitOK || !strings.Contains(stdout, "Done: 3 plan(s) applied.") {
		t.Fatalf("exit %d; stdout %s\nstderr %s", code, stdout, stderr)
	}
	if n := srv.Writes() - before; n != 3 {
		t.Errorf("%d writes, want 3 (one PutBucketPolicy per bucket; the read-back sends none)", n)
	}
	if !strings.Contains(stdout, "checked  acme-pong: the bucket policy reads back as written") {
		t.Errorf("the applied policy was not read back:\n%s", stdout)
	}
	code, stdout, _ = runCLI(t, append([]string{"fix", "--finding", "tls-not-enforced"}, tlsBuckets...)...)
	if code != exitOK || !strings.Contains(stdout, "No chosen bucket has a tls-not-enforced finding") {
		t.Errorf("after applying, exit %d:\n%s", code, stdout)
	}
	if fi, err := os.Stat(journal); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("journal %s: %v, mode %v; want 0600", journal, err, fi)
	}

	code, stdout, stderr = runCLI(t, "journal", "--json")
	var entries []awsops.JournalEntry
	if code != exitOK || json.Unmarshal([]byte(stdout), &entries) != nil || len(entries) != 3 {
		t.Fatalf("journal --json: exit %d, %d entries; stderr %s\n%s", code, len(entries), stderr, stdout)
	}
	for i, b := range []string{"acme-pong", "acme-scratch", "acme-suspended"} {
		e := entries[i]
		if e.Bucket != b || e.Identity != "arn:aws:iam::111122223333:root" || e.Endpoint != srv.HTTPSURL() || e.Time.IsZero() ||
			len(e.Steps) != 1 || e.Steps[0].Result != awsops.StepApplied || e.Steps[0].API != "s3:PutBucketPolicy" ||
			!strings.HasPrefix(e.Steps[0].CLI, "aws s3api put-bucket-policy --bucket "+b) {
			t.Errorf("entry %d: %+v", i, e)
		}
	}
	code, stdout, _ = runCLI(t, "journal", "--markdown")
	for _, want := range []string{"# S3 changes applied with s3sec", ": Require TLS for acme-scratch", "- Applied by: `arn:aws:iam::111122223333:root`",
		"| 1 | Write the bucket policy | s3:PutBucketPolicy | applied |", "```sh\naws s3api put-bucket-policy --bucket acme-suspended"} {
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("journal --markdown (exit %d) lacks %q:\n%s", code, want, stdout)
		}
	}
	code, stdout, _ = runCLI(t, "journal")
	if code != exitOK || !strings.Contains(stdout, "applied     Write the bucket policy (s3:PutBucketPolicy)") {
		t.Errorf("journal (exit %d):\n%s", code, stdout)
	}
}

// TestFixFailingStepSaysWhatWasApplied puts a proxy in front of the
// sandbox that refuses PutBucketVersioning on one bucket: the first plan
// is applied, the failing one and those after it are not, the output and
// the exit status say so, and the journal records the failure.
func TestFixFailingStepSaysWhatWasApplied(t *testing.T) {
	srv, _ := fixSandbox(t)
	target, err := url.Parse(srv.HTTPURL())
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut && r.URL.Query().Has("versioning") && strings.HasPrefix(r.URL.Path, "/acme-public-assets") {
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`<Error><Code>AccessDenied</Code><Message>Access Denied by the test proxy</Message></Error>`))
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	t.Setenv("AWS_ENDPOINT_URL", proxy.URL)
	t.Setenv("AWS_CA_BUNDLE", "")

	code, stdout, stderr := runCLI(t, "fix", "--finding", "versioning-off", "--yes",
		"--bucket", "acme-pong", "--bucket", "acme-public-assets", "--bucket", "acme-selflog")
	if code != exitError {
		t.Fatalf("exit %d, want 1; stdout %s\nstderr %s", code, stdout, stderr)
	}
	for _, want := range []string{
		"applied  acme-pong: Enable versioning",
		"FAILED   acme-public-assets: step 1 (Enable versioning, s3:PutBucketVersioning) failed",
		"AccessDenied",
		"Applied:\n  acme-pong: Enable versioning (s3:PutBucketVersioning)\n",
		"Not applied:\n  acme-public-assets: Enable versioning (s3:PutBucketVersioning) (failed)\n  acme-selflog: Enable versioning (s3:PutBucketVersioning)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	_, stdout, _ = runCLI(t, "journal", "--json")
	var entries []awsops.JournalEntry
	if err := json.Unmarshal([]byte(stdout), &entries); err != nil || len(entries) != 2 ||
		entries[0].Steps[0].Result != awsops.StepApplied || entries[1].Bucket != "acme-public-assets" ||
		entries[1].Steps[0].Result != awsops.StepFailed || !strings.Contains(entries[1].Steps[0].Error, "AccessDenied") {
		t.Errorf("journal: %v %+v", err, entries)
	}
}

// TestFixJournalHoldsNoSecret applies a plan that needs the MFA code (MFA
// Delete on acme-suspended, with the demo root device) and reads back a
// journal that holds it without the code, the device's seed or the demo
// SSE-C key (raw or base64).
func TestFixJournalHoldsNoSecret(t *testing.T) {
	_, journal := fixSandbox(t)
	code, err := otp.Code(sandbox.DemoMFASeed, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	exit, stdout, stderr := runCLI(t, "fix", "--finding", "mfa-delete-off", "--bucket", "acme-suspended", "--yes",
		"--mfa", sandbox.DemoMFASerial+" "+code)
	if exit != exitOK {
		t.Fatalf("exit %d; stdout %s\nstderr %s", exit, stdout, stderr)
	}
	raw, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	if !strings.Contains(text, `"api":"s3:PutBucketVersioning"`) || !strings.Contains(text, "CODE") {
		t.Fatalf("the journal lacks the MFA step (with its CODE placeholder):\n%s", text)
	}
	if regexp.MustCompile(`(^|[^0-9])` + code + `([^0-9]|$)`).MatchString(text) {
		t.Errorf("the journal holds the MFA code %s:\n%s", code, text)
	}
	for name, secret := range map[string]string{
		"MFA seed": sandbox.DemoMFASeed, "SSE-C key": string(sandbox.DemoSSECKey[:]),
		"SSE-C key (base64)": base64.StdEncoding.EncodeToString(sandbox.DemoSSECKey[:]),
	} {
		if strings.Contains(text, secret) {
			t.Errorf("the journal holds the %s", name)
		}
	}
}

// TestFixUsage: mistakes exit 2 before anything is sent.
func TestFixUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"fix", "--all"}, "--finding is required"},
		{[]string{"fix", "--finding", "tls-not-enforced"}, "name the buckets with --bucket"},
		{[]string{"fix", "--finding", "tls-not-enforced", "--all", "--bucket", "b"}, "not both"},
		{[]string{"fix", "--finding", "tls-not-enforced", "--all", "--yes", "--dry-run"}, "contradict"},
		{[]string{"fix", "--finding", "tls-not-enforced", "--all", "--mfa", "123456"}, "--mfa"},
		{[]string{"fix", "--finding", "nope", "--all"}, `unknown finding "nope"`},
		{[]string{"fix", "--finding", "cors-wildcard-origin", "--all"}, "cannot be fixed automatically"},
		{[]string{"journal", "--json", "--markdown"}, "not both"},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tc.args, code, stdout, stderr, tc.want)
		}
	}
	for _, args := range [][]string{{"fix", "-h"}, {"journal", "--help"}} {
		code, stdout, stderr := runCLI(t, args...)
		if code != exitOK || stderr != "" || !strings.Contains(stdout, "Usage: s3sec "+args[0]) {
			t.Errorf("%v: exit %d, stderr %q, stdout %q", args, code, stderr, stdout)
		}
	}
	code, stdout, _ := runCLI(t, "fix", "--list")
	if code != exitOK || !strings.Contains(stdout, "tls-not-enforced") || !strings.Contains(stdout, "acls-enabled") {
		t.Errorf("fix --list: exit %d\n%s", code, stdout)
	}
}

// TestFixDemoKeepsTheUsersJournal: s3sec fix --demo applies to its own
// throwaway sandbox and journals to a temporary file, never the user's.
func TestFixDemoKeepsTheUsersJournal(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	code, stdout, stderr := runCLI(t, "fix", "--demo", "--finding", "public-access-block-off", "--all", "--yes")
	if code != exitOK || !strings.Contains(stdout, "applied  acme-scratch: Write the bucket's Block Public Access settings") ||
		!strings.Contains(stdout, "Done: 1 plan(s) applied.") {
		t.Fatalf("exit %d; stdout %s\nstderr %s", code, stdout, stderr)
	}
	if entries, err := os.ReadDir(state); err != nil || len(entries) != 0 {
		t.Errorf("the demo wrote into the user's state directory: %v %v", entries, err)
	}
}

// TestFixSaysWhenASettingCouldNotBeRead: a bucket whose policy cannot be
// read is not reported as having nothing to fix: the unread setting is named.
func TestFixSaysWhenASettingCouldNotBeRead(t *testing.T) {
	srv, err := sandbox.Start(sandbox.Options{Seed: true, AdminDeniedActions: []string{"s3:GetBucketPolicy"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	cpSandbox(t) // the environment of a user of the CLI, then pointed at this sandbox as admin
	admin := srv.Admin()
	t.Setenv("AWS_ACCESS_KEY_ID", admin.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", admin.SecretAccessKey)
	t.Setenv("AWS_ENDPOINT_URL", srv.HTTPSURL())
	t.Setenv("AWS_CA_BUNDLE", srv.CAFile())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	before := srv.Writes()
	code, stdout, stderr := runCLI(t, "fix", "--finding", "tls-not-enforced", "--bucket", "acme-scratch", "--yes")
	if code != exitOK || !strings.Contains(stderr, "acme-scratch: no tls-not-enforced finding among the settings read; could not read policy (AccessDenied)") ||
		!strings.Contains(stdout, "nothing to fix") || srv.Writes() != before {
		t.Errorf("exit %d, %d writes; stdout %s\nstderr %s", code, srv.Writes()-before, stdout, stderr)
	}
}

// TestFixWithoutTheMFADevice: MFA Delete without --mfa builds no plan;
// the reason is given, nothing is sent and the exit status is 1.
func TestFixWithoutTheMFADevice(t *testing.T) {
	srv, _ := fixSandbox(t)
	before := srv.Writes()
	code, stdout, stderr := runCLI(t, "fix", "--finding", "mfa-delete-off", "--bucket", "acme-suspended", "--yes")
	if code != exitError || !strings.Contains(stderr, "acme-suspended: no plan: MFA Delete on acme-suspended needs the root user's MFA device") ||
		!strings.Contains(stderr, "no plan could be built for mfa-delete-off") || srv.Writes() != before {
		t.Errorf("exit %d, %d writes; stdout %s\nstderr %s", code, srv.Writes()-before, stdout, stderr)
	}
}

// TestFixLogTargetOfANamedBucket: --bucket names the source; its log
// target is read too, so logging-target-kms is found and fixed on the
// target (acme-access-logs to SSE-S3).
func TestFixLogTargetOfANamedBucket(t *testing.T) {
	srv, _ := fixSandbox(t)
	before := srv.Writes()
	code, stdout, stderr := runCLI(t, "fix", "--finding", "logging-target-kms", "--bucket", "acme-secure-records", "--yes")
	if code != exitOK || !strings.Contains(stdout, "Plan 1/1: Set the default encryption of acme-access-logs (the access-log target of acme-secure-records) to SSE-S3") ||
		!strings.Contains(stdout, "Done: 1 plan(s) applied.") || srv.Writes()-before != 1 {
		t.Errorf("exit %d, %d writes; stdout %s\nstderr %s", code, srv.Writes()-before, stdout, stderr)
	}
}
