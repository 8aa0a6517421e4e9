package sandbox_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/sandbox"
)

// oldestVersion is the id of the oldest version of key.
func oldestVersion(t testing.TB, c *s3.Client, bucket, key string) string {
	t.Helper()
	out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), Prefix: aws.String(key)})
	if err != nil || len(out.Versions) < 2 {
		t.Fatalf("versions of %s: %v %+v", key, err, out)
	}
	return aws.ToString(out.Versions[len(out.Versions)-1].VersionId)
}

func TestSeedRootMFADevice(t *testing.T) {
	if err := otp.ValidateSerial(sandbox.DemoMFASerial); err != nil || !otp.IsVirtualSerial(sandbox.DemoMFASerial) {
		t.Fatalf("DemoMFASerial: %v", err)
	}
	if norm, err := otp.NormalizeSeed(sandbox.DemoMFASeed); err != nil || norm != sandbox.DemoMFASeed || len(norm) != 64 {
		t.Fatalf("DemoMFASeed: %v", err)
	}
	clock := &manualClock{t: fixedTime}
	srv := start(t, sandbox.Options{Seed: true, Clock: clock.Now})
	root := iamClient(t, srv, clientOpts{})

	// The device exists and is enabled for root, consistent with MFA Delete on acme-secure-records.
	out, err := root.ListMFADevices(ctx, &iam.ListMFADevicesInput{})
	if err != nil || len(out.MFADevices) != 1 || aws.ToString(out.MFADevices[0].SerialNumber) != sandbox.DemoMFASerial {
		t.Fatalf("root's devices: %v %+v", err, out)
	}
	v, err := root.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAssigned})
	if err != nil || len(v.VirtualMFADevices) != 1 || aws.ToString(v.VirtualMFADevices[0].User.Arn) != srv.Root().ARN {
		t.Fatalf("assigned devices: %v %+v", err, v)
	}
	_, err = root.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("root-account-mfa-device")})
	expectError(t, err, 409, "EntityAlreadyExists", "")

	// A code from the published demo seed deletes a version of the MFA Delete bucket.
	c := s3Client(t, srv, clientOpts{})
	const b, key = "acme-secure-records", "reports/2026-q1.pdf"
	id := aws.String(oldestVersion(t, c, b, key))
	_, err = deleteVersion(c, b, key, id, nil)
	expectError(t, err, 403, "AccessDenied", mfaRequired)
	if _, err := deleteVersion(c, b, key, id, aws.String(sandbox.DemoMFASerial+" "+mustCode(t, sandbox.DemoMFASeed, clock.Now()))); err != nil {
		t.Fatalf("delete with the demo code: %v", err)
	}
}
