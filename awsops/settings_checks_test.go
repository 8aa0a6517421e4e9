package awsops_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// The logging, policy, Block Public Access and ownership plans carry
// read-back checks, and on an AWS-like sandbox every one passes (the TLS
// policy also passes its plain-HTTP probe).
func TestSettingsReadBackPass(t *testing.T) {
	env, srv := sandboxEnv(t, sandbox.Options{})
	sess := env.open(t)
	sess.SetPlainHTTPEndpoint(srv.HTTPURL())
	ctx := context.Background()
	for _, b := range []string{"rb-source", "rb-logs"} {
		if _, err := env.client(t, "us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatal(err)
		}
	}
	states := []awsops.BucketState{
		sess.State(ctx, awsops.Bucket{Name: "rb-source", Region: "us-east-1"}),
		sess.State(ctx, awsops.Bucket{Name: "rb-logs", Region: "us-east-1"}),
	}
	src := states[0]
	logging, _, err := awsops.LoggingPlan(states, "rb-source", env.identity.Account, awsops.LoggingChoice{TargetBucket: "rb-logs", TargetPrefix: "rb-source/"}, awsops.LogTargetProbe{})
	if err != nil {
		t.Fatal(err)
	}
	tls, _, err := awsops.EnforceTLSPlan(src, awsops.TLSOptions{}, awsops.LockoutCaller{ARN: env.identity.ARN}, true)
	if err != nil {
		t.Fatal(err)
	}
	pab, err := awsops.PutPublicAccessBlockPlan(src, awsops.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true})
	if err != nil {
		t.Fatal(err)
	}
	plans := []awsops.Plan{logging, awsops.TurnOffLoggingPlan(states, "rb-source"), tls, pab, awsops.DeletePublicAccessBlockPlan(src)}
	for _, p := range plans {
		v, err := sess.ApplyAndVerify(ctx, p, awsops.MFA{}, nil)
		if err != nil || len(v.Results) == 0 || !v.OK() {
			t.Errorf("%s: %v, %d checks:%s", p.Title, err, len(v.Results), resultsText(v))
		}
	}
	tlsState := sess.State(ctx, awsops.Bucket{Name: "rb-source", Region: "us-east-1"})
	del := awsops.DeletePolicyPlan("rb-source", "us-east-1", tlsState.Policy.JSON)
	if v, err := sess.ApplyAndVerify(ctx, del, awsops.MFA{}, nil); err != nil || len(v.Results) != 1 || !v.OK() {
		t.Errorf("delete policy: %v:%s", err, resultsText(v))
	}
	// The TLS policy's checks include the plain-HTTP probe.
	probed := false
	for _, c := range tls.Steps[0].Checks {
		probed = probed || c.Kind == awsops.CheckProbe
	}
	if !probed {
		t.Error("the Require TLS plan lists no plain-HTTP probe")
	}
}
