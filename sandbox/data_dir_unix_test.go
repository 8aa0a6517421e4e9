//go:build unix

package sandbox_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// TestDataDirRemovesRunsOfKilledSandboxes leaves a run directory as a killed
// sandbox leaves it (a lock file nobody holds, a piece file): the next start
// on the data directory removes it, and leaves a live server's alone.
func TestDataDirRemovesRunsOfKilledSandboxes(t *testing.T) {
	dataDir := t.TempDir()
	dead := filepath.Join(dataDir, "s3sec-sandbox-123456")
	if err := os.Mkdir(dead, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".lock", "00112233445566778899aabbccddeeff"} {
		if err := os.WriteFile(filepath.Join(dead, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Being created this instant: no lock file yet, so not touched.
	young := filepath.Join(dataDir, "s3sec-sandbox-654321")
	if err := os.Mkdir(young, 0o700); err != nil {
		t.Fatal(err)
	}
	start(t, sandbox.Options{DataDir: dataDir})
	live := runDirs(t, dataDir)
	if slices.Contains(live, dead) {
		t.Fatalf("the killed run's directory is still there: %v", live)
	}
	if !slices.Contains(live, young) {
		t.Fatalf("a directory without a lock file was removed: %v", live)
	}
	start(t, sandbox.Options{DataDir: dataDir})
	if n := len(runDirs(t, dataDir)); n != 3 { // young, and the two live servers'
		t.Fatalf("%d run directories, want 3 (a live server's was removed?): %v", n, runDirs(t, dataDir))
	}
}
