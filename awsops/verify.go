package awsops

import (
	"context"
	"fmt"
)

// An endpoint may accept a change and not keep it (MinIO answers 200 to
// MFA Delete and ignores it), or keep it and not enforce it. So every plan
// says what its steps should have changed, and once applied s3sec reads it
// back and, where that is harmless, probes that it is enforced. A plan
// builder adopts this by setting Step.Checks, usually with ReadBack or with
// one of the probes (MFADeleteProbe, TLSOnlyProbe); the checks are listed in
// the plan preview and run by Session.Verify only after the plan applied.

// CheckKind says what a check does.
type CheckKind int

// Kinds of check.
const (
	CheckReadBack CheckKind = iota // a Get call reads the setting back and compares
	CheckProbe                     // a harmless request that must be refused if the setting is enforced
)

// String names the kind for the plan preview.
func (k CheckKind) String() string {
	if k == CheckProbe {
		return "probe"
	}
	return "read back"
}

// StepCheck is one verification of a step, run after the plan applied.
type StepCheck struct {
	Kind  CheckKind
	Title string // what is checked, in words: "MFA Delete reads back Enabled"
	API   string // the call it makes: "s3:GetBucketVersioning"
	run   func(ctx context.Context, s *Session) CheckResult
}

// Describe is the check as one line of the plan preview.
func (c StepCheck) Describe() string {
	return fmt.Sprintf("then %s: %s (%s)", c.Kind, c.Title, c.API)
}

// CheckOutcome is what a check found.
type CheckOutcome int

// Outcomes of a check.
const (
	CheckPassed       CheckOutcome = iota // the endpoint kept (or enforces) the setting
	CheckFailed                           // it accepted the change but does not keep or enforce it
	CheckInconclusive                     // the check could not tell (read refused, network error)
)

// CheckResult is the outcome of one check; Detail says what was seen, and
// for a failure it is the loud sentence the console shows.
type CheckResult struct {
	Kind    CheckKind
	Title   string
	API     string
	Outcome CheckOutcome
	Detail  string
}

// Verification is the outcome of every check of an applied plan, in order.
type Verification struct {
	Results []CheckResult
}

// Failed returns the checks that found the setting not kept or not enforced.
func (v Verification) Failed() []CheckResult { return v.with(CheckFailed) }

// Inconclusive returns the checks that could not tell.
func (v Verification) Inconclusive() []CheckResult { return v.with(CheckInconclusive) }

// OK reports whether every check passed (true when there were none).
func (v Verification) OK() bool { return len(v.Failed()) == 0 && len(v.Inconclusive()) == 0 }

func (v Verification) with(o CheckOutcome) []CheckResult {
	var out []CheckResult
	for _, r := range v.Results {
		if r.Outcome == o {
			out = append(out, r)
		}
	}
	return out
}

// Checks returns every check of the plan's steps, in step order.
func (p Plan) Checks() []StepCheck {
	var out []StepCheck
	for _, st := range p.Steps {
		out = append(out, st.Checks...)
	}
	return out
}

// Verify runs the checks of an applied plan, one after the other; call it
// only once Apply succeeded (the probes assume the change is in place). A
// canceled context leaves the remaining checks inconclusive.
func (s *Session) Verify(ctx context.Context, p Plan) Verification {
	var v Verification
	for _, c := range p.Checks() {
		var r CheckResult
		switch {
		case ctx.Err() != nil:
			r = CheckResult{Outcome: CheckInconclusive, Detail: "not run: " + ctx.Err().Error()}
		case c.run == nil:
			r = CheckResult{Outcome: CheckInconclusive, Detail: "the check has nothing to run"}
		default:
			r = c.run(ctx, s)
		}
		r.Kind, r.Title, r.API = c.Kind, c.Title, c.API
		v.Results = append(v.Results, r)
	}
	return v
}

// ApplyAndVerify is Apply followed, when it succeeded, by Verify.
func (s *Session) ApplyAndVerify(ctx context.Context, p Plan, mfa MFA, progress func(int, Step, error)) (Verification, error) {
	if err := s.Apply(ctx, p, mfa, progress); err != nil {
		return Verification{}, err
	}
	return s.Verify(ctx, p), nil
}

// ReadBack is a check that reads facet f of bucket after the change and
// passes its value (of the type FacetUpdate documents) to verdict, which
// says whether it is what was set and, when not, the sentence to show. An
// endpoint that refuses or cannot answer the read makes it inconclusive;
// one that does not implement the read is a failure (it cannot show the
// setting, so nothing says it is in force).
func ReadBack(f Facet, bucket, region, title string, verdict func(got any) (ok bool, detail string)) StepCheck {
	api := readBackAPI[f]
	return StepCheck{Kind: CheckReadBack, Title: title, API: api, run: func(ctx context.Context, s *Session) CheckResult {
		read, ok := facetReaders[f]
		if !ok {
			return CheckResult{Outcome: CheckInconclusive, Detail: "s3sec cannot read " + string(f) + " back"}
		}
		got, err := read(s, ctx, s.s3Client(region), bucket)
		if err != nil {
			fe := s.facetAnswer(f, err)
			if fe.Unsupported() {
				return CheckResult{Outcome: CheckFailed, Detail: "the endpoint accepted the change but cannot report " + string(f) + " back (" + fe.Error() + "): do not assume it is in force"}
			}
			return CheckResult{Outcome: CheckInconclusive, Detail: "could not read it back: " + fe.Error()}
		}
		if ok, detail := verdict(got); !ok {
			return CheckResult{Outcome: CheckFailed, Detail: detail}
		}
		return CheckResult{Outcome: CheckPassed, Detail: title}
	}}
}

// readBackAPI names the Get call of each facet, for the plan preview.
var readBackAPI = map[Facet]string{
	FacetEncryption:        "s3:GetBucketEncryption",
	FacetVersioning:        "s3:GetBucketVersioning",
	FacetLogging:           "s3:GetBucketLogging",
	FacetCORS:              "s3:GetBucketCors",
	FacetPolicy:            "s3:GetBucketPolicy",
	FacetPublicAccessBlock: "s3:GetPublicAccessBlock",
	FacetLifecycle:         "s3:GetBucketLifecycleConfiguration",
	FacetOwnership:         "s3:GetBucketOwnershipControls",
}
