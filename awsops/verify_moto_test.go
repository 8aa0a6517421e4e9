package awsops_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
)

// TestReadBackMoto runs the read-back checks and probes against moto,
// which deviates from AWS exactly where they look: it accepts MfaDelete
// and drops it, deletes versions without a code, and answers a plain-HTTP
// HeadBucket under a TLS-only policy. Each check must say so loudly; the
// SSE-S3 upload, which moto does record, reads back as asked.
func TestReadBackMoto(t *testing.T) {
	env := motoEnv(t)
	ctx := context.Background()
	sess := env.open(t)
	b := suiteBucket{fmt.Sprintf("readback-moto-%d", motoNames.Add(1)), "us-east-1"}
	st := stage{t: t, env: env, ctx: ctx}
	st.create(b)
	st.versioning(b, types.BucketVersioningStatusEnabled)
	state := sess.State(ctx, awsops.Bucket{Name: b.name, Region: b.region})

	// awsops refuses to send a code over plain HTTP, so the change is made
	// with the SDK, as another client would; then the plan's checks run.
	_, err := env.client(t, b.region).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b.name),
		MFA:                     aws.String("arn:aws:iam::123456789012:mfa/root-account-mfa-device 000000"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled, MFADelete: types.MFADeleteEnabled}})
	must(t, "MfaDelete=Enabled on moto", err)
	v := sess.Verify(ctx, awsops.EnableMFADeletePlan(state, "arn:aws:iam::123456789012:mfa/root-account-mfa-device", false))
	if len(v.Results) != 2 || len(v.Failed()) != 2 {
		t.Fatalf("moto drops MFA Delete and deletes without a code: both checks must fail:%s", resultsText(v))
	}
	if !strings.Contains(v.Results[0].Detail, "does not report it enabled") || !strings.Contains(v.Results[1].Detail, "not enforced here") {
		t.Errorf("moto MFA Delete checks:%s", resultsText(v))
	}

	res, err := sess.Upload(ctx, awsops.UploadInput{Bucket: b.name, Key: "a.txt", Body: strings.NewReader("hello"), Size: 5, Mode: awsops.SSES3}, nil)
	if err != nil || res.EncryptionCheck == nil || res.EncryptionCheck.Outcome != awsops.CheckPassed {
		t.Errorf("SSE-S3 upload on moto: %v, check %+v", err, res.EncryptionCheck)
	}

	// Observed: under this policy moto refuses PutObject over its plain
	// HTTP (Forbidden) but answers HeadBucket, which AWS would refuse: the
	// probe's HeadBucket is not checked against the policy there.
	st.policy(b, tlsPolicy(b.name))
	probe := awsops.Plan{Steps: []awsops.Step{{Checks: []awsops.StepCheck{awsops.TLSOnlyProbe(b.name, b.region)}}}}
	if r := sess.Verify(ctx, probe).Results[0]; r.Outcome != awsops.CheckFailed {
		t.Errorf("moto answers HeadBucket over plain HTTP despite the policy: the probe must fail: %+v", r)
	}
}
