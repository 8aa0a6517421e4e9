package views

import (
	"context"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// Every applied plan is read back and, where its steps say so, probed
// (awsops.Session.Verify): an endpoint that accepted a setting but does not
// keep or enforce it must never be shown as a success. These helpers are
// shared by the plan flow and the MFA-aware change.

// applyAndVerify applies p and, once every step succeeded, runs its
// checks, calling verifying (may be nil) before the first.
func applyAndVerify(ctx context.Context, be Backend, p awsops.Plan, mfa awsops.MFA, progress func(int, awsops.Step, error), verifying func()) (awsops.Verification, error) {
	if err := be.Apply(ctx, p, mfa, progress); err != nil {
		return awsops.Verification{}, err
	}
	if len(p.Checks()) == 0 {
		return awsops.Verification{}, nil
	}
	if verifying != nil {
		verifying()
	}
	return be.Verify(ctx, p), nil
}

// planVerifyingMsg says the plan applied and its checks run now.
type planVerifyingMsg struct{ id int }

// Marks of the outcome lines: outcomeStyle styles a line by its first rune.
const (
	markPassed       = "✓ "
	markFailed       = "✗ "
	markInconclusive = "⚠ "
)

// verificationLines says what each check found, one line each, marked.
func verificationLines(v awsops.Verification) []string {
	var out []string
	for _, r := range v.Results {
		detail := termsafe.String(r.Detail)
		switch r.Outcome {
		case awsops.CheckPassed:
			out = append(out, markPassed+"checked ("+r.Kind.String()+", "+r.API+"): "+termsafe.String(r.Title))
		case awsops.CheckFailed:
			out = append(out, markFailed+"NOT IN FORCE: "+detail)
		default:
			out = append(out, markInconclusive+"could not check that "+termsafe.String(r.Title)+": "+detail)
		}
	}
	return out
}

// verificationStatus is the status-bar message of an applied plan: success
// only when every check passed; a setting not kept or not enforced is an
// error, a check that could not tell a warning.
func verificationStatus(title, success string, v awsops.Verification) (ui.Level, string) {
	if f := v.Failed(); len(f) > 0 {
		return ui.LevelError, title + ": applied, but " + termsafe.String(f[0].Detail)
	}
	if u := v.Inconclusive(); len(u) > 0 {
		return ui.LevelWarn, title + ": applied, but could not check that " + termsafe.String(u[0].Title) + ": " + termsafe.String(u[0].Detail)
	}
	if n := len(v.Results); n > 0 {
		return ui.LevelSuccess, success + " (read back and checked)"
	}
	return ui.LevelSuccess, success
}

// checkLines lists a step's checks for the plan preview.
func checkLines(st awsops.Step) []string {
	var out []string
	for _, c := range st.Checks {
		out = append(out, termsafe.String(c.Describe()))
	}
	return out
}
