package cmd

import (
	"strings"
	"testing"
)

// TestHelpGoesToStdout: asking for help is not an error: the usage is the
// answer, on stdout, with status 0 (so `s3sec cp --help | less` works).
func TestHelpGoesToStdout(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, "s3sec demo [global flags] [--read-only]"},
		{[]string{"-h"}, "Usage:"},
		{[]string{"demo", "-h"}, "--read-only"},
		{[]string{"demo", "--help"}, "auditor mode"},
		{[]string{"report", "--help"}, "--read-only"},
		{[]string{"report", "-h"}, "Usage: s3sec report"},
		{[]string{"sandbox", "-h"}, "Usage: s3sec sandbox"},
		{[]string{"cp", "--help"}, "--force"},
		{[]string{"cp", "s3://b/k", "out", "-h"}, "Usage: s3sec cp"},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != exitOK || stderr != "" || !strings.Contains(stdout, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, stdout has %q: %v", tc.args, code, stderr, tc.want, strings.Contains(stdout, tc.want))
		}
	}
}

// TestFlagMistakesGoToStderr: a mistake still prints the message and the
// usage on stderr, nothing on stdout, with status 2.
func TestFlagMistakesGoToStderr(t *testing.T) {
	for _, args := range [][]string{{"--nope"}, {"demo", "--nope"}, {"report", "--nope"}, {"sandbox", "--nope"}, {"cp", "--nope", "a", "s3://b/k"}} {
		code, stdout, stderr := runCLI(t, args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, "flag provided but not defined") || !strings.Contains(stderr, "Usage") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

// TestReportAcceptsReadOnly: the report only reads, so the console's
// --read-only is accepted rather than refused as an unknown flag.
func TestReportAcceptsReadOnly(t *testing.T) {
	code, stdout, stderr := runCLI(t, "report", "--demo", "--read-only", "--json")
	if code != exitOK || !strings.Contains(stdout, `"buckets"`) || stderr != "" {
		t.Fatalf("exit %d, stderr %q, stdout starts %.80q", code, stderr, stdout)
	}
}
