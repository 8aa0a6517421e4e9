package awsops_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/sandbox"
)

// The sandbox enforces MFA Delete (S3-BEHAVIOR §3.3) and verifies codes
// with Options.Clock, so these tests drive a clock of their own: a reused
// code is rejected at the same instant, and moving the clock by one TOTP
// step gives the next code without waiting.

// mfaBucket is the seeded bucket with versioning and MFA Delete enabled.
const mfaBucket = "acme-secure-records"

// stepClock is a settable clock for Options.Clock.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

// newStepClock starts a few seconds into the current TOTP step.
func newStepClock() *stepClock {
	return &stepClock{t: otp.StepStart(otp.Step(time.Now())).Add(5 * time.Second)}
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// next moves to the next TOTP step and returns the demo device's code there.
func (c *stepClock) next(t *testing.T) awsops.MFA {
	c.mu.Lock()
	c.t = c.t.Add(otp.Period * time.Second)
	c.mu.Unlock()
	return c.code(t)
}

// code is the demo root device's code at the clock's time.
func (c *stepClock) code(t *testing.T) awsops.MFA {
	t.Helper()
	code, err := otp.Code(sandbox.DemoMFASeed, c.Now())
	if err != nil {
		t.Fatal(err)
	}
	return awsops.MFA{Serial: sandbox.DemoMFASerial, Code: code}
}

// mfaSandbox starts a seeded sandbox on the clock and opens a root session on HTTPS.
func mfaSandbox(t *testing.T) (endpointEnv, *sandbox.Server, *awsops.Session, *stepClock) {
	t.Helper()
	clk := newStepClock()
	env, srv := sandboxEnv(t, sandbox.Options{Seed: true, Clock: clk.Now})
	return env, srv, env.open(t), clk
}

// versionsOf lists every version and delete marker of one key.
func versionsOf(t *testing.T, sess *awsops.Session, bucket, key string) []awsops.ObjectVersion {
	t.Helper()
	page, err := sess.ListObjectVersions(context.Background(), bucket, "", key, "", "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []awsops.ObjectVersion
	for _, v := range page.Versions {
		if v.Key == key {
			out = append(out, v)
		}
	}
	return out
}

// noCodeIn fails when any formatting of v shows the code.
func noCodeIn(t *testing.T, what string, v any, code string) {
	t.Helper()
	for _, f := range []string{"%v", "%+v", "%#v"} {
		if strings.Contains(fmt.Sprintf(f, v), code) {
			t.Errorf("%s shows the MFA code with %s", what, f)
		}
	}
}

func TestMFADeleteSandbox(t *testing.T) {
	env, _, sess, clk := mfaSandbox(t)
	ctx := context.Background()
	state := sess.State(ctx, awsops.Bucket{Name: mfaBucket})
	if v := state.Versioning; v == nil || v.MFADelete != awsops.MFADeleteEnabled {
		t.Fatalf("%s versioning = %+v, want MFA Delete on", mfaBucket, v)
	}

	t.Run("preflight", func(t *testing.T) {
		checks := awsops.MFAPreflight(ctx, sess, state, awsops.Identity{})
		for _, c := range checks {
			if !c.OK {
				t.Errorf("%s failed for root over HTTPS: %s", c.Name, c.Detail)
			}
		}
		devices, err := sess.MFADevices(ctx)
		if err != nil || len(devices) != 1 || devices[0].Serial != sandbox.DemoMFASerial || devices[0].Type != awsops.MFADeviceVirtual || devices[0].EnableDate.IsZero() {
			t.Errorf("root's devices = %+v, %v", devices, err)
		}
	})

	q1 := versionsOf(t, sess, mfaBucket, "reports/2026-q1.pdf")
	if len(q1) != 3 {
		t.Fatalf("reports/2026-q1.pdf has %d versions, want the 3 seeded", len(q1))
	}
	oldest := q1[2]

	t.Run("version delete refused without a code", func(t *testing.T) {
		_, err := env.client(t, "us-east-1").DeleteObject(ctx, &s3.DeleteObjectInput{
			Bucket: aws.String(mfaBucket), Key: aws.String(oldest.Key), VersionId: aws.String(oldest.VersionID)})
		if !awsops.IsMFARequired(err) || !strings.Contains(awsops.ExplainMFAError(err), "needs a code") {
			t.Errorf("delete without x-amz-mfa: %v", err)
		}
		plan := awsops.DeleteVersionsPlan(state, []awsops.ObjectVersionRef{oldest.Ref()}, sandbox.DemoMFASerial)
		if err := sess.Apply(ctx, plan, awsops.MFA{Serial: sandbox.DemoMFASerial}, nil); !errors.Is(err, awsops.ErrMFARequired) {
			t.Errorf("Apply without a code = %v", err)
		}
	})

	t.Run("version delete with a code, then the same code again", func(t *testing.T) {
		m := clk.code(t)
		plan := awsops.DeleteVersionsPlan(state, []awsops.ObjectVersionRef{oldest.Ref()}, sandbox.DemoMFASerial)
		if err := sess.Apply(ctx, plan, m, nil); err != nil {
			t.Fatalf("delete with a fresh code: %v", err)
		}
		if got := versionsOf(t, sess, mfaBucket, oldest.Key); len(got) != 2 {
			t.Errorf("%d versions left, want 2", len(got))
		}
		again := awsops.DeleteVersionsPlan(state, []awsops.ObjectVersionRef{q1[1].Ref()}, sandbox.DemoMFASerial)
		err := sess.Apply(ctx, again, m, nil)
		if !awsops.IsMFARejected(err) || awsops.IsMFARequired(err) || !strings.Contains(awsops.ExplainMFAError(err), "wait for the next code") {
			t.Errorf("reused code: %v (%s)", err, awsops.ExplainMFAError(err))
		}
		noCodeIn(t, "plan", plan, m.Code)
		noCodeIn(t, "error", err, m.Code)
		if len(versionsOf(t, sess, mfaBucket, oldest.Key)) != 2 {
			t.Error("the reused code deleted a version")
		}
	})

	t.Run("batch with one code: undelete and partial failure", func(t *testing.T) {
		msa := versionsOf(t, sess, mfaBucket, "contracts/msa.txt")
		if len(msa) != 3 || !msa[0].IsDeleteMarker || !msa[0].IsLatest {
			t.Fatalf("contracts/msa.txt versions = %+v, want a current delete marker over 2 versions", msa)
		}
		// A well-formed id of a gone version is reported deleted (idempotent,
		// as S3 does); a malformed one still fails on its own.
		missing := awsops.ObjectVersionRef{Key: "reports/2026-q1.pdf", VersionID: "no-such-version"}
		refs := []awsops.ObjectVersionRef{q1[1].Ref(), msa[0].Ref(), missing}
		plan := awsops.DeleteVersionsPlan(state, refs, sandbox.DemoMFASerial)
		if len(plan.Steps) != 1 || plan.Steps[0].API != "s3:DeleteObjects" || !plan.NeedsMFA() {
			t.Fatalf("plan steps = %+v", plan.Steps)
		}
		m := clk.next(t)
		err := sess.Apply(ctx, plan, m, nil)
		var partial *awsops.PartialDeleteError
		if !errors.As(err, &partial) {
			t.Fatalf("batch = %v, want a partial failure for the unknown version", err)
		}
		if len(partial.Result.Deleted) != 2 || len(partial.Result.Failed) != 1 || partial.Result.Failed[0].Code != "NoSuchVersion" ||
			partial.Result.Failed[0].VersionID != missing.VersionID {
			t.Errorf("result = %+v", partial.Result)
		}
		for _, d := range partial.Result.Deleted {
			if d.Key == "contracts/msa.txt" && !d.DeleteMarker {
				t.Errorf("deleted marker reported as %+v", d)
			}
		}
		if got := versionsOf(t, sess, mfaBucket, "contracts/msa.txt"); len(got) != 2 || got[0].IsDeleteMarker || !got[0].IsLatest {
			t.Errorf("after removing the marker contracts/msa.txt = %+v, want it undeleted", got)
		}
		if got := versionsOf(t, sess, mfaBucket, "reports/2026-q1.pdf"); len(got) != 1 {
			t.Errorf("reports/2026-q1.pdf has %d versions, want 1", len(got))
		}
	})

	t.Run("malformed header", func(t *testing.T) {
		_, err := env.client(t, "us-east-1").DeleteObject(ctx, &s3.DeleteObjectInput{
			Bucket: aws.String(mfaBucket), Key: aws.String("reports/2026-q2.pdf"), VersionId: aws.String("null"), MFA: aws.String(sandbox.DemoMFASerial)})
		if !awsops.IsMFAHeaderInvalid(err) {
			t.Errorf("header without a code: %v", err)
		}
	})

	t.Run("suspend with a code keeps MFA Delete", func(t *testing.T) {
		plan := awsops.SetVersioningPlan(state, awsops.VersioningSuspended, sandbox.DemoMFASerial)
		if err := sess.Apply(ctx, plan, clk.next(t), nil); err != nil {
			t.Fatal(err)
		}
		st := sess.State(ctx, awsops.Bucket{Name: mfaBucket})
		if v := st.Versioning; v == nil || *v != (awsops.Versioning{Status: awsops.VersioningSuspended, MFADelete: awsops.MFADeleteEnabled}) {
			t.Errorf("versioning after suspend = %+v", v)
		}
		state = st
	})

	t.Run("disable, then versions delete without a code", func(t *testing.T) {
		if err := sess.Apply(ctx, awsops.DisableMFADeletePlan(state, sandbox.DemoMFASerial), clk.next(t), nil); err != nil {
			t.Fatal(err)
		}
		state = sess.State(ctx, awsops.Bucket{Name: mfaBucket})
		if v := state.Versioning; v == nil || v.MFADelete != awsops.MFADeleteDisabled || v.Status != awsops.VersioningSuspended {
			t.Fatalf("after disabling = %+v", v)
		}
		left := versionsOf(t, sess, mfaBucket, "contracts/msa.txt")
		plan := awsops.DeleteVersionsPlan(state, []awsops.ObjectVersionRef{left[1].Ref()}, "")
		if plan.NeedsMFA() {
			t.Fatal("plan needs MFA after MFA Delete was disabled")
		}
		if err := sess.Apply(ctx, plan, awsops.MFA{}, nil); err != nil {
			t.Errorf("version delete without MFA Delete: %v", err)
		}
	})

	t.Run("enable MFA Delete and versioning in one request", func(t *testing.T) {
		plan := awsops.EnableMFADeletePlan(state, sandbox.DemoMFASerial, true)
		if len(plan.Steps) != 1 {
			t.Fatalf("%d steps", len(plan.Steps))
		}
		m := clk.next(t)
		if err := sess.Apply(ctx, plan, m, nil); err != nil {
			t.Fatal(err)
		}
		noCodeIn(t, "plan", plan, m.Code)
		st := sess.State(ctx, awsops.Bucket{Name: mfaBucket})
		if v := st.Versioning; v == nil || *v != (awsops.Versioning{Status: awsops.VersioningEnabled, MFADelete: awsops.MFADeleteEnabled}) {
			t.Errorf("versioning = %+v", v)
		}
	})
}

func TestMFADeleteSandboxRefusals(t *testing.T) {
	env, srv, root, clk := mfaSandbox(t)
	ctx := context.Background()
	state := root.State(ctx, awsops.Bucket{Name: mfaBucket})
	ref := versionsOf(t, root, mfaBucket, "reports/2026-q2.pdf")[0].Ref()

	t.Run("admin is not root", func(t *testing.T) {
		adminEnv := env
		admin := srv.Admin()
		adminEnv.keyID, adminEnv.secret = admin.AccessKeyID, admin.SecretAccessKey
		sess := adminEnv.open(t)
		checks := awsops.MFAPreflight(ctx, sess, state, awsops.Identity{})
		if c := checks[0]; c.Name != awsops.CheckRootUser || c.OK || !strings.Contains(c.Detail, admin.ARN) {
			t.Errorf("root check for admin = %+v", c)
		}
		err := sess.Apply(ctx, awsops.DeleteVersionsPlan(state, []awsops.ObjectVersionRef{ref}, sandbox.DemoMFASerial), clk.code(t), nil)
		if !awsops.IsNotRootForMFA(err) || awsops.IsMFARejected(err) || !strings.Contains(awsops.ExplainMFAError(err), "only the root user") {
			t.Errorf("admin deleting a version: %v", err)
		}
		err = sess.Apply(ctx, awsops.DisableMFADeletePlan(state, sandbox.DemoMFASerial), clk.next(t), nil)
		if !awsops.IsNotRootForMFA(err) {
			t.Errorf("admin disabling MFA Delete: %v", err)
		}
	})

	t.Run("temporary credentials", func(t *testing.T) {
		r := srv.Root()
		sess, err := awsops.Open(ctx, awsops.Options{Region: "us-east-1", EndpointURL: env.url, CABundle: env.caFile,
			AccessKeyID: r.AccessKeyID, SecretAccessKey: r.SecretAccessKey, SessionToken: "FwoGZXIvYXdzEXAMPLETOKEN"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(sess.Close)
		for _, c := range awsops.MFAPreflight(ctx, sess, state, awsops.Identity{ARN: r.ARN, IsRoot: true}) {
			if c.Name == awsops.CheckLongTermKeys && (c.OK || !c.Blocking) {
				t.Errorf("long-term keys check with a session token = %+v", c)
			}
		}
		err = sess.Apply(ctx, awsops.DeleteVersionsPlan(state, []awsops.ObjectVersionRef{ref}, sandbox.DemoMFASerial), clk.next(t), nil)
		if !awsops.IsMFAWithTemporaryCredentials(err) || !strings.Contains(awsops.ExplainMFAError(err), "long-term access keys") {
			t.Errorf("MFA with a session token: %v", err)
		}
	})

	t.Run("plain HTTP", func(t *testing.T) {
		httpEnv := env
		httpEnv.url, httpEnv.caFile = srv.HTTPURL(), ""
		sess := httpEnv.open(t)
		var https awsops.Check
		for _, c := range awsops.MFAPreflight(ctx, sess, state, awsops.Identity{}) {
			if c.Name == awsops.CheckHTTPS {
				https = c
			}
		}
		if https.OK || !https.Blocking {
			t.Errorf("https check over HTTP = %+v", https)
		}
		// awsops does not send a code over plain HTTP at all...
		err := sess.Apply(ctx, awsops.DeleteVersionsPlan(state, []awsops.ObjectVersionRef{ref}, sandbox.DemoMFASerial), clk.next(t), nil)
		if !errors.Is(err, awsops.ErrMFAOverHTTP) {
			t.Errorf("Apply over HTTP: %v, want ErrMFAOverHTTP", err)
		}
		// ...and the sandbox refuses one that another client sends (on a
		// bucket without the TLS-only policy, which would deny it first).
		_, err = httpEnv.client(t, "eu-west-1").DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("acme-scratch"), Key: aws.String("k"),
			VersionId: aws.String("null"), MFA: aws.String(sandbox.DemoMFASerial + " " + clk.code(t).Code)})
		if !awsops.IsMFAOverHTTP(err) || !strings.Contains(awsops.ExplainMFAError(err), "HTTPS") {
			t.Errorf("x-amz-mfa over HTTP: %v (%s)", err, awsops.ExplainMFAError(err))
		}
	})

	t.Run("lifecycle conflict", func(t *testing.T) {
		arch := root.State(ctx, awsops.Bucket{Name: "acme-lifecycle-archive"})
		var lc awsops.Check
		for _, c := range awsops.MFAPreflight(ctx, root, arch, awsops.Identity{}) {
			if c.Name == awsops.CheckNoLifecycle {
				lc = c
			}
		}
		if lc.OK || !lc.Blocking || !strings.Contains(lc.Detail, "2 lifecycle rule(s)") {
			t.Errorf("lifecycle check = %+v", lc)
		}
		plan := awsops.EnableMFADeletePlan(arch, sandbox.DemoMFASerial, false)
		if !strings.Contains(strings.Join(plan.Warnings, "\n"), "2 lifecycle rule(s)") {
			t.Errorf("plan warnings %q", plan.Warnings)
		}
	})
}

func TestVirtualMFAEnrollmentSandbox(t *testing.T) {
	env, srv, _, clk := mfaSandbox(t)
	ctx := context.Background()
	admin := srv.Admin()
	env.keyID, env.secret = admin.AccessKeyID, admin.SecretAccessKey
	sess := env.open(t)

	dev, err := sess.CreateVirtualMFADevice(ctx, "admin-phone")
	if err != nil {
		t.Fatal(err)
	}
	if dev.Serial != "arn:aws:iam::"+srv.AccountID()+":mfa/admin-phone" || len(dev.Seed) != 64 {
		t.Errorf("device %v, seed length %d", dev, len(dev.Seed))
	}
	if !strings.HasPrefix(string(dev.QRPNG), "\x89PNG") || dev.URI != otp.IssuerURI(otp.Issuer, "admin-phone", srv.AccountID(), dev.Seed) {
		t.Errorf("QR code or URI wrong: %v", dev)
	}
	if strings.Contains(fmt.Sprintf("%v %+v %#v", dev, dev, dev), dev.Seed) {
		t.Error("device formatting shows the seed")
	}

	code := func(t *testing.T, at time.Time) string {
		c, err := dev.Code(at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	now := clk.Now()
	prev := now.Add(-otp.Period * time.Second)
	err = sess.EnableMFADevice(ctx, "admin", dev.Serial, code(t, now), code(t, prev))
	if !awsops.IsMFARejected(err) || !strings.Contains(awsops.ExplainMFAError(err), "consecutive") {
		t.Errorf("codes in the wrong order: %v", err)
	}
	if err := sess.EnableMFADevice(ctx, "admin", dev.Serial, code(t, prev), code(t, now)); err != nil {
		t.Fatalf("EnableMFADevice: %v", err)
	}
	devices, err := sess.MFADevices(ctx)
	if err != nil || len(devices) != 1 || devices[0].Serial != dev.Serial || devices[0].UserName != "admin" || devices[0].Type != awsops.MFADeviceVirtual {
		t.Errorf("admin's devices = %+v, %v", devices, err)
	}
	_, err = sess.CreateVirtualMFADevice(ctx, "admin-phone")
	if awsops.Classify(err).Code != "EntityAlreadyExists" {
		t.Errorf("same name again: %v", err)
	}
}
