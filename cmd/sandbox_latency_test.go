package cmd

import (
	"strings"
	"testing"
)

func TestSandboxRefusesNegativeLatency(t *testing.T) {
	code, stdout, stderr := runCLI(t, "sandbox", "--latency", "-5ms")
	if code != 2 || !strings.Contains(stderr, "--latency -5ms is negative") || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
