package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// Each local path is checked as its question is left: the form stays on
// that question with the reason, before any confirmation or transfer.
// Before, every one of these was found only once the upload or download
// had started (or, for an empty master key, at the summary).
func TestUploadFormChecksEachPathAsItIsLeftSandbox(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(src, []byte("a"), 0o600); err != nil {
		t.Fatal(err)
	}
	loose := filepath.Join(dir, "loose.key")
	if err := os.WriteFile(loose, sandbox.DemoSSECKey, 0o644); err != nil {
		t.Fatal(err)
	}
	a := settledApp(t, openSandbox(t), 120, 30)
	d := openObjects(t, a, "acme-ssec-vault")
	keys(a, "u")
	paste(a, filepath.Join(dir, "missing.txt"))
	keys(a, "enter")
	wantOnScreen(t, a, "missing.txt does not exist")
	if got := d.Title(); !strings.HasSuffix(got, "Upload: file") {
		t.Fatalf("breadcrumb %q: a missing file must keep the form on its question", got)
	}
	keys(a, "ctrl+u")
	paste(a, src)
	keys(a, "enter", "enter")
	keys(a, "down", "down", "down", "down", "enter") // SSE-C
	keys(a, "enter")                                 // an existing key file
	paste(a, loose)
	keys(a, "enter")
	wantOnScreen(t, a, "has mode 0644, open to", "restrict it with: chmod 600")
	if got := d.Title(); !strings.HasSuffix(got, "Upload: SSE-C key file") {
		t.Fatalf("breadcrumb %q: a key file open to others must keep the form on its question", got)
	}
	if err := os.Chmod(loose, 0o600); err != nil {
		t.Fatal(err)
	}
	keys(a, "enter")
	wantOnScreen(t, a, "LOSING THE KEY LOSES THE OBJECT")

	// Client-side with a master key file: one must be given.
	keys(a, "esc")
	keys(a, "u")
	paste(a, src)
	keys(a, "enter", "enter")
	keys(a, "down", "down", "down", "down", "down", "enter") // client-side
	keys(a, "down", "enter")                                 // master key file
	keys(a, "enter")
	wantOnScreen(t, a, "give the master key file")
	if got := d.Title(); !strings.HasSuffix(got, "Upload: master key") {
		t.Fatalf("breadcrumb %q: an empty master key must keep the form on its question", got)
	}
}

func TestDownloadFormRefusesAnExistingTargetAsItIsLeftSandbox(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken.txt")
	if err := os.WriteFile(taken, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	a := settledApp(t, openSandbox(t), 120, 30)
	d := openObjects(t, a, "acme-ssec-vault")
	for i := 0; i < d.objects.count() && d.objects.objects[d.objects.cursor].Key != "vault/launch-plan.txt"; i++ {
		keys(a, "j")
	}
	keys(a, "d", "ctrl+u")
	paste(a, taken)
	keys(a, "enter")
	wantOnScreen(t, a, "taken.txt already exists (a file)")
	if got := d.Title(); !strings.HasSuffix(got, "Download: target") {
		t.Fatalf("breadcrumb %q: an existing target must keep the form on its question", got)
	}
	if b, _ := os.ReadFile(taken); string(b) != "mine" {
		t.Fatal("the existing file was touched")
	}
}

// A failed upload returns to the form with every answer kept (before, the
// flow closed and the next attempt started from an empty form).
func TestFailedUploadReturnsToTheFilledFormSandbox(t *testing.T) {
	src := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(src, []byte("a"), 0o600); err != nil {
		t.Fatal(err)
	}
	a := settledApp(t, openSandbox(t, "s3:PutObject"), 120, 30)
	d := openObjects(t, a, "acme-scratch")
	keys(a, "u")
	paste(a, src)
	keys(a, "enter")
	paste(a, "kept/name.txt")
	keys(a, "enter", "down", "enter") // SSE-S3
	keys(a, "y")
	wantOnScreen(t, a, "Upload: failed", "AccessDenied", "enter or esc: back to the form")
	keys(a, "esc")
	f, ok := d.flow.(*uploadFlow)
	if !ok || f.stage != xferEditing {
		t.Fatalf("esc after a failure must return to the form:\n%s", screenText(a))
	}
	wantOnScreen(t, a, "The upload failed: AccessDenied", src)
	if f.choice.path != src || f.choice.key != "kept/name.txt" || string(f.choice.mode) != "SSE-S3" {
		t.Fatalf("answers lost: %+v", *f.choice)
	}
	keys(a, "enter", "enter", "enter")
	wantOnScreen(t, a, "Start the upload?", "s3://acme-scratch/kept/name.txt")
}
