package awsops

import (
	"fmt"
	"strings"
)

// LoggingChoice is the logging configuration the user asks for.
type LoggingChoice struct {
	TargetBucket string
	TargetPrefix string
	KeyFormat    LogKeyFormat // "" leaves TargetObjectKeyFormat out (SimplePrefix applies)
}

// LogTargetProbe is what S3 said about the target just before planning
// (Session.ProbeLogTarget): facts the scanned states do not hold. The zero
// value means "not asked".
type LogTargetProbe struct {
	Missing    bool   // HeadBucket answered 404: no such bucket
	Foreign    bool   // HeadBucket answered 403: another account's bucket, or one we may not see
	Region     string // the target's region, when S3 said
	ObjectLock bool   // the target has Object Lock enabled
	Unchecked  string // a check that could not be made, and why
}

// LoggingWhatIf is the cross-bucket analysis of the account as it would be
// after a logging change, run before anything is sent.
type LoggingWhatIf struct {
	// Loop is the closed chain the bucket would be part of (A, B, A), nil
	// when none; NewLoop says only the change creates it.
	Loop    []string
	NewLoop bool
	// Refused says why S3 will refuse the change at configuration time;
	// the plan is still shown, so the user sees S3's own answer.
	Refused string
	// Warnings are every problem found, each naming its buckets.
	Warnings []string
	// GrantMissing is set when the target's policy does not let the
	// logging service write the bucket's logs: the plan merges it in.
	GrantMissing bool
}

// AnalyseLoggingChange runs the logging analysis over states as they would
// be once bucket logs as ch says. It is pure.
func AnalyseLoggingChange(states []BucketState, bucket, account string, ch LoggingChoice, probe LogTargetProbe) LoggingWhatIf {
	var w LoggingWhatIf
	after := withLogging(states, bucket, Logging{Enabled: true, TargetBucket: ch.TargetBucket, TargetPrefix: ch.TargetPrefix, KeyFormat: ch.KeyFormat})
	known := knownStates(after)
	src := known[bucket]
	if chain, loop := logChain(lookupIn(known), bucket); loop {
		w.Loop = append(chain, bucket)
		before := LoggingGraphOf(states, bucket).Loop
		w.NewLoop = LoopChain(before) != LoopChain(w.Loop)
		w.Warnings = append(w.Warnings, loopWarning(bucket, w.Loop, w.NewLoop))
	}
	if w.Loop == nil {
		chain, _ := logChain(lookupIn(known), bucket)
		if last := known[chain[len(chain)-1]]; last != nil && last.Logging == nil {
			w.Warnings = append(w.Warnings, fmt.Sprintf("The logging of %s was not read (%s): whether the chain %s loops back cannot be told. Press r on it first.",
				last.Name, facetState(last, FacetLogging), LoopChain(chain)))
		}
	}
	dst := ch.TargetBucket
	target := known[dst]
	if target == nil {
		w.targetUnknown(bucket, dst, src, probe)
		return w
	}
	if src != nil && src.Region != "" && target.Region != "" && src.Region != target.Region {
		w.Refused = fmt.Sprintf("%s is in %s and %s in %s: S3 refuses logging across regions (403 CrossLocationLoggingProhibitted)",
			dst, target.Region, bucket, src.Region)
		w.Warnings = append(w.Warnings, "S3 will refuse this change: "+w.Refused+". Choose a target in "+src.Region+".")
	}
	if w.Loop == nil && dst != bucket {
		g := LoggingGraphOf(after, dst)
		if len(g.Chain) > 1 {
			w.Warnings = append(w.Warnings, fmt.Sprintf("%s logs in turn (%s): every delivery into it creates more log records there.",
				dst, LoopChain(append([]string{bucket}, g.Chain...))))
		}
		if g.Loop != nil {
			w.Warnings = append(w.Warnings, fmt.Sprintf("%s is in a logging loop (%s): these logs would feed it.", dst, LoopChain(g.Loop)))
		}
	}
	if target.Encryption != nil && isKMS(target.Encryption.Algorithm) {
		w.Warnings = append(w.Warnings, fmt.Sprintf("%s's default encryption is %s: S3 delivers access logs only to SSE-S3 targets, so no log would arrive (silently). Switch %s to SSE-S3 first.",
			dst, target.Encryption.Algorithm, dst))
	}
	if probe.ObjectLock {
		w.Warnings = append(w.Warnings, fmt.Sprintf("%s has Object Lock enabled: S3 does not deliver access logs into it, silently.", dst))
	}
	if probe.Unchecked != "" {
		w.Warnings = append(w.Warnings, "Not checked: "+probe.Unchecked+".")
	}
	w.checkGrant(bucket, account, ch, target)
	w.checkSharedPrefix(states, bucket, ch)
	return w
}

