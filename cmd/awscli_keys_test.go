package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// oddCLIKeys differ only in a control character, or need URL encoding to
// stay apart (space, "+", "%"), or hold a bidi override.
var oddCLIKeys = []string{"a\x1bb", "a\x1cb", "a b", "a+b", "100%", "x/\u202etxt.exe", "é/ü"}

// The aws CLI (botocore) asks for encoding-type=url on its own and decodes
// the answer: what it prints must be the keys as stored.
func TestAWSCLIListsOddKeysExactly(t *testing.T) {
	bin := requireTool(t, "aws", "the aws CLI v1 from pip")
	env := startSandboxCommand(t)
	if out, err := awsCLI(t, bin, env, "s3api", "create-bucket", "--bucket", "cli-keys"); err != nil {
		t.Fatalf("create-bucket: %v\n%s", err, out)
	}
	if out, err := awsCLI(t, bin, env, "s3api", "put-bucket-versioning", "--bucket", "cli-keys", "--versioning-configuration", "Status=Enabled"); err != nil {
		t.Fatalf("put-bucket-versioning: %v\n%s", err, out)
	}
	body := filepath.Join(t.TempDir(), "body")
	if err := os.WriteFile(body, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, k := range oddCLIKeys {
		if out, err := awsCLI(t, bin, env, "s3api", "put-object", "--bucket", "cli-keys", "--key", k, "--body", body); err != nil {
			t.Fatalf("put-object %q: %v\n%s", k, err, out)
		}
	}
	want := slices.Clone(oddCLIKeys)
	slices.Sort(want)

	out, err := awsCLI(t, bin, env, "s3api", "list-objects-v2", "--bucket", "cli-keys", "--output", "json")
	if err != nil {
		t.Fatalf("list-objects-v2: %v\n%s", err, out)
	}
	var lo struct{ Contents []struct{ Key string } }
	if err := json.Unmarshal([]byte(out), &lo); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []string
	for _, c := range lo.Contents {
		got = append(got, c.Key)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("list-objects-v2 keys %q, want %q", got, want)
	}

	// One key per page: the decoded NextKeyMarker goes back as key-marker.
	out, err = awsCLI(t, bin, env, "s3api", "list-object-versions", "--bucket", "cli-keys", "--page-size", "1", "--output", "json")
	if err != nil {
		t.Fatalf("list-object-versions: %v\n%s", err, out)
	}
	var lv struct{ Versions []struct{ Key string } }
	if err := json.Unmarshal([]byte(out), &lv); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got = got[:0]
	for _, v := range lv.Versions {
		got = append(got, v.Key)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("list-object-versions keys %q, want %q", got, want)
	}
}

// cp prints the key it copied escaped, and a download into a directory
// takes a safe file name from it.
func TestCpEscapesKeysInMessages(t *testing.T) {
	cpSandbox(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "in.txt")
	writeFile(t, src, []byte("odd\n"))
	const key = "s3://acme-scratch/x/\x1b[2Ja\u202etxt.exe"
	code, stdout, stderr := runCLI(t, "cp", src, key)
	if code != exitOK || !strings.Contains(stdout, `to s3://acme-scratch/x/\x1b[2Ja\u202etxt.exe (`) {
		t.Fatalf("upload: exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	out := t.TempDir()
	code, stdout, stderr = runCLI(t, "cp", key, out)
	if code != exitOK || !strings.Contains(stdout, `download: s3://acme-scratch/x/\x1b[2Ja\u202etxt.exe to `) {
		t.Fatalf("download: exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	if names := onlyFiles(t, out); len(names) != 1 || names[0] != "_[2Ja_txt.exe" {
		t.Fatalf("downloaded as %q, want one file named without control characters", names)
	}
	for _, s := range []string{stdout, stderr} {
		if strings.ContainsAny(s, "\x1b\u202e") {
			t.Fatalf("raw control character in cp output: %q", s)
		}
	}
	code, _, stderr = runCLI(t, "cp", "s3://acme-scratch/missing\x1b[31m", out)
	if code == exitOK || strings.Contains(stderr, "\x1b") {
		t.Fatalf("error for a missing key: exit %d, stderr %q", code, stderr)
	}
}
