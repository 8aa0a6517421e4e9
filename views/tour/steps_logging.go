package tour

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/s3sec/s3sec/awsops"
)

// logFlushes is how many deliveries the logging step watches, before and
// after the fix.
const logFlushes = 3

func stepLoggingLoop() Step {
	return Step{
		ID:    "logging-loop",
		Title: "Access logging: a loop that grows by itself",
		What: []string{"Server access logs are written as objects into a target bucket. " + bucketSelfLog + " logs into itself:",
			"every log delivery is a write to the bucket, which is logged, which is delivered, which is logged…"},
		Why:    []string{"The bucket grows forever, even with no traffic, and the logs drown in records about themselves."},
		Cost:   []string{"Storage and PUT requests ($0.005 per 1,000) that never stop; AWS documents this as a configuration to avoid."},
		Screen: "Logging pane of " + bucketSelfLog + ": the logging graph and the loop finding; e sets the target with this same plan, l views the logs.",
		Bucket: bucketSelfLog, Pane: "Logging",
		Action: "Deliver the logs three times and count the log objects; send them to a separate bucket; deliver and count again.",
		Run:    runLoggingLoop,
	}
}

// countLogs delivers the buffered logs and counts the source's log objects.
func countLogs(ctx context.Context, e *Env) (int, error) {
	e.Sandbox.FlushAccessLogs()
	return countObjects(ctx, e.S3, bucketSelfLog, "logs/")
}

func runLoggingLoop(ctx context.Context, e *Env) (Outcome, error) {
	o := newOutcome()
	if st := e.state(ctx, bucketSelfLog); st.Logging == nil || st.Logging.TargetBucket != bucketSelfLog {
		return o, errors.New(bucketSelfLog + " no longer logs into itself (fixed by an earlier run): press r to reset the demo data and see the loop again")
	}
	first, err := countObjects(ctx, e.S3, bucketSelfLog, "logs/")
	if err != nil {
		return o, err
	}
	counts := []string{fmt.Sprint(first)}
	last := first
	for range logFlushes {
		if last, err = countLogs(ctx, e); err != nil {
			return o, err
		}
		counts = append(counts, fmt.Sprint(last))
	}
	o.Figures["loop.grown"] = last - first
	o.Lines = append(o.Lines, fmt.Sprintf("Log objects in %s/logs/ after each delivery: %s (+%d, no traffic but ours).",
		bucketSelfLog, strings.Join(counts, " → "), last-first))

	if err := ensureBucket(ctx, e, &o, bucketLogs); err != nil {
		return o, err
	}
	if err := fixLoop(ctx, e, &o); err != nil {
		return o, err
	}
	// Records queued before the change still go to the old target: let
	// them land, then watch.
	base, err := countLogs(ctx, e)
	if err != nil {
		return o, err
	}
	counts, last = []string{fmt.Sprint(base)}, base
	for range logFlushes {
		if last, err = countLogs(ctx, e); err != nil {
			return o, err
		}
		counts = append(counts, fmt.Sprint(last))
	}
	o.Figures["fixed.grown"] = last - base
	delivered, err := countObjects(ctx, e.S3, bucketLogs, bucketSelfLog+"/")
	if err != nil {
		return o, err
	}
	o.Figures["target.objects"] = delivered
	o.Lines = append(o.Lines, fmt.Sprintf("After the fix: %s (+%d); %s holds %s.",
		strings.Join(counts, " → "), last-base, bucketLogs, plural(delivered, "log object", "log objects")))
	return o, nil
}

// fixLoop sends the source's logs to the separate bucket with the logging
// pane's own plan: the what-if over every bucket, then the delivery grant
// merged into the target's policy when it lacks it, then PutBucketLogging.
func fixLoop(ctx context.Context, e *Env, o *Outcome) error {
	id, err := e.S3.Identity(ctx)
	if err != nil {
		return err
	}
	buckets, err := e.S3.Buckets(ctx)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	var states []awsops.BucketState
	e.S3.States(ctx, buckets, 8, func(st awsops.BucketState) {
		mu.Lock()
		defer mu.Unlock()
		states = append(states, st)
	})
	probe := e.S3.ProbeLogTarget(ctx, bucketLogs, region, id.Account, true)
	p, w, err := awsops.LoggingPlan(states, bucketSelfLog, id.Account,
		awsops.LoggingChoice{TargetBucket: bucketLogs, TargetPrefix: bucketSelfLog + "/"}, probe)
	if err != nil {
		return err
	}
	if w.Loop != nil || w.Refused != "" {
		return fmt.Errorf("the fix would not end the loop: %s %s", awsops.LoopChain(w.Loop), w.Refused)
	}
	if err := e.S3.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		return err
	}
	for _, st := range p.Steps {
		o.Lines = append(o.Lines, st.API+": "+st.Title+".")
	}
	return nil
}
