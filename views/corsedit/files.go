package corsedit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/s3sec/s3sec/awsops"
)

// maxJSONFile bounds what an import reads: S3 refuses configurations over
// 64 KB of XML, and the JSON of the same rules is about as long.
const maxJSONFile = 1 << 20

// ReadJSONFile imports rules from a --cors-configuration file. Errors name
// the file and, for malformed JSON, the line and column.
func ReadJSONFile(path string) ([]awsops.CORSRule, error) {
	path = expandHome(strings.TrimSpace(path))
	if path == "" {
		return nil, errors.New("type the path of a JSON file")
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a JSON file", path)
	}
	if info.Size() > maxJSONFile {
		return nil, fmt.Errorf("%s is %d bytes: too large for a CORS configuration", path, info.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	rules, err := awsops.ParseCORSJSON(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return rules, nil
}

// WriteJSONFile exports rules as a --cors-configuration file. It never
// replaces an existing file: the user's own file is not overwritten by a
// mistyped path.
func WriteJSONFile(path string, rules []awsops.CORSRule) (string, error) {
	path = expandHome(strings.TrimSpace(path))
	if path == "" {
		return "", errors.New("type the path of the file to write")
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", fileError(path, err)
	}
	_, werr := f.Write(awsops.FormatCORSJSON(rules))
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = os.Remove(path)
		return "", fileError(path, werr)
	}
	return path, nil
}

// fileError words a file error for the form.
func fileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist (or its folder does not)", path)
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s already exists: choose another name (it is never overwritten)", path)
	case errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("%s: a part of the path is a file, not a folder", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", path)
	}
	return err
}

// expandHome turns a leading ~/ into the home folder, as a shell would.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

// EditorSession is one round trip of the rules' JSON through $EDITOR: a
// private temporary file (0600) that the editor changes and Finish reads
// and removes.
type EditorSession struct {
	Path string
	Cmd  *exec.Cmd
}

// StartEditor writes text to a fresh temporary file and prepares the
// user's editor on it ($VISUAL, then $EDITOR, then vi). The command is not
// started: the program runs it with the terminal (tea.ExecProcess).
func StartEditor(text []byte) (*EditorSession, error) {
	editor := strings.Fields(os.Getenv("VISUAL"))
	if len(editor) == 0 {
		editor = strings.Fields(os.Getenv("EDITOR"))
	}
	if len(editor) == 0 {
		if _, err := exec.LookPath("vi"); err != nil {
			return nil, errors.New("no editor: set $EDITOR (for example EDITOR=nano)")
		}
		editor = []string{"vi"}
	}
	f, err := os.CreateTemp("", "s3sec-cors-*.json") // 0600: only the user reads the draft
	if err != nil {
		return nil, fmt.Errorf("temporary file: %w", err)
	}
	_, werr := f.Write(text)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = os.Remove(f.Name())
		return nil, fmt.Errorf("temporary file: %w", werr)
	}
	cmd := exec.Command(editor[0], append(editor[1:], f.Name())...)
	return &EditorSession{Path: f.Name(), Cmd: cmd}, nil
}

// Finish reads what the editor left and removes the file, whatever
// happened; runErr is the editor's own exit. The text is returned even
// when it does not parse, so the next round starts from it.
func (s *EditorSession) Finish(runErr error) (text []byte, rules []awsops.CORSRule, err error) {
	defer os.Remove(s.Path)
	text, rerr := os.ReadFile(s.Path)
	if rerr != nil {
		return nil, nil, fmt.Errorf("reading the edited file: %w", rerr)
	}
	if runErr != nil {
		return text, nil, fmt.Errorf("the editor failed (%v); nothing was imported", runErr)
	}
	rules, err = awsops.ParseCORSJSON(text)
	return text, rules, err
}
