package views

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// The editor through the real program loop: tea.ExecProcess hands the
// program's input and output to $EDITOR (a script here), then the console
// resumes with the edited text, validated and planned.
func TestPolicyEditorExecTeatestSandbox(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "editor.sh")
	body := "#!/bin/sh\nsed 's/s3sec-DenyInsecureTransport/EditedInTheEditor/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", script)
	rec := frameRecorder{app: NewApp(Config{Backend: openSandbox(t), Demo: true, Parallel: 4, Clock: sandboxClock}), mu: &sync.Mutex{}, frames: new([]string)}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	const at = "s3sec: Buckets /scratch › acme-scratch › Transit"
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/")
	tm.Send(tea.PasteMsg{Content: "scratch"})
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets /scratch")
	typeKeys(tm, "enter", "tab", "tab", "tab", "tab", "tab")
	waitTitle(t, tm, at)
	typeKeys(tm, "p")
	waitTitle(t, tm, at+" › Policy")
	typeKeys(tm, "e")
	waitTitle(t, tm, at+" › Policy: plan")
	typeKeys(tm, "y")
	waitTitle(t, tm, at+" › Policy: done")
	tm.Send(press("ctrl+c"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(frameRecorder)
	all := strings.Join(final.seen(), "\n")
	if !strings.Contains(all, "EditedInTheEditor") || !strings.Contains(ansi.Strip(final.app.View().Content), "read back from the bucket: the policy is in place, TLS only yes") {
		t.Fatalf("the edit did not come back from the editor:\n%s", ansi.Strip(final.app.View().Content))
	}
	left, _ := filepath.Glob(filepath.Join(os.TempDir(), "s3sec-policy-*.json"))
	for _, f := range left {
		if fi, err := os.Stat(f); err == nil && time.Since(fi.ModTime()) < time.Minute {
			t.Errorf("temporary policy file left behind: %s", f)
		}
	}
}
