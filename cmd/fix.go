package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/otp"
)

const fixUsage = `Usage: s3sec fix --finding ID (--bucket B... | --all) [--dry-run | --yes] [--mfa "SERIAL CODE"] [flags]

Fixes one kind of finding on the chosen buckets with the same plans the
console applies. Reads the buckets, keeps those that have the finding, and
prints each plan: its steps, warnings and aws CLI equivalents. Nothing is
sent unless --yes is given; then the plans are applied bucket by bucket and
the first failing step stops the rest. Every applied plan is recorded in the
change journal (s3sec journal).
  --finding ID         the finding to fix (--list shows the fixable ones)
  --bucket B           a bucket to fix (repeatable)
  --all                every bucket of the account that has the finding
  --dry-run            print the plans and send no write (the default without --yes)
  --yes                apply the plans
  --mfa "SERIAL CODE"  the root MFA device's serial and current code, for
                       steps that need one (MFA Delete, versioning of an MFA
                       Delete bucket)
  --list               list the findings that can be fixed, and exit
  --demo               run against an in-process sandbox seeded with the demo
                       buckets (its journal is temporary)

Exit status: 0 planned or applied, 1 a plan could not be built or a step
failed (the output says what was and was not applied), 2 usage.
`

// fixOptions are the flags of s3sec fix.
type fixOptions struct {
	finding          string
	buckets          headerList
	all, dryRun, yes bool
	mfa              string
	list, demo       bool
	serial, code     string // parsed from mfa
}

// runFix implements s3sec fix.
func runFix(ctx context.Context, g *globalOptions, args []string, stdout, stderr io.Writer) int {
	var o fixOptions
	fs := newFlagSet("fix", g, stderr)
	fs.Usage = printUsage(fs, fixUsage)
	fs.StringVar(&o.finding, "finding", "", "the finding to fix")
	fs.Var(&o.buckets, "bucket", "a bucket to fix (repeatable)")
	fs.BoolVar(&o.all, "all", false, "every bucket with the finding")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the plans, send no write")
	fs.BoolVar(&o.yes, "yes", false, "apply the plans")
	fs.StringVar(&o.mfa, "mfa", "", `"SERIAL CODE" of the root MFA device`)
	fs.BoolVar(&o.list, "list", false, "list the fixable findings")
	fs.BoolVar(&o.demo, "demo", false, "use the demo sandbox")
	if code := parseCommandFlags(fs, g, args, stdout, stderr); code >= 0 {
		return code
	}
	if o.list {
		for _, f := range awsops.FixableFindings() {
			fmt.Fprintf(stdout, "%-24s %s\n", f.ID, f.Description)
		}
		return exitOK
	}
	if err := o.check(); err != nil {
		fmt.Fprintf(stderr, "s3sec fix: %v\n\n%s", err, fixUsage)
		return exitUsage
	}
	// An unknown id, or one that needs a person's choice, is refused before
	// anything is sent: the empty state has no finding, so a fixable id
	// answers ErrFindingAbsent.
	if _, err := awsops.FixPlan(o.finding, awsops.BucketState{}, nil, awsops.FixOptions{}); !errors.Is(err, awsops.ErrFindingAbsent) {
		fmt.Fprintf(stderr, "s3sec fix: %v\n", err)
		return exitUsage
	}

	var sess *awsops.Session
	if o.demo {
		env, err := startDemo(ctx, g)
		if err != nil {
			fmt.Fprintln(stderr, "s3sec fix:", err)
			return exitError
		}
		defer env.Close()
		sess = env.session
	} else {
		s, err := openAWS(ctx, g)
		if err != nil {
			fmt.Fprintln(stderr, "s3sec fix:", err)
			return exitError
		}
		sess = s
	}
	journalPath, cleanup, err := attachJournal(sess, o.demo)
	defer cleanup()
	if err != nil {
		fmt.Fprintln(stderr, "s3sec fix:", err)
		return exitError
	}
	safe := termsafe.NewWriter(stdout) // bucket names and policies come from the endpoint
	code := fixRun(ctx, sess, g, &o, safe, stderr)
	if err := safe.Flush(); err != nil {
		fmt.Fprintln(stderr, "s3sec fix:", err)
		return exitError
	}
	if err := sess.JournalErr(); err != nil {
		fmt.Fprintf(stderr, "s3sec fix: the change journal %s could not be written: %v\n", journalPath, err)
	}
	return code
}

// check validates the flags before anything is sent.
func (o *fixOptions) check() error {
	var errs []error
	o.finding = strings.TrimSpace(o.finding)
	if o.finding == "" {
		errs = append(errs, errors.New("--finding is required (s3sec fix --list shows the fixable findings)"))
	}
	switch {
	case o.all && len(o.buckets) > 0:
		errs = append(errs, errors.New("give --bucket or --all, not both"))
	case !o.all && len(o.buckets) == 0:
		errs = append(errs, errors.New("name the buckets with --bucket B (repeatable) or use --all"))
	}
	if o.dryRun && o.yes {
		errs = append(errs, errors.New("--dry-run and --yes contradict each other"))
	}
	if o.mfa != "" {
		s, c, err := otp.ParseHeader(strings.TrimSpace(o.mfa))
		if err != nil {
			errs = append(errs, fmt.Errorf("--mfa: %w", err))
		}
		o.serial, o.code = s, c
	}
	return errors.Join(errs...)
}