// targetUnknown judges a target that is not among the account's buckets.
func (w *LoggingWhatIf) targetUnknown(bucket, dst string, src *BucketState, probe LogTargetProbe) {
	switch {
	case probe.Missing:
		w.Refused = dst + " does not exist (400 InvalidTargetBucketForLogging)"
	case probe.Foreign:
		w.Refused = dst + " is not this account's bucket: the source and the target must have the same owner (400 InvalidTargetBucketForLogging)"
	case src != nil && probe.Region != "" && src.Region != "" && probe.Region != src.Region:
		w.Refused = fmt.Sprintf("%s is in %s and %s in %s: S3 refuses logging across regions (403 CrossLocationLoggingProhibitted)", dst, probe.Region, bucket, src.Region)
	}
	if w.Refused != "" {
		w.Warnings = append(w.Warnings, "S3 will refuse this change: "+w.Refused+".")
		return
	}
	w.Warnings = append(w.Warnings, fmt.Sprintf("%s is not among this account's buckets: S3 refuses it unless it exists and has the same owner; its policy and encryption could not be checked.", dst))
}

// checkGrant looks for the delivery permission in the target's policy.
func (w *LoggingWhatIf) checkGrant(bucket, account string, ch LoggingChoice, target *BucketState) {
	dst := ch.TargetBucket
	if target.Policy == nil {
		why := "it has not been read"
		if fe := target.Errors[FacetPolicy]; fe != nil {
			why = "reading it failed (" + fe.Code + ")"
		}
		w.GrantMissing = true
		w.Warnings = append(w.Warnings, fmt.Sprintf("%s's bucket policy could not be checked (%s): the plan merges the delivery permission into the policy S3 holds when it is applied.", dst, why))
		return
	}
	v := logDeliveryVerdict(target.Policy.JSON, dst, ch.TargetPrefix, bucket, account)
	if v.deniedBy != "" {
		w.Warnings = append(w.Warnings, fmt.Sprintf("%s's bucket policy denies the logging service (%s): no log would arrive until that Deny is changed; this plan does not touch it.", dst, v.deniedBy))
	}
	if !v.allowed {
		w.GrantMissing = true
		w.Warnings = append(w.Warnings, fmt.Sprintf("%s's bucket policy does not let %s write these logs: without it none arrive. The plan adds statement %s, keeping every other statement.",
			dst, logDeliveryPrincipal, logDeliverySid(bucket)))
	}
}

// checkSharedPrefix warns when another bucket already logs into the same
// target and prefix: the log objects would be mixed and hard to expire apart.
func (w *LoggingWhatIf) checkSharedPrefix(states []BucketState, bucket string, ch LoggingChoice) {
	for i := range states {
		l := states[i].Logging
		if states[i].Name == bucket || l == nil || !l.Enabled || l.TargetBucket != ch.TargetBucket || l.TargetPrefix != ch.TargetPrefix {
			continue
		}
		w.Warnings = append(w.Warnings, fmt.Sprintf("%s already logs into %s under the prefix %q: give each source its own prefix.", states[i].Name, ch.TargetBucket, ch.TargetPrefix))
	}
}

// facetState says why a facet has no value: its error code, or "not loaded yet".
func facetState(s *BucketState, f Facet) string {
	if fe := s.Errors[f]; fe != nil {
		return fe.Code
	}
	return "not loaded yet"
}

// loopWarning names the loop and why it matters.
func loopWarning(bucket string, loop []string, isNew bool) string {
	what := "This change creates a logging loop: "
	if !isNew {
		what = "This keeps a logging loop: "
	}
	if len(loop) == 2 {
		return what + bucket + " would log into itself (" + LoopChain(loop) + "). Every delivered log object is logged again: the bucket grows forever and costs money."
	}
	return what + LoopChain(loop) + ". Every delivery is logged again along the chain: log objects grow forever and cost money."
}

// withLogging returns a copy of states where bucket's logging is l.
func withLogging(states []BucketState, bucket string, l Logging) []BucketState {
	out := make([]BucketState, len(states))
	copy(out, states)
	for i := range out {
		if out[i].Name == bucket {
			out[i].Logging = &l
		}
	}
	return out
}

// logDeliverySid is the Sid of the delivery statement for one source
// bucket: one statement per source, so a second source logging into the
// same target adds its own grant instead of replacing the first one's.
// Dots (allowed in bucket names) become hyphens.
func logDeliverySid(source string) string {
	return SidAllowLogDelivery + "-" + strings.ReplaceAll(source, ".", "-")
}
