package awsops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// The logging plan against moto, the independent peer: the grant merge and
// PutBucketLogging with a key format, read back through the facet.
func TestMotoLoggingPlan(t *testing.T) {
	env := motoEnv(t)
	sess, ctx := env.open(t), context.Background()
	st := stage{t: t, env: env, ctx: ctx}
	src, logs := suiteBucket{"lgm-src", "us-east-1"}, suiteBucket{"lgm-logs", "us-east-1"}
	st.create(src)
	st.create(logs)
	// Deviation (moto 5.2): PutBucketLogging crashes (500) when the
	// target's policy holds a statement whose Principal is the string "*"
	// (such as a TLS-only Deny): moto reads every Principal as an object
	// while checking the logging grant. The statement the merge must keep
	// names a principal as an object here.
	keep := `{"Version":"2012-10-17","Statement":[{"Sid":"ReadForRoot","Effect":"Allow",` +
		`"Principal":{"AWS":"arn:aws:iam::` + env.identity.Account + `:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::` + logs.name + `/*"}]}`
	st.policy(logs, keep)
	acct := env.identity.Account

	ch := awsops.LoggingChoice{TargetBucket: logs.name, TargetPrefix: "lgm-src/", KeyFormat: awsops.LogKeyPartitionedEventTime}
	p, w, err := awsops.LoggingPlan(stateList(t, sess), src.name, acct, ch, sess.ProbeLogTarget(ctx, logs.name, "us-east-1", acct, true))
	if err != nil || !w.GrantMissing || len(p.Steps) != 2 {
		t.Fatalf("plan: %v %+v %d steps", err, w, len(p.Steps))
	}
	// moto checks the logging grant at configuration time (old AWS
	// behaviour) and accepts the policy statement the plan merges in.
	if err := sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}

	// Applying the same plan again: the merge is idempotent, logging is set.
	if err := sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	states := stateList(t, sess)
	l := stateOf(t, states, src.name).Logging
	// Deviation (moto 5.2): TargetObjectKeyFormat is not stored, so it
	// reads back absent; AWS (and the sandbox) echo the format sent.
	if l == nil || !l.Enabled || l.TargetBucket != logs.name || l.TargetPrefix != "lgm-src/" || l.KeyFormat != "" {
		t.Fatalf("read back: %+v", l)
	}
	pol := stateOf(t, states, logs.name).Policy
	if pol == nil || strings.Count(pol.JSON, "s3sec-AllowLogDelivery-lgm-src") != 1 || !strings.Contains(pol.JSON, "ReadForRoot") {
		t.Fatalf("policy after two merges: %+v", pol)
	}
	if err := sess.Apply(ctx, awsops.TurnOffLoggingPlan(states, src.name), awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	if l := stateOf(t, stateList(t, sess), src.name).Logging; l == nil || l.Enabled {
		t.Fatalf("after turning off: %+v", l)
	}
}
