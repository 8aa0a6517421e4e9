package cmd

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// The --fail-on decision: severity of what was found x completeness -> exit.
func TestFailOnStatus(t *testing.T) {
	f := func(sev awsops.Severity) awsops.Finding {
		return awsops.Finding{ID: "tls-not-enforced", Severity: sev, Bucket: "b"}
	}
	unreadHigh := awsops.Finding{ID: awsops.FindingFacetError, Severity: awsops.SeverityHigh, Bucket: "b", Facet: awsops.FacetPolicy}
	H, M, L, I := awsops.SeverityHigh, awsops.SeverityMedium, awsops.SeverityLow, awsops.SeverityInfo
	tests := []struct {
		name      string
		threshold awsops.Severity
		findings  []awsops.Finding
		unread    int
		want      int
	}{
		{"nothing, complete", H, nil, 0, exitOK},
		{"nothing, incomplete", H, nil, 1, exitIncomplete},
		{"below threshold, complete", H, []awsops.Finding{f(M), f(L), f(I)}, 0, exitOK},
		{"below threshold, incomplete", H, []awsops.Finding{f(M)}, 2, exitIncomplete},
		{"at threshold, complete", M, []awsops.Finding{f(M)}, 0, exitFindings},
		{"at threshold, incomplete: the finding wins", M, []awsops.Finding{f(M)}, 3, exitFindings},
		{"above threshold", L, []awsops.Finding{f(H)}, 0, exitFindings},
		{"info never trips low", L, []awsops.Finding{f(I)}, 0, exitOK},
		{"an unread facet is incompleteness, not a match", H, []awsops.Finding{unreadHigh}, 1, exitIncomplete},
		{"unread facet with a real finding below threshold", H, []awsops.Finding{unreadHigh, f(L)}, 1, exitIncomplete},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := failOnStatus(tc.threshold, tc.findings, tc.unread); got != tc.want {
				t.Errorf("failOnStatus = %d, want %d", got, tc.want)
			}
		})
	}
}

// The Findings column counts info notes as the console does, and never
// says a bucket is clean when some of its facets were not read.
func TestTextCounts(t *testing.T) {
	fs := []awsops.Finding{
		{Severity: awsops.SeverityHigh}, {Severity: awsops.SeverityLow}, {Severity: awsops.SeverityLow}, {Severity: awsops.SeverityInfo},
	}
	for _, tc := range []struct {
		fs     []awsops.Finding
		unread int
		want   string
	}{
		{fs, 0, "1H 2L 1i"},
		{[]awsops.Finding{{Severity: awsops.SeverityInfo}}, 0, "1i"},
		{nil, 0, "none"},
		{nil, 2, "(2 unread)"},
		{fs[:1], 1, "1H (1 unread)"},
	} {
		if got := textCounts(tc.fs, tc.unread); got != tc.want {
			t.Errorf("textCounts(%v, %d) = %q, want %q", tc.fs, tc.unread, got, tc.want)
		}
	}
}

// plainHTTPAdmin starts a seeded sandbox and points the AWS environment at
// its plain-HTTP listener as the IAM user admin, who is subject to the
// TLS-only bucket policies (the root user keeps access to the policy itself).
func plainHTTPAdmin(t *testing.T, denied ...string) {
	t.Helper()
	plainHTTPAs(t, func(srv *sandbox.Server) sandbox.Credentials { return srv.Admin() }, denied...)
}

// plainHTTPAs starts a seeded sandbox and points the AWS environment at its
// plain-HTTP listener with the credentials who returns.
func plainHTTPAs(t *testing.T, who func(*sandbox.Server) sandbox.Credentials, denied ...string) {
	t.Helper()
	srv, err := sandbox.Start(sandbox.Options{Seed: true, AdminDeniedActions: denied})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	home := t.TempDir()
	creds := who(srv)
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY": creds.SecretAccessKey, "AWS_SESSION_TOKEN": "",
		"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": srv.HTTPURL(), "AWS_CA_BUNDLE": "", "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_S3": "", "AWS_ENDPOINT_URL_KMS": "",
	} {
		t.Setenv(k, v)
	}
}

