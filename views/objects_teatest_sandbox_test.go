package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// uploadSteps drives the upload form of the Objects pane shown at title
// at, up to the encryption question: file, then object key.
func uploadSteps(t *testing.T, tm *teatest.TestModel, at, src, key string) {
	t.Helper()
	typeKeys(tm, "u")
	waitTitle(t, tm, at+" › Upload: file")
	tm.Send(tea.PasteMsg{Content: src})
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Upload: object key")
	tm.Send(tea.PasteMsg{Content: key})
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Upload: encryption")
}

func TestUploadSSECFlowSandbox(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "memo.txt")
	if err := os.WriteFile(src, []byte("memo\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startConsole(t, openSandbox(t), 120, 30)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "v", "a", "u", "l", "t", "enter")
	waitTitle(t, tm, "s3sec: Buckets /vault")
	typeKeys(tm, "enter", "shift+tab")
	const at = "s3sec: Buckets /vault › acme-ssec-vault › Objects · page 1"
	waitTitle(t, tm, at)
	uploadSteps(t, tm, at, src, "memos/memo.txt")
	typeKeys(tm, "down", "down", "down", "down", "enter")
	waitTitle(t, tm, at+" › Upload: SSE-C key")
	typeKeys(tm, "down", "enter") // generate
	waitTitle(t, tm, at+" › Upload: SSE-C key file")
	tm.Send(tea.PasteMsg{Content: filepath.Join(dir, "memo.key")})
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Upload: note") // the loud warning
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Upload: confirm")
	typeKeys(tm, "y")
	waitTitle(t, tm, at) // uploaded, listed again, encryption read
	out := quitAndRender(t, tm)
	var row string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "memos/memo.txt") {
			row = l
		}
	}
	if !strings.Contains(row, "SSE-C") {
		t.Fatalf("the uploaded object must show SSE-C, row %q:\n%s", row, out)
	}
}

func TestSSECRefusedOverHTTPFlowSandbox(t *testing.T) {
	src := filepath.Join(t.TempDir(), "memo.txt")
	if err := os.WriteFile(src, []byte("memo\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	be := &uploadCounter{Backend: openSandboxHTTP(t)}
	tm := startConsole(t, be, 120, 30)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "v", "a", "u", "l", "t", "enter")
	waitTitle(t, tm, "s3sec: Buckets /vault")
	typeKeys(tm, "enter", "shift+tab")
	const at = "s3sec: Buckets /vault › acme-ssec-vault › Objects · page 1"
	waitTitle(t, tm, at)
	uploadSteps(t, tm, at, src, "memos/memo.txt")
	// The choice is refused on the spot (no command runs between the keys
	// and the check), so ctrl+c shows the frame with the refusal.
	typeKeys(tm, "down", "down", "down", "down", "enter", "ctrl+c")
	final := tm.FinalModel(t).(*App)
	out := screenText(final)
	if !strings.Contains(out, "SSE-C is refused over plain HTTP: the key would travel in clear text") || !strings.Contains(out, "Upload: encryption") {
		t.Fatalf("want the refusal at the encryption question:\n%s", out)
	}
	if be.uploads.Load() != 0 {
		t.Fatalf("%d uploads sent over HTTP", be.uploads.Load())
	}
}
