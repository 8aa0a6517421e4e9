package cmd

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runCLI runs the command line in-process and returns exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUnknownCommandPrintsUsageAndExits2(t *testing.T) {
	code, _, stderr := runCLI(t, "frobnicate")
	if code != exitUsage {
		t.Fatalf("exit code = %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr, `unknown command "frobnicate"`) || !strings.Contains(stderr, "Usage:") {
		t.Fatalf("stderr does not explain and show usage:\n%s", stderr)
	}
}

func TestUnknownFlagExits2(t *testing.T) {
	for _, args := range [][]string{{"--no-such-flag"}, {"report", "--no-such-flag"}, {"sandbox", "--nope"}} {
		code, _, stderr := runCLI(t, args...)
		if code != exitUsage {
			t.Errorf("%v: exit code = %d, want %d", args, code, exitUsage)
		}
		if !strings.Contains(stderr, "flag provided but not defined") {
			t.Errorf("%v: stderr does not name the bad flag:\n%s", args, stderr)
		}
	}
}

func TestStrayArgumentExits2(t *testing.T) {
	code, _, stderr := runCLI(t, "report", "extra")
	if code != exitUsage || !strings.Contains(stderr, `unexpected argument "extra"`) {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
}

func TestVersionFlag(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"report", "--version"}} {
		code, stdout, _ := runCLI(t, args...)
		if code != exitOK || !strings.HasPrefix(stdout, "s3sec ") {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
	}
}

func TestBadFailOnAndParallel(t *testing.T) {
	if code, _, stderr := runCLI(t, "report", "--fail-on", "critical"); code != exitUsage || !strings.Contains(stderr, "--fail-on") {
		t.Errorf("--fail-on critical: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "report", "--parallel", "0"); code != exitUsage || !strings.Contains(stderr, "--parallel") {
		t.Errorf("--parallel 0: exit %d, stderr %q", code, stderr)
	}
}

func TestSandboxRefusesRemoteAddress(t *testing.T) {
	code, _, stderr := runCLI(t, "sandbox", "--addr", "0.0.0.0:0")
	if code != exitUsage || !strings.Contains(stderr, "not a loopback address") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestConsoleWithoutTerminalPointsToReport(t *testing.T) {
	for _, args := range [][]string{{"demo"}, {}} {
		code, _, stderr := runCLI(t, args...)
		if code != exitError || !strings.Contains(stderr, "needs a terminal") || !strings.Contains(stderr, "s3sec report") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}
