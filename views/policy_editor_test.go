package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// scriptedEditor makes $EDITOR a shell script that replaces the file it
// is given with the text last passed to next, and runs the real editor
// command (prepareEdit, the process, finishEdit) in a command instead of
// tea.ExecProcess, which needs a terminal to hand over. opened records
// every text the editor was opened on.
func scriptedEditor(t *testing.T) (next func(string), opened *[]string) {
	t.Helper()
	dir := t.TempDir()
	nextFile := filepath.Join(dir, "next")
	script := filepath.Join(dir, "editor.sh")
	body := "#!/bin/sh\nperm=$(stat -c %a \"$1\")\n[ \"$perm\" = 600 ] || { echo \"mode $perm\" >&2; exit 3; }\ncat '" + nextFile + "' > \"$1\"\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", script)
	seen := &[]string{}
	old := launchEditor
	launchEditor = func(id int, text string) tea.Cmd {
		*seen = append(*seen, text)
		return func() tea.Msg {
			path, cmd, err := prepareEdit(text)
			if err != nil {
				return policyEditedMsg{id: id, text: text, err: err}
			}
			got, err := finishEdit(path, text, cmd.Run())
			return policyEditedMsg{id: id, text: got, err: err}
		}
	}
	t.Cleanup(func() { launchEditor = old })
	return func(s string) {
		if err := os.WriteFile(nextFile, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}, seen
}

func TestEditorRoundTripIsPrivateAndCleansUp(t *testing.T) {
	next, _ := scriptedEditor(t)
	next(`{"edited": true}`)
	path, cmd, err := prepareEdit("original")
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("temp file mode %v %v, want 0600", fi.Mode().Perm(), err)
	}
	if cmd.Args[len(cmd.Args)-1] != path {
		t.Fatalf("the editor is not given the file: %v", cmd.Args)
	}
	got, err := finishEdit(path, "original", cmd.Run())
	if err != nil || got != `{"edited": true}` {
		t.Fatalf("edited text %q %v", got, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("temp file left behind: %v", err)
	}
}

func TestEditorFailureKeepsTheText(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "false")
	path, cmd, err := prepareEdit("my draft")
	if err != nil {
		t.Fatal(err)
	}
	got, err := finishEdit(path, "my draft", cmd.Run())
	if got != "my draft" || err == nil || !strings.Contains(err.Error(), "your text is as before") {
		t.Fatalf("failed editor: %q %v", got, err)
	}
	t.Setenv("EDITOR", "s3sec-no-such-editor --wait")
	path, cmd, _ = prepareEdit("my draft")
	if got, err := finishEdit(path, "my draft", cmd.Run()); got != "my draft" || err == nil || !strings.Contains(err.Error(), "set $EDITOR") {
		t.Fatalf("missing editor: %q %v", got, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("temp file left behind after a failed editor")
	}
}

func TestEditorCommandPrefersVisualAndKeepsArguments(t *testing.T) {
	t.Setenv("VISUAL", "code --wait")
	t.Setenv("EDITOR", "nano")
	if got := strings.Join(editorCommand("/tmp/p.json").Args, " "); got != "code --wait /tmp/p.json" {
		t.Fatalf("args %q", got)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	if got := editorCommand("/tmp/p.json").Args[0]; got != "vi" {
		t.Fatalf("fallback %q", got)
	}
}
