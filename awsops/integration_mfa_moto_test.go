package awsops_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
)

// motoNames numbers the buckets, devices and users these tests create, so
// that -count=N runs do not meet the previous run's ones on the shared moto.
var motoNames atomic.Int32

// TestMFADeleteMoto runs the MFA Delete path against moto, which does NOT
// enforce MFA Delete: it accepts MfaDelete=Enabled with any code over plain
// HTTP, drops it, and deletes versions and changes versioning without any
// x-amz-mfa header. The test asserts exactly that, so that a moto upgrade
// that starts enforcing is noticed; the enforcement itself is tested
// against the sandbox.
func TestMFADeleteMoto(t *testing.T) {
	env := motoEnv(t)
	ctx := context.Background()
	sess := env.open(t)
	b := suiteBucket{fmt.Sprintf("mfa-moto-records-%d", motoNames.Add(1)), "us-east-1"}
	st := stage{t: t, env: env, ctx: ctx}
	st.create(b)
	st.versioning(b, types.BucketVersioningStatusEnabled)
	c := env.client(t, b.region)
	var versions []string
	for _, body := range []string{"draft", "final"} {
		out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b.name), Key: aws.String("report.txt"), Body: strings.NewReader(body)})
		must(t, "put report.txt", err)
		versions = append(versions, aws.ToString(out.VersionId))
	}

	state := sess.State(ctx, awsops.Bucket{Name: b.name, Region: b.region})
	checks := awsops.MFAPreflight(ctx, sess, state, awsops.Identity{})
	byName := map[string]awsops.Check{}
	for _, ch := range checks {
		byName[ch.Name] = ch
	}
	// moto answers a fixed STS user, never root, and listens on plain HTTP:
	// both blocking checks fail, as they would for such a setup on AWS.
	if ch := byName[awsops.CheckRootUser]; ch.OK || !ch.Blocking {
		t.Errorf("root check on moto = %+v", ch)
	}
	if ch := byName[awsops.CheckHTTPS]; ch.OK || !ch.Blocking {
		t.Errorf("https check on http://moto = %+v", ch)
	}
	if ch := byName[awsops.CheckVersioning]; !ch.OK {
		t.Errorf("versioning check = %+v", ch)
	}
	if ch := byName[awsops.CheckNoLifecycle]; !ch.OK {
		t.Errorf("lifecycle check = %+v", ch)
	}
	if !awsops.PreflightBlocked(checks) {
		t.Error("preflight not blocked on moto")
	}

	// moto listens on plain HTTP, where awsops never sends a code.
	serial := "arn:aws:iam::123456789012:mfa/root-account-mfa-device"
	err := sess.Apply(ctx, awsops.EnableMFADeletePlan(state, serial, false), awsops.MFA{Serial: serial, Code: "000000"}, nil)
	if !errors.Is(err, awsops.ErrMFAOverHTTP) {
		t.Fatalf("MFA plan on http://moto = %v, want ErrMFAOverHTTP", err)
	}

	// Deviation (moto 5.x): PutBucketVersioning with MfaDelete=Enabled and
	// an arbitrary code over HTTP answers 200, and GetBucketVersioning then
	// never reports MfaDelete; AWS requires HTTPS and a valid root code, and
	// answers <MfaDelete>Enabled</MfaDelete>.
	_, err = c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b.name), MFA: aws.String(serial + " 000000"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled, MFADelete: types.MFADeleteEnabled}})
	if err != nil {
		t.Fatalf("moto refused MfaDelete=Enabled with an arbitrary code: %v", err)
	}
	state = sess.State(ctx, awsops.Bucket{Name: b.name, Region: b.region})
	if v := state.Versioning; v == nil || *v != (awsops.Versioning{Status: awsops.VersioningEnabled, MFADelete: awsops.MFADeleteNever}) {
		t.Fatalf("versioning after enabling MFA Delete on moto = %+v, want moto's Enabled without MfaDelete", v)
	}

	// Deviation (moto): a version delete without x-amz-mfa succeeds after
	// MFA Delete was enabled; AWS answers 403 "Mfa Authentication must be used".
	_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b.name), Key: aws.String("report.txt"), VersionId: aws.String(versions[0])})
	if err != nil {
		t.Errorf("moto now refuses a version delete without MFA (%v): it enforces MFA Delete, update this test", err)
	}
	// The plan follows what moto reports (MFA Delete never set): no code needed.
	plan := awsops.DeleteVersionsPlan(state, []awsops.ObjectVersionRef{{Key: "report.txt", VersionID: versions[1], IsLatest: true}}, serial)
	if plan.NeedsMFA() {
		t.Fatal("plan needs MFA although moto reports no MFA Delete")
	}
	if err := sess.Apply(ctx, plan, awsops.MFA{}, nil); err != nil {
		t.Errorf("version delete on moto: %v", err)
	}
	page, err := sess.ListObjectVersions(ctx, b.name, b.region, "", "", "", 100)
	if err != nil || len(page.Versions) != 0 {
		t.Errorf("versions left on moto: %+v, %v", page.Versions, err)
	}
	// Deviation (moto): suspending versioning without MFA succeeds.
	err = sess.Apply(ctx, awsops.SetVersioningPlan(state, awsops.VersioningSuspended, ""), awsops.MFA{}, nil)
	if err != nil {
		t.Errorf("moto refused suspending without MFA: %v", err)
	}
}

