package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/localfile"
)

// downloadNotes starts the download of acme-scratch/notes.txt to target.
func downloadNotes(t *testing.T, a *App, target string) {
	t.Helper()
	d := openObjects(t, a, "acme-scratch")
	for i := 0; i < d.objects.count() && d.objects.objects[d.objects.cursor].Key != "notes.txt"; i++ {
		keys(a, "j")
	}
	keys(a, "d")
	wantOnScreen(t, a, "Save notes.txt to")
	keys(a, "ctrl+u")
	paste(a, target)
	keys(a, "enter")
}

// TestDownloadRefusesAnExistingSymlinkSandbox: a symbolic link at the
// target is refused, and neither it nor its target is touched.
func TestDownloadRefusesAnExistingSymlinkSandbox(t *testing.T) {
	dir := t.TempDir()
	precious, target := filepath.Join(dir, "precious"), filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(precious, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(precious, target); err != nil {
		t.Fatal(err)
	}
	a := settledApp(t, openSandbox(t), 120, 30)
	downloadNotes(t, a, target)
	// The form refuses the name as it is left (a symbolic link), before any request.
	wantOnScreen(t, a, "already exists (a symbolic link)")
	if got, _ := os.ReadFile(precious); string(got) != "precious" {
		t.Fatalf("the link's target changed: %q", got)
	}
	if info, _ := os.Lstat(target); info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symbolic link was replaced")
	}
}

// TestDownloadRefusesATargetThatAppearsMeanwhileSandbox: the target did
// not exist when the download started, and appears once the object is
// received: the download must not replace it (the console used to check,
// then rename over whatever had appeared since).
func TestDownloadRefusesATargetThatAppearsMeanwhileSandbox(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "notes.txt")
	downloadBeforePublish = func(p string) {
		if err := os.WriteFile(p, []byte("someone else's"), 0o600); err != nil {
			t.Error(err)
		}
	}
	defer func() { downloadBeforePublish = func(string) {} }()
	a := settledApp(t, openSandbox(t), 120, 30)
	downloadNotes(t, a, target)
	wantOnScreen(t, a, "Download: failed", "already exists")
	if got, _ := os.ReadFile(target); string(got) != "someone else's" {
		t.Fatalf("the file that appeared was replaced: %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("files left behind: %v", entries)
	}
}

// TestDownloadCleansStaleTemporaryFilesSandbox: a killed download's
// temporary file is removed by the next download there, and said so.
func TestDownloadCleansStaleTemporaryFilesSandbox(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, localfile.TempPrefix+"77")
	if err := os.WriteFile(stale, []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	a := settledApp(t, openSandbox(t), 120, 30)
	target := filepath.Join(dir, "notes.txt")
	downloadNotes(t, a, target)
	msg, _ := a.status.Message()
	if !strings.Contains(msg.Text, "Saved notes.txt") || !strings.Contains(msg.Text, "Removed a temporary file left by an interrupted download") {
		t.Fatalf("status %q", msg.Text)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || entries[0].Name() != "notes.txt" {
		t.Fatalf("files left: %v", entries)
	}
}
