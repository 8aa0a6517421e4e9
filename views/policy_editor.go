package views

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// policyEditedMsg is the text the user left in the editor for flow id;
// err says why there is none (the text is then the one sent in, kept).
type policyEditedMsg struct {
	id   int
	text string
	err  error
}

// editorCommand is the user's editor on path: $VISUAL, else $EDITOR (the
// usual habit of git and crontab), else vi. The variable may carry
// arguments ("code --wait").
func editorCommand(path string) *exec.Cmd {
	editor := strings.TrimSpace(os.Getenv("VISUAL"))
	if editor == "" {
		editor = strings.TrimSpace(os.Getenv("EDITOR"))
	}
	if editor == "" {
		editor = "vi"
	}
	fields := strings.Fields(editor)
	return exec.Command(fields[0], append(fields[1:], path)...)
}

// prepareEdit writes text to a new temporary file only the user can read
// (a policy names accounts and roles) and returns the editor command on it.
func prepareEdit(text string) (path string, cmd *exec.Cmd, err error) {
	f, err := os.CreateTemp("", "s3sec-policy-*.json")
	if err != nil {
		return "", nil, fmt.Errorf("cannot create a file to edit the policy in: %w", err)
	}
	path = f.Name()
	if err := f.Chmod(0o600); err != nil { // CreateTemp makes 0600 already; say it, in case that changes
		f.Close()
		os.Remove(path)
		return "", nil, err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		os.Remove(path)
		return "", nil, fmt.Errorf("cannot write the policy to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return "", nil, err
	}
	return path, editorCommand(path), nil
}

// finishEdit reads what the editor left and removes the file. When the
// editor failed, or the file cannot be read, the text sent in is returned
// with the error, so nothing the user had is lost.
func finishEdit(path, sent string, runErr error) (string, error) {
	b, readErr := os.ReadFile(path)
	os.Remove(path)
	switch {
	case errors.Is(runErr, exec.ErrNotFound):
		return sent, fmt.Errorf("no editor could be started (%v): set $EDITOR (or $VISUAL) to the editor to use", runErr)
	case runErr != nil:
		return sent, fmt.Errorf("the editor did not finish (%v); your text is as before", runErr)
	case readErr != nil:
		return sent, fmt.Errorf("cannot read the edited policy back: %w", readErr)
	}
	return string(b), nil
}

// launchEditor starts the editor on a policy text for flow id; tests run
// the same editor command without handing over a terminal.
var launchEditor = editPolicyCmd

// editPolicyCmd hands the terminal to the editor on text (tea.ExecProcess
// suspends the console until the editor exits) and reports the result.
func editPolicyCmd(id int, text string) tea.Cmd {
	path, cmd, err := prepareEdit(text)
	if err != nil {
		return func() tea.Msg { return policyEditedMsg{id: id, text: text, err: err} }
	}
	return tea.ExecProcess(cmd, func(runErr error) tea.Msg {
		got, err := finishEdit(path, text, runErr)
		return policyEditedMsg{id: id, text: got, err: err}
	})
}
