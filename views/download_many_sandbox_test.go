package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// d with several marked objects saves them all into a chosen folder, each
// under a safe name of its own, never over an existing file. Before, d
// downloaded only the row under the cursor and ignored the marks.
func TestDownloadMarkedObjectsIntoAFolderSandbox(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "exports_orders-eu.csv")
	if err := os.WriteFile(taken, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	a := settledApp(t, openSandbox(t), 120, 30)
	d := openObjects(t, a, "acme-scratch")
	keys(a, "space", "j", "space") // exports/customers-eu.csv, exports/orders-eu.csv
	keys(a, "d")
	wantOnScreen(t, a, "Save 2 objects into the folder")
	keys(a, "ctrl+u")
	paste(a, dir)
	keys(a, "enter")
	wantOnScreen(t, a, "exports/customers-eu.csv → "+filepath.Join(dir, "exports_customers-eu.csv"),
		"exports/orders-eu.csv → "+filepath.Join(dir, "exports_orders-eu-2.csv"), "Download 2 objects?")
	keys(a, "y")
	wantOnScreen(t, a, "✓ exports/customers-eu.csv", "✓ exports/orders-eu.csv")
	if b, _ := os.ReadFile(taken); string(b) != "mine" {
		t.Fatal("an existing file was replaced")
	}
	for _, name := range []string{"exports_customers-eu.csv", "exports_orders-eu-2.csv"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || len(b) == 0 {
			t.Fatalf("%s: %v, %d bytes", name, err, len(b))
		}
	}
	keys(a, "enter")
	if d.flow != nil {
		t.Fatal("enter closes the list")
	}
}

func TestSafeFileName(t *testing.T) {
	for key, want := range map[string]string{
		"a/b/c.txt":          "a_b_c.txt",
		"../../etc/passwd":   "_.._etc_passwd",
		".hidden":            "hidden",
		"evil\u202etxt.exe":  "evil_txt.exe",
		"line\nbreak":        "line_break",
		"":                   "object",
		"C:\\windows\\x.dll": "C__windows_x.dll",
	} {
		if got := safeFileName(key); got != want || strings.ContainsAny(got, "/\\") {
			t.Errorf("safeFileName(%q) = %q, want %q", key, got, want)
		}
	}
}
