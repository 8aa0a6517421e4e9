package awsops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// versionedBucket creates a bucket with versioning on (MFA Delete off).
func versionedBucket(t *testing.T, env endpointEnv, name string) {
	t.Helper()
	c := env.client(t, "us-east-1")
	ctx := context.Background()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(name),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		t.Fatal(err)
	}
}

// resultsText is every check result on one line each, for failure messages.
func resultsText(v awsops.Verification) string {
	var b strings.Builder
	for _, r := range v.Results {
		b.WriteString("\n  " + r.Title + ": " + r.Detail)
	}
	return b.String()
}

// TestMFADeleteReadBackAndProbe: on an AWS-like sandbox, enabling MFA
// Delete reads back Enabled and a keyless version delete is refused; on a
// sandbox that accepts and ignores MFA Delete (as MinIO), both checks fail
// with the loud sentence, although Apply succeeded.
func TestMFADeleteReadBackAndProbe(t *testing.T) {
	for _, lax := range []bool{false, true} {
		name := map[bool]string{false: "aws-like", true: "ignores MFA Delete"}[lax]
		t.Run(name, func(t *testing.T) {
			clk := newStepClock()
			env, _ := sandboxEnv(t, sandbox.Options{Seed: true, Clock: clk.Now, IgnoreMFADelete: lax})
			sess := env.open(t)
			ctx := context.Background()
			versionedBucket(t, env, "mfa-probe")
			state := sess.State(ctx, awsops.Bucket{Name: "mfa-probe", Region: "us-east-1"})
			plan := awsops.EnableMFADeletePlan(state, sandbox.DemoMFASerial, false)
			checks := plan.Checks()
			if len(checks) != 2 || checks[0].Kind != awsops.CheckReadBack || checks[1].Kind != awsops.CheckProbe ||
				!strings.Contains(checks[1].Describe(), "s3:DeleteObject") {
				t.Fatalf("checks listed in the plan = %+v, want a read-back and the delete probe", checks)
			}
			v, err := sess.ApplyAndVerify(ctx, plan, clk.code(t), nil)
			if err != nil {
				t.Fatalf("Apply: %v (a lax endpoint accepts the request too)", err)
			}
			if len(v.Results) != 2 {
				t.Fatalf("results = %+v", v.Results)
			}
			if !lax {
				if !v.OK() {
					t.Fatalf("aws-like sandbox: %s", resultsText(v))
				}
				if !strings.Contains(v.Results[1].Detail, "AccessDenied") {
					t.Errorf("probe passed without AccessDenied: %s", v.Results[1].Detail)
				}
				return
			}
			if v.OK() || len(v.Failed()) != 2 {
				t.Fatalf("ignored MFA Delete must fail both checks: %s", resultsText(v))
			}
			want := "the endpoint accepted MFA Delete but does not report it enabled: it is not enforced here"
			if v.Results[0].Detail != want {
				t.Errorf("read-back says %q, want %q", v.Results[0].Detail, want)
			}
			if !strings.Contains(v.Results[1].Detail, "not enforced here") {
				t.Errorf("probe says %q", v.Results[1].Detail)
			}
			if len(versionsOf(t, sess, "mfa-probe", "")) != 0 {
				t.Error("the probe left something in the bucket")
			}
		})
	}
}