// fixRun reads the buckets, builds the plans, prints them and, with --yes,
// applies them. It returns the exit status.
func fixRun(ctx context.Context, sess *awsops.Session, g *globalOptions, o *fixOptions, out io.Writer, stderr io.Writer) int {
	id, err := sess.Identity(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "s3sec fix: who am I (sts get-caller-identity): %v\n", err)
		return exitError
	}
	listed, err := sess.Buckets(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "s3sec fix: listing buckets: %v\n", err)
		return exitError
	}
	chosen := listed
	if !o.all {
		byName := map[string]awsops.Bucket{}
		for _, b := range listed {
			byName[b.Name] = b
		}
		chosen = nil
		for _, name := range o.buckets {
			b, ok := byName[name]
			if !ok {
				fmt.Fprintf(stderr, "s3sec fix: no bucket %q in this account\n", name)
				return exitError
			}
			chosen = append(chosen, b)
		}
	}
	states := readStates(ctx, sess, chosen, g.parallel)
	if err := ctx.Err(); err != nil {
		fmt.Fprintln(stderr, "s3sec fix:", err)
		return exitError
	}
	all := withLogTargets(ctx, sess, states, listed, g.parallel)
	fo := awsops.FixOptions{MFASerial: o.serial, Caller: awsops.LockoutCaller{ARN: id.ARN, OverTLS: sess.Secure()}, CallerIsRoot: id.IsRoot}

	var plans []awsops.Plan
	failed := false
	for _, st := range states {
		if !awsops.HasFinding(o.finding, st, all) {
			if unread := unreadFacets(st); unread != "" {
				// An unread setting might hide the finding: say so rather than "nothing to do".
				fmt.Fprintf(stderr, "s3sec fix: %s: no %s finding among the settings read; could not read %s\n", st.Name, o.finding, unread)
			} else if !o.all {
				fmt.Fprintf(out, "%s: no %s finding, nothing to do\n", st.Name, o.finding)
			}
			continue
		}
		p, err := awsops.FixPlan(o.finding, st, all, fo)
		if err != nil {
			fmt.Fprintf(stderr, "s3sec fix: %s: no plan: %v\n", st.Name, err)
			failed = true
			continue
		}
		if dup := sameChangeAs(plans, p); dup != "" {
			fmt.Fprintf(out, "%s: the fix changes %s, as the plan for %s already does\n", st.Name, p.Bucket, dup)
			continue
		}
		plans = append(plans, p)
	}
	if len(plans) == 0 {
		if failed {
			fmt.Fprintf(stderr, "s3sec fix: no plan could be built for %s (the reasons are above); nothing was sent\n", o.finding)
			return exitError
		}
		fmt.Fprintf(out, "No chosen bucket has a %s finding: nothing to fix.\n", o.finding)
		return exitOK
	}
	for i, p := range plans {
		writeFixPlan(out, i+1, len(plans), p)
	}
	if !o.yes {
		fmt.Fprintf(out, "Dry run: nothing was sent. Run again with --yes to apply %d plan(s).\n", len(plans))
		if failed {
			return exitError
		}
		return exitOK
	}
	for _, p := range plans {
		if p.NeedsMFA() && o.code == "" {
			fmt.Fprintf(stderr, "s3sec fix: the plan for %s needs an MFA code: give --mfa \"SERIAL CODE\"; nothing was applied\n", p.Bucket)
			return exitUsage
		}
	}
	if applyFixPlans(ctx, sess, plans, awsops.MFA{Serial: o.serial, Code: o.code}, out) != nil || failed {
		return exitError
	}
	return exitOK
}

// readStates reads every facet of the buckets, sorted by name.
func readStates(ctx context.Context, sess *awsops.Session, buckets []awsops.Bucket, parallel int) []awsops.BucketState {
	var mu sync.Mutex
	var states []awsops.BucketState
	sess.States(ctx, buckets, parallel, func(s awsops.BucketState) {
		mu.Lock()
		states = append(states, s)
		mu.Unlock()
	})
	sort.Slice(states, func(i, j int) bool { return states[i].Name < states[j].Name })
	return states
}

// writeFixPlan prints one plan: title, steps with their CLI, warnings.
func writeFixPlan(w io.Writer, n, total int, p awsops.Plan) {
	fmt.Fprintf(w, "Plan %d/%d: %s (%s)\n", n, total, p.Title, p.Region)
	for i, s := range p.Steps {
		mfa := ""
		if s.NeedsMFA {
			mfa = " [needs MFA]"
		}
		fmt.Fprintf(w, "  %d. %s (%s)%s\n", i+1, s.Title, s.API, mfa)
		for _, prm := range s.Params {
			fmt.Fprintf(w, "       %s\n", prm)
		}
		fmt.Fprintf(w, "       $ %s\n", s.CLI)
	}
	for _, warn := range p.Warnings {
		fmt.Fprintf(w, "  ! %s\n", warn)
	}
	fmt.Fprintln(w)
}

