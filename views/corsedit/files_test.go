package corsedit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

func TestJSONFileImportExport(t *testing.T) {
	dir := t.TempDir()
	rules := []awsops.CORSRule{{ID: "app", AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"GET"}}}
	path := filepath.Join(dir, "cors.json")
	if _, err := WriteJSONFile(path, rules); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJSONFile(path)
	if err != nil || len(got) != 1 || got[0].ID != "app" || got[0].AllowedOrigins[0] != "https://app.example.com" {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	if _, err := WriteJSONFile(path, nil); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("an existing file must never be replaced, got %v", err)
	}
	if again, _ := ReadJSONFile(path); len(again) != 1 {
		t.Fatal("the refused export changed the file")
	}

	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{\"CORSRules\": [\n  {\"AllowedOrigins\": [\"x\"],}\n]}"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{bad, "bad.json: line 2, column"},
		{filepath.Join(dir, "missing.json"), "does not exist"},
		{dir, "is a folder"},
		{"  ", "type the path"},
	} {
		if _, err := ReadJSONFile(tc.path); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("read %q: %v, want %q", tc.path, err, tc.want)
		}
	}
}

// fakeEditor installs a shell script as $EDITOR that records the file it
// was given and its mode, then replaces the file's text with text.
func fakeEditor(t *testing.T, text string) (seen string) {
	t.Helper()
	dir := t.TempDir()
	seen = filepath.Join(dir, "seen")
	src := filepath.Join(dir, "new.json")
	if err := os.WriteFile(src, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "editor.sh")
	body := "#!/bin/sh\nstat -c %a \"$1\" > " + seen + "\ncat \"$1\" >> " + seen + "\ncp " + src + " \"$1\"\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", script)
	return seen
}

func TestEditorRoundTrip(t *testing.T) {
	seen := fakeEditor(t, `{"CORSRules":[{"AllowedOrigins":["https://app.example.com"],"AllowedMethods":["GET"]}]}`)
	sess, err := StartEditor([]byte("DRAFT"))
	if err != nil {
		t.Fatal(err)
	}
	runErr := sess.Cmd.Run()
	_, rules, err := sess.Finish(runErr)
	if err != nil || len(rules) != 1 {
		t.Fatalf("rules %+v, %v", rules, err)
	}
	if b, _ := os.ReadFile(seen); string(b) != "600\nDRAFT" {
		t.Fatalf("the editor must get the draft in a 0600 file, saw %q", b)
	}
	if _, err := os.Stat(sess.Path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the temporary file must be removed, stat: %v", err)
	}
}

func TestEditorKeepsMalformedText(t *testing.T) {
	const broken = `{"CORSRules": [ {"AllowedOrigins": ["https://a.example"] `
	fakeEditor(t, broken)
	sess, err := StartEditor([]byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	text, rules, err := sess.Finish(sess.Cmd.Run())
	if err == nil || !strings.Contains(err.Error(), "malformed JSON") || rules != nil {
		t.Fatalf("want a malformed-JSON error, got rules %+v, %v", rules, err)
	}
	if string(text) != broken {
		t.Fatalf("the user's text must come back to be fixed, got %q", text)
	}
	if _, err := os.Stat(sess.Path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the temporary file must be removed even on error, stat: %v", err)
	}
}

func TestEditorFailureImportsNothing(t *testing.T) {
	t.Setenv("VISUAL", "false") // exits 1 without touching the file
	sess, err := StartEditor([]byte(`{"CORSRules":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, rules, err := sess.Finish(sess.Cmd.Run())
	if err == nil || !strings.Contains(err.Error(), "nothing was imported") || rules != nil {
		t.Fatalf("a failed editor imports nothing: %+v, %v", rules, err)
	}
}
