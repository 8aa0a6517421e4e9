package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/localfile"
)

// cpObject uploads data to the sandbox and returns its s3:// URL.
func cpObject(t *testing.T, data []byte) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "obj")
	writeFile(t, src, data)
	const url = "s3://acme-scratch/publish/obj"
	if code, stdout, stderr := runCLI(t, "cp", src, url); code != exitOK {
		t.Fatalf("upload: exit %d\n%s%s", code, stdout, stderr)
	}
	return url
}

// TestCpDownloadNeverReplacesSilently: an existing file, symbolic link or
// dangling symbolic link at the destination is refused with a clear
// message and left as it was; --force replaces (the link, not its target).
func TestCpDownloadNeverReplacesSilently(t *testing.T) {
	cpSandbox(t)
	data := []byte("the downloaded object\n")
	url := cpObject(t, data)
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	writeFile(t, target, []byte("precious"))

	cases := map[string]func(dest string){
		"file":             func(dest string) { writeFile(t, dest, []byte("precious")) },
		"symlink":          func(dest string) { os.Symlink(target, dest) },
		"dangling symlink": func(dest string) { os.Symlink(filepath.Join(dir, "nowhere"), dest) },
	}
	for name, make := range cases {
		t.Run(name, func(t *testing.T) {
			dest := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
			make(dest)
			before, _ := os.Lstat(dest)
			code, stdout, stderr := runCLI(t, "cp", url, dest)
			if code != exitError || stdout != "" || !strings.Contains(stderr, dest+" already exists") || !strings.Contains(stderr, "--force") {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 1 and a refusal naming --force", code, stdout, stderr)
			}
			if after, _ := os.Lstat(dest); !os.SameFile(before, after) {
				t.Errorf("%s was replaced", dest)
			}
			if got, _ := os.ReadFile(target); string(got) != "precious" {
				t.Errorf("the link's target changed: %q", got)
			}

			code, stdout, stderr = runCLI(t, "cp", "--force", url, dest)
			got, _ := os.ReadFile(dest)
			info, _ := os.Lstat(dest)
			if code != exitOK || !bytes.Equal(got, data) || !info.Mode().IsRegular() {
				t.Fatalf("--force: exit %d, content %q, mode %v\n%s%s", code, got, info.Mode(), stdout, stderr)
			}
			if got, _ := os.ReadFile(target); string(got) != "precious" {
				t.Errorf("--force wrote through the link to its target: %q", got)
			}
		})
	}
	for _, n := range onlyFiles(t, dir) {
		if strings.HasPrefix(n, localfile.TempPrefix) {
			t.Errorf("temporary file %s left behind", n)
		}
	}
}

// TestCpDownloadRefusesADestinationThatAppearsWhileDownloading makes the
// file appear after the download is complete, when the early check has
// long passed: publishing must still refuse it.
func TestCpDownloadRefusesADestinationThatAppearsWhileDownloading(t *testing.T) {
	cpSandbox(t)
	url := cpObject(t, []byte("download"))
	dir := t.TempDir()
	dest := filepath.Join(dir, "late")
	cpBeforePublish = func(d string) { writeFile(t, d, []byte("written by someone else meanwhile")) }
	defer func() { cpBeforePublish = func(string) {} }()
	code, _, stderr := runCLI(t, "cp", url, dest)
	if code != exitError || !strings.Contains(stderr, "already exists") {
		t.Fatalf("exit %d, stderr %q; want the late file refused", code, stderr)
	}
	if got, _ := os.ReadFile(dest); string(got) != "written by someone else meanwhile" {
		t.Errorf("the file that appeared was replaced: %q", got)
	}
	if names := onlyFiles(t, dir); len(names) != 1 {
		t.Errorf("files left: %v", names)
	}
}

// TestCpDownloadCleansStaleTemporaryFiles: a killed run's temporary file
// is removed by the next download into that directory, and named.
func TestCpDownloadCleansStaleTemporaryFiles(t *testing.T) {
	cpSandbox(t)
	url := cpObject(t, []byte("fresh"))
	dir := t.TempDir()
	stale := filepath.Join(dir, localfile.TempPrefix+"4242")
	writeFile(t, stale, []byte("half a download"))
	old := time.Now().Add(-3 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "cp", url, filepath.Join(dir, "fresh"))
	if code != exitOK || !strings.Contains(stderr, "removed "+stale+", left by an interrupted download 3h0m0s ago") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	if names := onlyFiles(t, dir); strings.Join(names, ",") != "fresh" {
		t.Errorf("files left: %v", names)
	}
}

func TestCpForceUsageErrors(t *testing.T) {
	local := filepath.Join(t.TempDir(), "f")
	for args, want := range map[string][]string{
		"--force applies to downloads": {"cp", "--force", local, "s3://b/k"},
		"--force needs a local file":   {"cp", "--force", "s3://b/k", "-"},
	} {
		if code, _, stderr := runCLI(t, want...); code != exitUsage || !strings.Contains(stderr, args) {
			t.Errorf("%v: exit %d, stderr %q", want, code, stderr)
		}
	}
}
