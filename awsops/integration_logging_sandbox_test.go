package awsops_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// stateList reads every bucket again, in listing order, for the what-if.
func stateList(t *testing.T, sess *awsops.Session) []awsops.BucketState {
	t.Helper()
	buckets, byName := readAll(t, sess)
	out := make([]awsops.BucketState, 0, len(buckets))
	for _, b := range buckets {
		out = append(out, byName[b.Name])
	}
	return out
}

// stateOf picks one bucket's state.
func stateOf(t *testing.T, states []awsops.BucketState, name string) awsops.BucketState {
	t.Helper()
	for _, s := range states {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("%s not listed", name)
	return awsops.BucketState{}
}

func TestSandboxLoggingPlanAppliesAndReadsBack(t *testing.T) {
	env, srv := sandboxEnv(t, sandbox.Options{})
	sess, ctx := env.open(t), context.Background()
	st := stage{t: t, env: env, ctx: ctx}
	src, logs := suiteBucket{"lg-src", "us-east-1"}, suiteBucket{"lg-logs", "us-east-1"}
	st.create(src)
	st.create(logs)
	st.policy(logs, tlsPolicy(logs.name)) // a statement the merge must keep
	acct := srv.AccountID()

	ch := awsops.LoggingChoice{TargetBucket: logs.name, TargetPrefix: "lg-src/", KeyFormat: awsops.LogKeyPartitionedDeliveryTime}
	probe := sess.ProbeLogTarget(ctx, logs.name, "us-east-1", acct, true)
	if probe != (awsops.LogTargetProbe{}) {
		t.Fatalf("probe of a plain target: %+v", probe)
	}
	p, w, err := awsops.LoggingPlan(stateList(t, sess), src.name, acct, ch, probe)
	if err != nil || !w.GrantMissing || len(p.Steps) != 2 {
		t.Fatalf("plan: %v %+v %d steps", err, w, len(p.Steps))
	}
	if err := sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	states := stateList(t, sess)
	got := stateOf(t, states, src.name).Logging
	if got == nil || !got.Enabled || got.TargetBucket != logs.name || got.TargetPrefix != "lg-src/" || got.KeyFormat != awsops.LogKeyPartitionedDeliveryTime {
		t.Fatalf("read back: %+v", got)
	}
	pol := stateOf(t, states, logs.name).Policy
	if pol == nil || !strings.Contains(pol.JSON, "s3sec-AllowLogDelivery-lg-src") || !pol.TLSEnforced {
		t.Fatalf("policy after the merge: %+v", pol)
	}

	// The sandbox evaluates the merged grant as S3 would: a request to the
	// source is logged and its log object is delivered.
	if _, err := env.client(t, "us-east-1").ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(src.name)}); err != nil {
		t.Fatal(err)
	}
	ds := srv.FlushAccessLogs()
	if len(ds) == 0 || ds[0].Failure != "" || !strings.HasPrefix(ds[0].Key, "lg-src/"+acct+"/us-east-1/lg-src/") {
		t.Fatalf("deliveries: %+v", ds)
	}

	// Planning again from the new state: the grant is there, one step, and
	// applying it leaves the policy as it was (idempotent).
	p, w, err = awsops.LoggingPlan(states, src.name, acct, ch, probe)
	if err != nil || w.GrantMissing || len(p.Steps) != 1 {
		t.Fatalf("second plan: %v %+v %d steps", err, w, len(p.Steps))
	}
	if err := sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	if again := stateOf(t, stateList(t, sess), logs.name).Policy; again.JSON != pol.JSON {
		t.Fatalf("policy changed by a second apply:\n%s\n%s", pol.JSON, again.JSON)
	}

	off := awsops.TurnOffLoggingPlan(states, src.name)
	if err := sess.Apply(ctx, off, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	if l := stateOf(t, stateList(t, sess), src.name).Logging; l == nil || l.Enabled {
		t.Fatalf("logging after turning it off: %+v", l)
	}
}