// A TLS-only bucket read over plain HTTP cannot be checked: the gate must
// fail and say that HTTPS is what is missing, not a permission.
func TestReportFailOnTLSOnlyOverPlainHTTP(t *testing.T) {
	// Without logging and CORS (denied to admin) the demo has no high finding
	// left, so what remains for --fail-on high is the incompleteness.
	plainHTTPAdmin(t, "s3:GetBucketLogging", "s3:GetBucketCORS")

	code, stdout, stderr := runCLI(t, "report", "--fail-on", "high")
	if code != exitIncomplete {
		t.Fatalf("exit %d, want %d (incomplete)\nstdout:\n%s\nstderr:\n%s", code, exitIncomplete, stdout, stderr)
	}
	for _, want := range []string{
		"s3sec report: incomplete:",
		"acme-lifecycle-archive policy: AccessDenied",
		"the endpoint refused plain HTTP: use HTTPS",
		"acme-scratch cors: AccessDenied",
		"needs s3:GetBucketCORS",
		"but the report is incomplete (exit 4)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr misses %q:\n%s", want, stderr)
		}
	}
	// The TLS-only bucket's row does not look clean, and the summary says so.
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "acme-lifecycle-archive ") && (!strings.Contains(line, "unread)") || strings.HasSuffix(line, "none")) {
			t.Errorf("row of the unread bucket: %q", line)
		}
	}
	if !strings.Contains(stdout, "INCOMPLETE:") {
		t.Errorf("summary does not say the report is incomplete:\n%s", stdout)
	}

	// A real finding at the threshold still wins: medium findings exist.
	if code, _, stderr := runCLI(t, "report", "--fail-on", "medium"); code != exitFindings || !strings.Contains(stderr, "at or above medium") {
		t.Errorf("--fail-on medium: exit %d, want %d; stderr:\n%s", code, exitFindings, stderr)
	}

	// The JSON report says which facets are missing.
	code, stdout, _ = runCLI(t, "report", "--json")
	if code != exitOK {
		t.Fatalf("--json without --fail-on: exit %d", code)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["complete"] != false {
		t.Errorf("complete = %v, want false", doc["complete"])
	}
	b := bucketByName(t, doc, "acme-lifecycle-archive")
	un, _ := b["unread_facets"].([]any)
	if b["complete"] != false || !containsAny(un, "policy") {
		t.Errorf("acme-lifecycle-archive: complete %v, unread_facets %v", b["complete"], un)
	}
	for _, f := range b["findings"].([]any) {
		fm := f.(map[string]any)
		if fm["id"] == "facet-error" && fm["severity"] == "info" {
			t.Errorf("an unread facet is only info: %v", fm)
		}
	}
}

func containsAny(list []any, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestUsageDocumentsTheExitStatuses(t *testing.T) {
	for _, args := range [][]string{{"report", "-h"}, {"-h"}} {
		_, stdout, stderr := runCLI(t, args...)
		out := stdout + stderr
		for _, want := range []string{"0 success", "1 error", "2 usage", "3 ", "4 "} {
			if !strings.Contains(out, "Exit status") || !strings.Contains(out, want) {
				t.Errorf("%v: usage does not document exit status %q:\n%s", args, want, out)
			}
		}
		if !strings.Contains(out, "incomplete") {
			t.Errorf("%v: usage does not say what 4 means:\n%s", args, out)
		}
	}
}

// The root user may still read a TLS-only policy over plain HTTP (lock-out
// protection), so the report knows for sure why the other reads failed.
func TestReportNamesTheTLSOnlyPolicyAsTheCause(t *testing.T) {
	plainHTTPAs(t, func(srv *sandbox.Server) sandbox.Credentials { return srv.Root() })
	code, _, stderr := runCLI(t, "report", "--fail-on", "high")
	if code != exitFindings { // the demo's logging loops are high
		t.Fatalf("exit %d, want %d\n%s", code, exitFindings, stderr)
	}
	for _, want := range []string{
		"acme-lifecycle-archive versioning: AccessDenied",
		"fix: the endpoint refused plain HTTP: use HTTPS (the https:// endpoint), then read the bucket again",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr misses %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "acme-lifecycle-archive policy:") {
		t.Errorf("root reads the policy even over plain HTTP:\n%s", stderr)
	}
	if strings.Contains(stderr, "needs s3:GetBucketVersioning") {
		t.Errorf("a TLS-only refusal is blamed on a permission:\n%s", stderr)
	}
}