// TestTLSOnlyProbeSandbox: the plain-HTTP HeadBucket answers before a
// TLS-only policy (the probe fails: nothing enforces TLS) and is refused
// after it; without a known plain-HTTP address the probe cannot tell.
func TestTLSOnlyProbeSandbox(t *testing.T) {
	env, srv := sandboxEnv(t, sandbox.Options{})
	sess := env.open(t)
	ctx := context.Background()
	c := env.client(t, "us-east-1")
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("tls-probe")}); err != nil {
		t.Fatal(err)
	}
	plan := awsops.Plan{Bucket: "tls-probe", Steps: []awsops.Step{{Title: "policy", Checks: []awsops.StepCheck{awsops.TLSOnlyProbe("tls-probe", "us-east-1")}}}}
	if r := sess.Verify(ctx, plan).Results[0]; r.Outcome != awsops.CheckInconclusive || !strings.Contains(r.Detail, "not known") {
		t.Errorf("without a plain-HTTP address: %+v", r)
	}
	sess.SetPlainHTTPEndpoint(srv.HTTPURL())
	if r := sess.Verify(ctx, plan).Results[0]; r.Outcome != awsops.CheckFailed || !strings.Contains(r.Detail, "not enforced here") {
		t.Errorf("before the policy: %+v, want failed", r)
	}
	policy := `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",` +
		`"Resource":["arn:aws:s3:::tls-probe","arn:aws:s3:::tls-probe/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	if _, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("tls-probe"), Policy: aws.String(policy)}); err != nil {
		t.Fatal(err)
	}
	if r := sess.Verify(ctx, plan).Results[0]; r.Outcome != awsops.CheckPassed {
		t.Errorf("after the TLS-only policy: %+v, want passed", r)
	}
}

// TestUploadEncryptionReadBack: an SSE-S3 upload reads back SSE-S3; on a
// sandbox that stores SSE objects unencrypted (as versitygw) the upload
// still succeeds but its check fails, saying so.
func TestUploadEncryptionReadBack(t *testing.T) {
	for _, lax := range []bool{false, true} {
		env, _ := sandboxEnv(t, sandbox.Options{StoreSSEUnencrypted: lax})
		sess := env.open(t)
		ctx := context.Background()
		if _, err := env.client(t, "us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("sse-probe")}); err != nil {
			t.Fatal(err)
		}
		res, err := sess.Upload(ctx, awsops.UploadInput{Bucket: "sse-probe", Key: "a.txt", Body: strings.NewReader("hello"), Size: 5, Mode: awsops.SSES3}, nil)
		if err != nil {
			t.Fatalf("lax=%v: %v", lax, err)
		}
		r := res.EncryptionCheck
		switch {
		case r == nil:
			t.Fatalf("lax=%v: no encryption check for an SSE-S3 upload", lax)
		case !lax && r.Outcome != awsops.CheckPassed:
			t.Errorf("aws-like: %+v", r)
		case lax && (r.Outcome != awsops.CheckFailed || !strings.Contains(r.Detail, "stored it unencrypted")):
			t.Errorf("stores SSE unencrypted: %+v", r)
		}
		plain, err := sess.Upload(ctx, awsops.UploadInput{Bucket: "sse-probe", Key: "b.txt", Body: strings.NewReader("x"), Size: 1}, nil)
		if err != nil || plain.EncryptionCheck != nil {
			t.Errorf("an upload with the bucket default is not checked: %+v %v", plain.EncryptionCheck, err)
		}
	}
}

// TestEncryptionAndVersioningReadBackPass: the plans that exist read their
// change back, and on an AWS-like endpoint every check passes.
func TestEncryptionAndVersioningReadBackPass(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{})
	sess := env.open(t)
	ctx := context.Background()
	if _, err := env.client(t, "us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("read-back")}); err != nil {
		t.Fatal(err)
	}
	state := sess.State(ctx, awsops.Bucket{Name: "read-back", Region: "us-east-1"})
	enc, err := awsops.EncryptionPlan(state, awsops.EncryptionChoice{Algorithm: awsops.AlgorithmKMS, BucketKey: true})
	if err != nil {
		t.Fatal(err)
	}
	cors, err := awsops.PutCORSPlan("read-back", "us-east-1", []awsops.CORSRule{{AllowedOrigins: []string{"https://a.example"}, AllowedMethods: []string{"GET"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []awsops.Plan{enc, awsops.SetVersioningPlan(state, awsops.VersioningEnabled, ""), cors, awsops.DeleteCORSPlan("read-back", "us-east-1")} {
		v, err := sess.ApplyAndVerify(ctx, p, awsops.MFA{}, nil)
		if err != nil || len(v.Results) == 0 || !v.OK() {
			t.Errorf("%s: %v, %d checks:%s", p.Title, err, len(v.Results), resultsText(v))
		}
	}
}
