package awsops

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// MFA is the serial and current code of an MFA device, for steps that need
// the x-amz-mfa header. It is never stored in a Plan, logged or displayed.
type MFA struct {
	Serial string
	Code   string
}

// String redacts the code so an MFA value can never leak through %v.
func (m MFA) String() string {
	if m.Serial == "" {
		return "MFA{}"
	}
	return "MFA{" + m.Serial + " ******}"
}

// Step is one API call of a plan. Everything displayable is redacted at
// construction: secrets (SSE-C keys, master keys, MFA codes) live only in the
// unexported run function's closure.
type Step struct {
	Title    string   // what the step does, in words: "Turn on the bucket key"
	API      string   // the API operation, e.g. "s3:PutBucketEncryption"
	Params   []string // redacted parameters as "Name=value" lines, for the plan preview
	CLI      string   // the equivalent aws CLI command; secrets appear as placeholders such as 'SERIAL CODE'
	NeedsMFA bool     // the call carries x-amz-mfa: Apply needs an MFA code
	// Diff is the document before and after, for a step that replaces one
	// (a bucket policy); unchanged runs are elided (CompactDiff).
	Diff []DiffLine
	// Checks verify the step once the whole plan applied: read the setting
	// back, probe that it is enforced (verify.go). Listed in the preview.
	Checks []StepCheck
	run    func(ctx context.Context, s *Session, mfa MFA) error
}

// Plan is a change, built purely from the current state and the user's
// choices, shown to the user before it is applied.
type Plan struct {
	Title    string // "Enable MFA Delete on acme-secure-records"
	Bucket   string
	Region   string
	Steps    []Step
	Warnings []string // shown loudly before confirmation
	// SecondConfirm, when set, is a question the user must answer yes to
	// after the first confirmation: for a change whose harm grows on its
	// own once applied, such as a logging loop.
	SecondConfirm string
}

// NeedsMFA reports whether any step needs an MFA code.
func (p Plan) NeedsMFA() bool {
	for _, s := range p.Steps {
		if s.NeedsMFA {
			return true
		}
	}
	return false
}

// CLIScript returns the plan's aws CLI commands, one per line.
func (p Plan) CLIScript() string {
	var b strings.Builder
	for _, s := range p.Steps {
		b.WriteString(s.CLI)
		b.WriteByte('\n')
	}
	return b.String()
}

// ErrMFARequired is returned by Apply when a step needs MFA and no code was given.
var ErrMFARequired = errors.New("this change needs an MFA code")

// StepError says which step of a plan failed; earlier steps were applied.
type StepError struct {
	Index int
	Step  Step
	Err   error
}

func (e *StepError) Error() string {
	return fmt.Sprintf("step %d (%s, %s) failed: %v", e.Index+1, e.Step.Title, e.Step.API, e.Err)
}

func (e *StepError) Unwrap() error { return e.Err }

// Apply runs the plan's steps in order and stops at the first failure,
// reporting each finished step to progress (which may be nil). The MFA code
// is used only for the steps that need it.
func (s *Session) Apply(ctx context.Context, p Plan, mfa MFA, progress func(index int, step Step, err error)) error {
	if p.NeedsMFA() && (mfa.Serial == "" || mfa.Code == "") {
		return ErrMFARequired
	}
	// Every step that ran, with its result, goes to the change journal
	// (journal.go) when the session has one.
	var results []error
	defer func() { s.recordApplied(ctx, p, mfa, results) }()
	for i, st := range p.Steps {
		if err := ctx.Err(); err != nil {
			return &StepError{Index: i, Step: st, Err: err}
		}
		var m MFA
		if st.NeedsMFA {
			m = mfa
		}
		var err error
		if st.run == nil {
			err = fmt.Errorf("step has nothing to run")
		} else {
			err = st.run(ctx, s, m)
		}
		s.learnFromStep(st, err)
		results = append(results, err)
		if progress != nil {
			progress(i, st, err)
		}
		if err != nil {
			return &StepError{Index: i, Step: st, Err: err}
		}
	}
	return nil
}