// applyFixPlans applies the plans in order and stops at the first failing
// step; it then says exactly which steps were applied and which were not.
func applyFixPlans(ctx context.Context, sess *awsops.Session, plans []awsops.Plan, mfa awsops.MFA, w io.Writer) error {
	var applied, notInForce []string
	for i, p := range plans {
		err := sess.Apply(ctx, p, mfa, func(_ int, s awsops.Step, err error) {
			if err == nil {
				applied = append(applied, fmt.Sprintf("%s: %s (%s)", p.Bucket, s.Title, s.API))
				fmt.Fprintf(w, "applied  %s: %s\n", p.Bucket, s.Title)
			}
		})
		if err == nil {
			notInForce = append(notInForce, writeFixChecks(ctx, sess, p, w)...)
			continue
		}
		fmt.Fprintf(w, "\nFAILED   %s: %v\n", p.Bucket, err)
		fmt.Fprintln(w, "Applied:")
		writeList(w, applied)
		var notApplied []string
		first := 0
		var se *awsops.StepError
		if errors.As(err, &se) {
			first = se.Index
		}
		for j, s := range p.Steps[first:] {
			note := ""
			if j == 0 && se != nil {
				note = " (failed)"
			}
			notApplied = append(notApplied, fmt.Sprintf("%s: %s (%s)%s", p.Bucket, s.Title, s.API, note))
		}
		for _, rest := range plans[i+1:] {
			for _, s := range rest.Steps {
				notApplied = append(notApplied, fmt.Sprintf("%s: %s (%s)", rest.Bucket, s.Title, s.API))
			}
		}
		fmt.Fprintln(w, "Not applied:")
		writeList(w, notApplied)
		return err
	}
	if len(notInForce) > 0 {
		fmt.Fprintf(w, "\nApplied, but NOT IN FORCE on this endpoint:\n")
		writeList(w, notInForce)
		return fmt.Errorf("%d setting(s) applied but not in force: the endpoint does not keep or enforce them", len(notInForce))
	}
	fmt.Fprintf(w, "Done: %d plan(s) applied.\n", len(plans))
	return nil
}

// writeFixChecks reads back what an applied plan changed (and probes it
// where its steps say so), prints each result, and returns the settings the
// endpoint accepted but does not keep.
func writeFixChecks(ctx context.Context, sess *awsops.Session, p awsops.Plan, w io.Writer) []string {
	if len(p.Checks()) == 0 {
		return nil
	}
	var failed []string
	for _, r := range sess.Verify(ctx, p).Results {
		switch r.Outcome {
		case awsops.CheckPassed:
			fmt.Fprintf(w, "checked  %s: %s\n", p.Bucket, r.Title)
		case awsops.CheckFailed:
			fmt.Fprintf(w, "NOT IN FORCE %s: %s\n", p.Bucket, r.Detail)
			failed = append(failed, p.Bucket+": "+r.Detail)
		default:
			fmt.Fprintf(w, "unchecked %s: %s: %s\n", p.Bucket, r.Title, r.Detail)
		}
	}
	return failed
}

// writeList prints items indented, or "(none)".
func writeList(w io.Writer, items []string) {
	if len(items) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	for _, s := range items {
		fmt.Fprintln(w, "  "+s)
	}
}

// sameChangeAs is the title of an earlier plan making the same change as
// p (two buckets logging to one target), "" when none does.
func sameChangeAs(plans []awsops.Plan, p awsops.Plan) string {
	for _, q := range plans {
		if awsops.SameChange(q, p) {
			return q.Title
		}
	}
	return ""
}

// unreadFacets names the settings of st that could not be read, "" when all were.
func unreadFacets(st awsops.BucketState) string {
	var names []string
	for _, f := range awsops.AllFacets {
		if e := st.Errors[f]; e != nil && !e.Unsupported() {
			names = append(names, fmt.Sprintf("%s (%s)", f, e.Code))
		}
	}
	return strings.Join(names, ", ")
}

// withLogTargets adds to states those of the buckets they send access logs
// to, when not already read: the log-target findings (and their fixes) are
// judged on the target, which --bucket may not name.
func withLogTargets(ctx context.Context, sess *awsops.Session, states []awsops.BucketState, listed []awsops.Bucket, parallel int) []awsops.BucketState {
	have := map[string]bool{}
	for _, st := range states {
		have[st.Name] = true
	}
	var extra []awsops.Bucket
	for _, st := range states {
		if l := st.Logging; l != nil && l.Enabled && !have[l.TargetBucket] {
			for _, b := range listed {
				if b.Name == l.TargetBucket {
					extra = append(extra, b)
					have[b.Name] = true
				}
			}
		}
	}
	if len(extra) == 0 {
		return states
	}
	return append(append([]awsops.BucketState{}, states...), readStates(ctx, sess, extra, parallel)...)
}
