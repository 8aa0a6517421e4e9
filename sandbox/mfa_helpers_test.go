package sandbox_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/sandbox"
)

// startMFA runs a sandbox on a hand-moved clock starting at fixedTime.
func startMFA(t *testing.T) (*sandbox.Server, *manualClock) {
	clock := &manualClock{t: fixedTime}
	return start(t, sandbox.Options{Clock: clock.Now}), clock
}

// iamClient is an aws-sdk-go-v2 IAM client against the sandbox.
func iamClient(t testing.TB, srv *sandbox.Server, o clientOpts) *iam.Client {
	return iam.NewFromConfig(awsConfig(t, srv, o), func(io *iam.Options) {
		io.BaseEndpoint = aws.String(endpoint(srv, o.plain))
	})
}

// mustCode is the device's TOTP code at t.
func mustCode(t testing.TB, seed string, at time.Time) string {
	t.Helper()
	code, err := otp.Code(seed, at)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// wrongCode is a well-formed code that none of the steps the sandbox accepts at now produce.
func wrongCode(t testing.TB, seed string, now time.Time) string {
	t.Helper()
	valid := map[string]bool{}
	for _, d := range []time.Duration{-otp.Period, 0, otp.Period} {
		valid[mustCode(t, seed, now.Add(d*time.Second))] = true
	}
	for _, c := range []string{"000000", "111111", "222222"} {
		if !valid[c] {
			return c
		}
	}
	t.Fatal("no wrong code found")
	return ""
}

// testDevice is a virtual MFA device a test created through IAM.
type testDevice struct {
	serial, seed string
	clock        *manualClock
}

// header moves the clock to the next step and returns an x-amz-mfa value with
// that step's code, so every call yields a code never used before.
func (d testDevice) header(t testing.TB) *string {
	d.clock.Advance(otp.Period * time.Second)
	return aws.String(d.serial + " " + mustCode(t, d.seed, d.clock.Now()))
}

// createDevice creates a virtual device as the given caller and returns it unassigned.
func createDevice(t testing.TB, c *iam.Client, clock *manualClock, name string) testDevice {
	t.Helper()
	out, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(name)})
	if err != nil {
		t.Fatalf("CreateVirtualMFADevice %s: %v", name, err)
	}
	return testDevice{serial: aws.ToString(out.VirtualMFADevice.SerialNumber), seed: string(out.VirtualMFADevice.Base32StringSeed), clock: clock}
}

// enableDevice enables d for userName with the codes of the current and the
// next step, then moves the clock past both so later codes are fresh.
func enableDevice(t testing.TB, c *iam.Client, d testDevice, userName string) {
	t.Helper()
	now := d.clock.Now()
	_, err := c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{
		UserName:            aws.String(userName),
		SerialNumber:        aws.String(d.serial),
		AuthenticationCode1: aws.String(mustCode(t, d.seed, now)),
		AuthenticationCode2: aws.String(mustCode(t, d.seed, now.Add(otp.Period*time.Second))),
	})
	if err != nil {
		t.Fatalf("EnableMFADevice %s for %s: %v", d.serial, userName, err)
	}
	d.clock.Advance(otp.Period * time.Second)
}

// rootDevice creates a virtual device and enables it for the root user, as
// the root user does through IAM (UserName = the account id).
func rootDevice(t testing.TB, srv *sandbox.Server, clock *manualClock) testDevice {
	t.Helper()
	c := iamClient(t, srv, clientOpts{})
	d := createDevice(t, c, clock, "root-test-device")
	enableDevice(t, c, d, srv.AccountID())
	return d
}

// mfaBucket creates a versioned bucket with MFA Delete on, as the root user.
func mfaBucket(t testing.TB, c *s3.Client, d testDevice, name string) {
	t.Helper()
	mustBucket(t, c, name)
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket: aws.String(name), MFA: d.header(t),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled, MFADelete: s3types.MFADeleteEnabled},
	})
	if err != nil {
		t.Fatalf("enable MFA Delete on %s: %v", name, err)
	}
}

// tempCredsClient signs like a caller with temporary credentials: the root
// keys plus a session token the sandbox never issued.
func tempCredsClient(t testing.TB, srv *sandbox.Server) *s3.Client {
	cfg := awsConfig(t, srv, clientOpts{})
	root := srv.Root()
	cfg.Credentials = credentials.NewStaticCredentialsProvider(root.AccessKeyID, root.SecretAccessKey, "FwoGZXIvYXdzEXAMPLETOKEN")
	return s3.NewFromConfig(cfg, func(so *s3.Options) {
		so.BaseEndpoint = aws.String(srv.HTTPSURL())
		so.UsePathStyle = true
	})
}

// versionCount counts a key's versions and delete markers.
func versionCount(t testing.TB, c *s3.Client, bucket, key string) int {
	t.Helper()
	out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), Prefix: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, v := range out.Versions {
		if aws.ToString(v.Key) == key {
			n++
		}
	}
	for _, m := range out.DeleteMarkers {
		if aws.ToString(m.Key) == key {
			n++
		}
	}
	return n
}

// mfaVersioning reads a bucket's versioning status and MFA Delete state.
func mfaVersioning(t testing.TB, c *s3.Client, bucket string) string {
	t.Helper()
	out, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out.Status) + " " + string(out.MFADelete))
}
