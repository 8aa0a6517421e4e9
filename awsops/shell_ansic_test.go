package awsops

import (
	"os/exec"
	"strings"
	"testing"
)

func TestShellArgQuotesUnsafeKeysAsANSIC(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain/key.txt", "plain/key.txt"},
		{"a b", "'a b'"},
		{"it's", `'it'\''s'`},
		{"a\x1bb", `$'a\x1bb'`},
		{"x/\u202etxt.exe", `$'x/\u202etxt.exe'`},
		{"q'\\\x1c", `$'q\'\\\x1c'`},
		{"bad\xff", `$'bad\xff'`},
	}
	for _, c := range cases {
		if got := shellArg(c.in); got != c.want {
			t.Errorf("shellArg(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to check that the quoting reads back")
	}
	for _, c := range cases {
		out, err := exec.Command(bash, "-c", "printf %s "+shellArg(c.in)).Output()
		if err != nil || string(out) != c.in {
			t.Errorf("bash reads %s as %q (%v), want %q", shellArg(c.in), out, err, c.in)
		}
	}
	if strings.Contains(deleteObjectStep(stateWith(VersioningEnabled, MFADeleteDisabled, 0),
		ObjectVersionRef{Key: "a\x1bb", VersionID: "v1"}, false, "").CLI, "\x1b") {
		t.Error("the delete-object command holds a raw ESC")
	}
}