func TestSandboxLoggingWhatIfAndConfigErrors(t *testing.T) {
	env, srv := sandboxEnv(t, sandbox.Options{})
	sess, ctx := env.open(t), context.Background()
	st := stage{t: t, env: env, ctx: ctx}
	a, b, far := suiteBucket{"lg-a", "us-east-1"}, suiteBucket{"lg-b", "us-east-1"}, suiteBucket{"lg-far", "eu-west-1"}
	for _, x := range []suiteBucket{a, b, far} {
		st.create(x)
	}
	st.logging(a, b) // a logs to b; b does not log
	acct := srv.AccountID()
	states := stateList(t, sess)

	// Only the change would close the loop: b pointed at a.
	p, w, err := awsops.LoggingPlan(states, b.name, acct, awsops.LoggingChoice{TargetBucket: a.name, TargetPrefix: "lg-b/"}, awsops.LogTargetProbe{})
	if err != nil || !w.NewLoop || awsops.LoopChain(w.Loop) != "lg-b → lg-a → lg-b" || p.SecondConfirm == "" {
		t.Fatalf("loop not caught: %v %+v %q", err, w, p.SecondConfirm)
	}

	// A target in another region: the what-if says S3 will refuse, and if
	// applied anyway the refusal keeps S3's code and message.
	p, w, _ = awsops.LoggingPlan(states, a.name, acct, awsops.LoggingChoice{TargetBucket: far.name, TargetPrefix: "lg-a/"}, awsops.LogTargetProbe{})
	if !strings.Contains(w.Refused, "CrossLocationLoggingProhibitted") || len(p.Steps) != 1 {
		t.Fatalf("what-if: %+v", w)
	}
	err = sess.Apply(ctx, p, awsops.MFA{}, nil)
	var fe *awsops.FacetError
	if !errors.As(err, &fe) || fe.Code != "CrossLocationLoggingProhibitted" || !strings.Contains(err.Error(), "s3:PutBucketLogging") {
		t.Fatalf("apply across regions: %v", err)
	}
	if !strings.Contains(awsops.ExplainLoggingError(err), "region") {
		t.Fatalf("no explanation for %v", err)
	}

	// A target that does not exist: the probe says so before anything is sent.
	probe := sess.ProbeLogTarget(ctx, "lg-nowhere", "us-east-1", acct, false)
	if !probe.Missing {
		t.Fatalf("probe of a missing bucket: %+v", probe)
	}
	p, w, _ = awsops.LoggingPlan(states, a.name, acct, awsops.LoggingChoice{TargetBucket: "lg-nowhere", TargetPrefix: "x/"}, probe)
	if !strings.Contains(w.Refused, "InvalidTargetBucketForLogging") {
		t.Fatalf("what-if: %+v", w)
	}
	err = sess.Apply(ctx, p, awsops.MFA{}, nil)
	if !errors.As(err, &fe) || fe.Code != "InvalidTargetBucketForLogging" {
		t.Fatalf("apply to a missing target: %v", err)
	}
	// The other region's bucket is found by the probe too.
	if probe := sess.ProbeLogTarget(ctx, far.name, "us-east-1", acct, false); probe.Region != "eu-west-1" || probe.Missing {
		t.Fatalf("probe across regions: %+v", probe)
	}
	// A bucket of another owner: the sandbox has one account, so the probe
	// is asked on behalf of another; S3 refuses x-amz-expected-bucket-owner
	// with 403, which the probe reads as "not this account's".
	probe = sess.ProbeLogTarget(ctx, b.name, "us-east-1", "999999999999", false)
	if !probe.Foreign {
		t.Fatalf("probe of another owner's bucket: %+v", probe)
	}
	if _, w, _ := awsops.LoggingPlan(states, a.name, acct, awsops.LoggingChoice{TargetBucket: "lg-theirs", TargetPrefix: "x/"}, probe); !strings.Contains(w.Refused, "same owner") {
		t.Fatalf("what-if for a foreign target: %+v", w)
	}
}

func TestExplainLoggingErrorNamesTheFix(t *testing.T) {
	for code, want := range map[string]string{
		"CrossLocationLoggingProhibitted": "region",
		"InvalidTargetBucketForLogging":   "exist",
	} {
		err := &awsops.FacetError{Code: code, Message: "x"}
		if got := awsops.ExplainLoggingError(err); !strings.Contains(got, want) {
			t.Errorf("%s: %q", code, got)
		}
	}
	if awsops.ExplainLoggingError(&awsops.FacetError{Code: "SlowDown"}) != "" {
		t.Error("a generic code got a logging explanation")
	}
}
