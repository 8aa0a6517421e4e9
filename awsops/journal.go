package awsops

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Step results as the journal records them.
const (
	StepApplied    = "applied"
	StepFailed     = "failed"
	StepNotApplied = "not applied"
)

// JournalStep is one step of an applied plan: only the displayable,
// already redacted fields of Step (never an SSE-C key or an MFA code).
type JournalStep struct {
	Title  string `json:"title"`
	API    string `json:"api"`
	CLI    string `json:"cli"`
	Result string `json:"result"`          // StepApplied, StepFailed or StepNotApplied
	Error  string `json:"error,omitempty"` // why a failed step failed
}

// JournalEntry is one applied (or partly applied) plan.
type JournalEntry struct {
	Time     time.Time     `json:"time"`
	Identity string        `json:"identity"` // caller ARN, "" when STS could not say
	Endpoint string        `json:"endpoint"` // "" for AWS itself
	Bucket   string        `json:"bucket"`
	Region   string        `json:"region,omitempty"`
	Title    string        `json:"title"`
	Steps    []JournalStep `json:"steps"`
}

// Journal receives every plan the session applies.
type Journal interface {
	Record(JournalEntry) error
}

// FileJournal appends entries as JSON lines to a file created 0600 (its
// directory 0700): the journal says what was done to which bucket.
type FileJournal struct {
	Path string
	mu   sync.Mutex
}

// DefaultJournalPath is $XDG_STATE_HOME/s3sec/journal.jsonl, or
// ~/.local/state/s3sec/journal.jsonl when XDG_STATE_HOME is unset or not absolute.
func DefaultJournalPath() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "s3sec", "journal.jsonl"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no state directory for the change journal: %w", err)
	}
	return filepath.Join(home, ".local", "state", "s3sec", "journal.jsonl"), nil
}

// Record appends one entry as a line of JSON.
func (j *FileJournal) Record(e JournalEntry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(j.Path), 0o700); err != nil {
		return fmt.Errorf("change journal: %w", err)
	}
	f, err := os.OpenFile(j.Path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("change journal: %w", err)
	}
	_, werr := f.Write(append(line, '\n'))
	return errors.Join(werr, f.Close())
}

// ReadJournal reads every entry of a journal file; a missing file is an
// empty journal. A line that is not an entry is an error naming its number.
func ReadJournal(path string) ([]JournalEntry, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []JournalEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20) // a policy step's CLI line can be long
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var e JournalEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return out, fmt.Errorf("%s line %d: %w", path, n, err)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// journalSink is the session's optional journal and what it learned.
type journalSink struct {
	mu       sync.Mutex
	j        Journal
	identity string // caller ARN, asked once
	lastErr  error
}

// SetJournal makes every later Apply append to j (nil stops journaling).
func (s *Session) SetJournal(j Journal) {
	s.journal.mu.Lock()
	defer s.journal.mu.Unlock()
	s.journal.j = j
}

// JournalErr is the last failure to write the journal, nil when none.
func (s *Session) JournalErr() error {
	s.journal.mu.Lock()
	defer s.journal.mu.Unlock()
	return s.journal.lastErr
}

// recordApplied journals a plan whose steps up to results ran. Steps
// without a result were not applied.
func (s *Session) recordApplied(ctx context.Context, p Plan, mfa MFA, results []error) {
	s.journal.mu.Lock()
	j, arn := s.journal.j, s.journal.identity
	s.journal.mu.Unlock()
	if j == nil || len(results) == 0 {
		return
	}
	if arn == "" {
		// The caller ARN is worth one STS call per session; a context
		// already cancelled (esc mid-plan) still gets its entry.
		idCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		if id, err := s.Identity(idCtx); err == nil {
			arn = id.ARN
		}
		cancel()
	}
	e := JournalEntry{Time: time.Now().UTC().Truncate(time.Second), Identity: arn, Endpoint: s.Endpoint(), Bucket: p.Bucket, Region: p.Region, Title: p.Title}
	for i, st := range p.Steps {
		js := JournalStep{Title: st.Title, API: st.API, CLI: st.CLI, Result: StepNotApplied}
		if i < len(results) {
			js.Result = StepApplied
			if results[i] != nil {
				js.Result, js.Error = StepFailed, results[i].Error()
				if mfa.Code != "" {
					// Belt and braces: no error of ours repeats the code.
					js.Error = strings.ReplaceAll(js.Error, mfa.Code, "******")
				}
			}
		}
		e.Steps = append(e.Steps, js)
	}
	err := j.Record(e)
	s.journal.mu.Lock()
	if arn != "" {
		s.journal.identity = arn
	}
	s.journal.lastErr = err
	s.journal.mu.Unlock()
}
