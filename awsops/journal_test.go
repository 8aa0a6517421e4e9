package awsops

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestApplyJournalsEachStep: a plan that fails at its second step is
// journaled with the first applied, the second failed (with its error,
// the MFA code scrubbed from it) and the third not applied; the file is
// 0600 and reads back entry by entry.
func TestApplyJournalsEachStep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "s3sec", "journal.jsonl")
	s := &Session{endpoint: "https://127.0.0.1:9000"}
	s.journal.identity = "arn:aws:iam::111122223333:root" // asked of STS once per session; here known
	s.SetJournal(&FileJournal{Path: path})
	ok := func(context.Context, *Session, MFA) error { return nil }
	p := Plan{Title: "Three steps", Bucket: "b", Region: "eu-west-1", Steps: []Step{
		{Title: "one", API: "s3:One", CLI: "aws one", run: ok},
		{Title: "two", API: "s3:Two", CLI: "aws two --mfa 'SERIAL CODE'", NeedsMFA: true,
			run: func(_ context.Context, _ *Session, m MFA) error { return errors.New("refused code " + m.Code) }},
		{Title: "three", API: "s3:Three", CLI: "aws three", run: ok},
	}}
	err := s.Apply(context.Background(), p, MFA{Serial: "arn:aws:iam::111122223333:mfa/root", Code: "493817"}, nil)
	var se *StepError
	if !errors.As(err, &se) || se.Index != 1 {
		t.Fatalf("Apply: %v", err)
	}
	if err := s.Apply(context.Background(), Plan{Title: "needs a code", Steps: []Step{{NeedsMFA: true, run: ok}}}, MFA{}, nil); !errors.Is(err, ErrMFARequired) {
		t.Fatalf("Apply without a code: %v", err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("journal file: %v %v", err, fi)
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), "493817") {
		t.Errorf("the journal holds the MFA code:\n%s", raw)
	}
	entries, err := ReadJournal(path)
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries (a plan refused before any step is not journaled), %v", len(entries), err)
	}
	e := entries[0]
	if e.Bucket != "b" || e.Region != "eu-west-1" || e.Endpoint != "https://127.0.0.1:9000" || e.Identity != "arn:aws:iam::111122223333:root" || e.Time.IsZero() {
		t.Errorf("entry %+v", e)
	}
	want := []JournalStep{
		{Title: "one", API: "s3:One", CLI: "aws one", Result: StepApplied},
		{Title: "two", API: "s3:Two", CLI: "aws two --mfa 'SERIAL CODE'", Result: StepFailed, Error: "refused code ******"},
		{Title: "three", API: "s3:Three", CLI: "aws three", Result: StepNotApplied},
	}
	if len(e.Steps) != len(want) {
		t.Fatalf("steps %+v", e.Steps)
	}
	for i := range want {
		if e.Steps[i] != want[i] {
			t.Errorf("step %d = %+v, want %+v", i, e.Steps[i], want[i])
		}
	}
}

// TestJournalPathAndBadLines: XDG_STATE_HOME wins when absolute, else the
// home directory's .local/state; a missing journal is empty; a line that
// is not an entry is named.
func TestJournalPathAndBadLines(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_STATE_HOME", "/x/state")
	if p, _ := DefaultJournalPath(); p != "/x/state/s3sec/journal.jsonl" {
		t.Errorf("with XDG_STATE_HOME: %s", p)
	}
	t.Setenv("XDG_STATE_HOME", "relative")
	if p, _ := DefaultJournalPath(); p != filepath.Join(home, ".local/state/s3sec/journal.jsonl") {
		t.Errorf("fallback: %s", p)
	}
	if es, err := ReadJournal(filepath.Join(home, "none.jsonl")); err != nil || es != nil {
		t.Errorf("missing journal: %v %v", es, err)
	}
	bad := filepath.Join(home, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(`{"bucket":"a"}`+"\n\nnot json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadJournal(bad); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("bad line: %v", err)
	}
}
