package cmd

import (
	"strings"
	"testing"
)

func TestSandboxLogIntervalFlag(t *testing.T) {
	code, _, stderr := runCLI(t, "sandbox", "--log-interval", "-1s")
	if code != exitUsage || !strings.Contains(stderr, "--log-interval must not be negative") {
		t.Fatalf("negative interval: code %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "sandbox", "--log-interval", "often")
	if code != exitUsage || !strings.Contains(stderr, "log-interval") {
		t.Fatalf("unparsable interval: code %d, stderr %q", code, stderr)
	}
	if code, stdout, _ := runCLI(t, "sandbox", "--help"); code != exitOK || !strings.Contains(stdout, "--log-interval DURATION") {
		t.Errorf("usage lacks --log-interval (code %d): %s", code, stdout)
	}
}
