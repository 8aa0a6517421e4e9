package localfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// download writes data to a new Temp for dest, as a download would.
func download(t *testing.T, dest, data string) *Temp {
	t.Helper()
	tmp, err := NewTemp(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmp.File.WriteString(data); err != nil {
		t.Fatal(err)
	}
	return tmp
}

// readFile returns path's content, failing the test if it cannot.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTemps fails if dir still holds a temporary file.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestPublishNewFile(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "report.pdf")
	if err := CheckFree(dest); err != nil {
		t.Fatal(err)
	}
	tmp := download(t, dest, "new")
	defer tmp.Discard()
	if err := tmp.Publish(false); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, dest); got != "new" {
		t.Errorf("content %q", got)
	}
	if info, _ := os.Stat(dest); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	noTemps(t, dir)
}

func TestPublishRefusesWhatExists(t *testing.T) {
	for _, tc := range []struct {
		name, what string
		make       func(t *testing.T, dest, target string)
	}{
		{"file", "a file", func(t *testing.T, dest, _ string) { os.WriteFile(dest, []byte("old"), 0o600) }},
		{"symlink", "a symbolic link", func(t *testing.T, dest, target string) { os.Symlink(target, dest) }},
		{"dangling symlink", "a dangling symbolic link", func(t *testing.T, dest, target string) {
			os.Symlink(target+".missing", dest)
		}},
		{"directory", "a directory", func(t *testing.T, dest, _ string) { os.Mkdir(dest, 0o700) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			dest, target := filepath.Join(dir, "dest"), filepath.Join(dir, "target")
			if err := os.WriteFile(target, []byte("target"), 0o600); err != nil {
				t.Fatal(err)
			}
			tc.make(t, dest, target)
			before, _ := os.Lstat(dest)
			var ee *ExistsError
			if err := CheckFree(dest); !errors.As(err, &ee) || ee.What != tc.what {
				t.Fatalf("CheckFree = %v, want an ExistsError for %s", err, tc.what)
			}
			tmp := download(t, dest, "new")
			defer tmp.Discard()
			err := tmp.Publish(false)
			if !errors.As(err, &ee) || !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), dest) {
				t.Fatalf("Publish = %v, want an ExistsError naming %s", err, dest)
			}
			after, _ := os.Lstat(dest)
			if !os.SameFile(before, after) || after.Mode() != before.Mode() {
				t.Errorf("%s was replaced", tc.name)
			}
			if got := readFile(t, target); got != "target" {
				t.Errorf("the link's target was changed to %q", got)
			}
			noTemps(t, dir)
		})
	}
}

func TestPublishReplace(t *testing.T) {
	dir := t.TempDir()
	file, link, target := filepath.Join(dir, "file"), filepath.Join(dir, "link"), filepath.Join(dir, "target")
	for _, p := range []string{file, target} {
		if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for _, dest := range []string{file, link} {
		tmp := download(t, dest, "new")
		if err := tmp.Publish(true); err != nil {
			t.Fatalf("%s: %v", dest, err)
		}
		if info, _ := os.Lstat(dest); !info.Mode().IsRegular() || readFile(t, dest) != "new" {
			t.Errorf("%s: not replaced by the download (mode %v)", dest, info.Mode())
		}
	}
	if got := readFile(t, target); got != "old" {
		t.Errorf("replacing the symbolic link wrote through it to its target: %q", got)
	}
	noTemps(t, dir)
}

// TestPublishRefusesADestinationThatAppearsLate makes the destination
// appear after the download is complete and the early check passed, just
// before publishing: the check-then-rename race the link closes.
func TestPublishRefusesADestinationThatAppearsLate(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "dest")
	if err := CheckFree(dest); err != nil {
		t.Fatal(err)
	}
	tmp := download(t, dest, "download")
	defer tmp.Discard()
	beforePublish = func(d string) {
		if err := os.WriteFile(d, []byte("racer"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	defer func() { beforePublish = func(string) {} }()
	if err := tmp.Publish(false); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Publish = %v, want it refused", err)
	}
	if got := readFile(t, dest); got != "racer" {
		t.Errorf("the file that appeared was replaced: %q", got)
	}
	noTemps(t, dir)
}

func TestDiscardRemovesTheTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	tmp := download(t, filepath.Join(dir, "dest"), "partial")
	tmp.Discard()
	tmp.Discard()
	noTemps(t, dir)
	if err := tmp.Publish(false); err == nil {
		t.Error("Publish after Discard succeeded")
	}
}

func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	old := now.Add(-2 * StaleAfter)
	files := map[string]time.Time{
		TempPrefix + "123456":         old, // a killed cp
		".s3sec-download-987":         old, // a killed console download, older name
		TempPrefix + "555":            now, // a download running now
		TempPrefix + "12-notours":     old, // not a name os.CreateTemp makes for us
		"report.pdf":                  old,
		TempPrefix + "777" + ".extra": old,
	}
	for name, mtime := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	// A symbolic link named like ours is never followed nor removed.
	if err := os.Symlink(filepath.Join(dir, "report.pdf"), filepath.Join(dir, TempPrefix+"42")); err != nil {
		t.Fatal(err)
	}
	found := CleanStale(dir, now)
	var removed []string
	for _, s := range found {
		if s.Err != nil {
			t.Errorf("%s: %v", s.Path, s.Err)
		}
		if s.Age < StaleAfter {
			t.Errorf("%s: age %v", s.Path, s.Age)
		}
		removed = append(removed, filepath.Base(s.Path))
	}
	if strings.Join(removed, ",") != TempPrefix+"123456,.s3sec-download-987" &&
		strings.Join(removed, ",") != ".s3sec-download-987,"+TempPrefix+"123456" {
		t.Errorf("removed %v", removed)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != len(files)-2+1 {
		t.Errorf("%d entries left, want %d", len(left), len(files)-1)
	}
	for _, name := range removed {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s still there", name)
		}
	}
}
