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

func TestSandboxSizeFlags(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "512MiB": 512 << 20, "5G": 5 << 30, "2 KiB": 2048} {
		if got, err := parseByteSize(in); err != nil || got != want {
			t.Errorf("parseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "0", "-5", "big", "1.5G", "9999999999T"} {
		if _, err := parseByteSize(bad); err == nil {
			t.Errorf("parseByteSize(%q) accepted", bad)
		}
	}
	code, _, stderr := runCLI(t, "sandbox", "--max-object-size", "lots")
	if code != exitUsage || !strings.Contains(stderr, "max-object-size") {
		t.Fatalf("unparsable size: code %d, stderr %q", code, stderr)
	}
	if code, stdout, _ := runCLI(t, "sandbox", "--help"); code != exitOK ||
		!strings.Contains(stdout, "--data-dir DIR") || !strings.Contains(stdout, "--max-object-size SIZE") {
		t.Errorf("usage lacks --data-dir or --max-object-size (code %d): %s", code, stdout)
	}
}