// TestVirtualMFAEnrollmentMoto creates and enables a virtual device on
// moto's IAM. moto returns a real base32 seed but random bytes for the QR
// PNG, does not check the codes, and needs UserName on ListMFADevices.
func TestVirtualMFAEnrollmentMoto(t *testing.T) {
	env := motoEnv(t)
	ctx := context.Background()
	sess := env.open(t)
	n := motoNames.Add(1)
	name, user := fmt.Sprintf("mfa-moto-device-%d", n), fmt.Sprintf("mfa-moto-user-%d", n)
	dev, err := sess.CreateVirtualMFADevice(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	if dev.Serial != "arn:aws:iam::123456789012:mfa/"+name || len(dev.QRPNG) == 0 {
		t.Errorf("device %v", dev)
	}
	if dev.URI != "otpauth://totp/s3sec:"+name+"@123456789012?secret="+dev.Seed+"&issuer=s3sec" {
		t.Errorf("URI does not carry the seed and account (%d characters)", len(dev.URI))
	}
	_, err = sess.CreateVirtualMFADevice(ctx, name)
	if awsops.Classify(err).Code != "EntityAlreadyExists" {
		t.Errorf("second device with the same name: %v", err)
	}

	iamc := iamClient(t, env)
	_, err = iamc.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(user)})
	must(t, "create user", err)
	now := time.Now()
	code1, err := dev.Code(now.Add(-otp.Period * time.Second))
	must(t, "code 1", err)
	code2, err := dev.Code(now)
	must(t, "code 2", err)
	if err := sess.EnableMFADevice(ctx, user, dev.Serial, code1, code2); err != nil {
		t.Fatalf("EnableMFADevice: %v", err)
	}
	// Deviation (moto): ListMFADevices without UserName looks up a user
	// named "None"; AWS lists the caller's devices.
	_, err = sess.MFADevices(ctx)
	if fe := awsops.Classify(err); fe == nil || fe.Code != "NoSuchEntity" {
		t.Errorf("MFADevices on moto = %v, want moto's NoSuchEntity", err)
	}
	out, err := iamc.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String(user)})
	if err != nil || len(out.MFADevices) != 1 || aws.ToString(out.MFADevices[0].SerialNumber) != dev.Serial {
		t.Errorf("devices of %s: %+v, %v", user, out, err)
	}
}

// iamClient is a plain IAM client on the endpoint, to set the stage.
func iamClient(t *testing.T, env endpointEnv) *iam.Client {
	t.Helper()
	opts := []func(*config.LoadOptions) error{config.WithRegion("us-east-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(env.keyID, env.secret, ""))}
	if env.caFile != "" {
		pem, err := os.ReadFile(env.caFile)
		must(t, "read CA", err)
		opts = append(opts, config.WithCustomCABundle(bytes.NewReader(pem)))
	}
	cfg, err := config.LoadDefaultConfig(context.Background(), opts...)
	must(t, "IAM config", err)
	return iam.NewFromConfig(cfg, func(o *iam.Options) { o.BaseEndpoint = aws.String(env.url) })
}
