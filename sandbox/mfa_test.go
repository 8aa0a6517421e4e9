package sandbox_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/otp"
)

// Answers of S3-BEHAVIOR 3.3, spelled out so a change to the sandbox's
// constants shows up here.
const (
	mfaRequired     = "Mfa Authentication must be used for this request"
	mfaInvalid      = "Mfa header is invalid -- the header should be formatted as {serialNumber}(space){tokenCode}"
	mfaOverHTTP     = "x-amz-mfa header is only accepted over HTTPS"
	mfaTempCreds    = "DevPay and Mfa are mutually exclusive authorization methods."
	mfaOwnerOnly    = "This operation may only be performed by the bucket owner"
	mfaLifecycleMsg = "Lifecycle configuration is not supported on MFA Delete enabled buckets"
)

// putVersioning sends PutBucketVersioning with an optional x-amz-mfa.
func putVersioning(c *s3.Client, bucket string, status s3types.BucketVersioningStatus, mfaDelete s3types.MFADelete, mfa *string) error {
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket: aws.String(bucket), MFA: mfa,
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: status, MFADelete: mfaDelete},
	})
	return err
}

// deleteVersion sends DeleteObject with a version id and an optional x-amz-mfa.
func deleteVersion(c *s3.Client, bucket, key string, versionID, mfa *string) (*s3.DeleteObjectOutput, error) {
	return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), VersionId: versionID, MFA: mfa})
}

func TestEnablingMFADeleteNeedsRootMFA(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "mfa-enable")
	const on, enabled = s3types.MFADeleteEnabled, s3types.BucketVersioningStatusEnabled

	expectError(t, putVersioning(c, "mfa-enable", enabled, on, nil), 403, "AccessDenied", mfaRequired)
	wrong := aws.String(dev.serial + " " + wrongCode(t, dev.seed, clock.Now()))
	expectError(t, putVersioning(c, "mfa-enable", enabled, on, wrong), 403, "AccessDenied", "Access Denied")
	// A device that exists but is not enabled for root does not count.
	spare := createDevice(t, iamClient(t, srv, clientOpts{}), clock, "spare")
	expectError(t, putVersioning(c, "mfa-enable", enabled, on, spare.header(t)), 403, "AccessDenied", "Access Denied")
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	expectError(t, putVersioning(admin, "mfa-enable", enabled, on, dev.header(t)), 403, "AccessDenied", mfaOwnerOnly)
	if got := mfaVersioning(t, c, "mfa-enable"); got != "" {
		t.Fatalf("refused requests changed the bucket: %q", got)
	}

	if err := putVersioning(c, "mfa-enable", enabled, on, dev.header(t)); err != nil {
		t.Fatal(err)
	}
	if got := mfaVersioning(t, c, "mfa-enable"); got != "Enabled Enabled" {
		t.Fatalf("versioning %q", got)
	}
}

func TestMFADeleteVersionedDeletes(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	const b = "mfa-deletes"
	mfaBucket(t, c, dev, b)

	// PUT, GET, HEAD, List and a delete without versionId need no MFA.
	v1 := mustPut(t, c, b, "doc.txt", "one")
	mustPut(t, c, b, "doc.txt", "two")
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("doc.txt")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("doc.txt"), VersionId: v1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b)}); err != nil {
		t.Fatal(err)
	}
	marker, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("doc.txt")})
	if err != nil || !aws.ToBool(marker.DeleteMarker) {
		t.Fatalf("delete without versionId: %v %+v", err, marker)
	}

	// Permanently deleting a data version or a delete marker needs MFA.
	for _, tc := range []struct {
		name      string
		versionID *string
		isMarker  bool
	}{{"data version", v1, false}, {"delete marker", marker.VersionId, true}} {
		_, err := deleteVersion(c, b, "doc.txt", tc.versionID, nil)
		expectError(t, err, 403, "AccessDenied", mfaRequired)
		out, err := deleteVersion(c, b, "doc.txt", tc.versionID, dev.header(t))
		if err != nil {
			t.Fatalf("%s with MFA: %v", tc.name, err)
		}
		if aws.ToString(out.VersionId) != aws.ToString(tc.versionID) || aws.ToBool(out.DeleteMarker) != tc.isMarker {
			t.Fatalf("%s: %+v", tc.name, out)
		}
	}
	if n := versionCount(t, c, b, "doc.txt"); n != 1 {
		t.Fatalf("%d versions left, want 1", n)
	}
	// versionId=null is a version too.
	_, err = deleteVersion(c, b, "doc.txt", aws.String("null"), nil)
	expectError(t, err, 403, "AccessDenied", mfaRequired)
}

func TestMFADeleteDeleteObjects(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	const b = "mfa-batch"
	mfaBucket(t, c, dev, b)
	old := mustPut(t, c, b, "versioned.txt", "v1")
	mustPut(t, c, b, "versioned.txt", "v2")
	mustPut(t, c, b, "plain.txt", "p")

	batch := func(mfa *string, objects ...s3types.ObjectIdentifier) (*s3.DeleteObjectsOutput, error) {
		return c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), MFA: mfa, Delete: &s3types.Delete{Objects: objects}})
	}
	plain := s3types.ObjectIdentifier{Key: aws.String("plain.txt")}
	versioned := s3types.ObjectIdentifier{Key: aws.String("versioned.txt"), VersionId: old}

	// Naming a version fails the whole request without a valid code: the
	// key named without a version gets no delete marker either.
	_, err := batch(nil, plain, versioned)
	expectError(t, err, 403, "AccessDenied", mfaRequired)
	_, err = batch(aws.String(dev.serial+" "+wrongCode(t, dev.seed, clock.Now())), plain, versioned)
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	if n, m := versionCount(t, c, b, "plain.txt"), versionCount(t, c, b, "versioned.txt"); n != 1 || m != 2 {
		t.Fatalf("refused batches deleted something: plain %d versions, versioned %d", n, m)
	}

	out, err := batch(dev.header(t), plain, versioned)
	if err != nil || len(out.Deleted) != 2 || len(out.Errors) != 0 {
		t.Fatalf("with MFA: %v %+v", err, out)
	}
	if n := versionCount(t, c, b, "versioned.txt"); n != 1 {
		t.Fatalf("versioned.txt has %d versions, want 1", n)
	}
	// Without any VersionId the batch needs no MFA.
	if out, err := batch(nil, plain); err != nil || len(out.Deleted) != 1 || !aws.ToBool(out.Deleted[0].DeleteMarker) {
		t.Fatalf("unversioned batch: %v %+v", err, out)
	}
}

func TestMFADeleteVersioningChanges(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	const b = "mfa-versioning"
	mfaBucket(t, c, dev, b)
	const enabled, suspended = s3types.BucketVersioningStatusEnabled, s3types.BucketVersioningStatusSuspended

	// Repeating the current state is accepted without MFA (Ceph's behaviour).
	if err := putVersioning(c, b, enabled, s3types.MFADeleteEnabled, nil); err != nil {
		t.Fatalf("repeat with MfaDelete: %v", err)
	}
	if err := putVersioning(c, b, enabled, "", nil); err != nil {
		t.Fatalf("repeat status only: %v", err)
	}
	// Changing Status needs MFA, also from Enabled to Suspended and back.
	expectError(t, putVersioning(c, b, suspended, "", nil), 403, "AccessDenied", mfaRequired)
	if err := putVersioning(c, b, suspended, "", dev.header(t)); err != nil {
		t.Fatal(err)
	}
	if got := mfaVersioning(t, c, b); got != "Suspended Enabled" {
		t.Fatalf("after suspend: %q", got)
	}
	expectError(t, putVersioning(c, b, enabled, "", nil), 403, "AccessDenied", mfaRequired)
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	expectError(t, putVersioning(admin, b, enabled, "", dev.header(t)), 403, "AccessDenied", mfaOwnerOnly)
	if err := putVersioning(c, b, enabled, "", dev.header(t)); err != nil {
		t.Fatal(err)
	}

	// Disabling MFA Delete needs MFA; afterwards versions go without it.
	expectError(t, putVersioning(c, b, enabled, s3types.MFADeleteDisabled, nil), 403, "AccessDenied", mfaRequired)
	if err := putVersioning(c, b, enabled, s3types.MFADeleteDisabled, dev.header(t)); err != nil {
		t.Fatal(err)
	}
	if got := mfaVersioning(t, c, b); got != "Enabled Disabled" {
		t.Fatalf("after disabling: %q", got)
	}
	v := mustPut(t, c, b, "k", "x")
	if _, err := deleteVersion(c, b, "k", v, nil); err != nil {
		t.Fatalf("delete version after MFA Delete off: %v", err)
	}
}

func TestMFACodeIsAcceptedOnce(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	const b = "mfa-reuse"
	mfaBucket(t, c, dev, b)
	v1, v2 := mustPut(t, c, b, "k", "1"), mustPut(t, c, b, "k", "2")

	h := dev.header(t)
	if _, err := deleteVersion(c, b, "k", v1, h); err != nil {
		t.Fatal(err)
	}
	_, err := deleteVersion(c, b, "k", v2, h)
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	// The next step's code (a device running slightly ahead) was never used.
	next := aws.String(dev.serial + " " + mustCode(t, dev.seed, clock.Now().Add(otp.Period*time.Second)))
	if _, err := deleteVersion(c, b, "k", v2, next); err != nil {
		t.Fatalf("next step's unused code: %v", err)
	}
	// Codes follow the sandbox clock (Options.Clock), not the wall clock.
	if wall := time.Now(); wall.Sub(clock.Now()).Abs() > 2*time.Minute {
		v3 := mustPut(t, c, b, "k", "3")
		_, err = deleteVersion(c, b, "k", v3, aws.String(dev.serial+" "+mustCode(t, dev.seed, wall)))
		expectError(t, err, 403, "AccessDenied", "Access Denied")
	}
}

func TestMFAHeaderChecks(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	mfaBucket(t, c, dev, "mfa-headers")
	v := mustPut(t, c, "mfa-headers", "k", "x")
	mustBucket(t, c, "no-mfa")

	// Over plain HTTP the header is refused, whether or not the bucket needs it.
	plain := s3Client(t, srv, clientOpts{plain: true})
	for _, b := range []string{"mfa-headers", "no-mfa"} {
		_, err := deleteVersion(plain, b, "k", aws.String("null"), dev.header(t))
		expectError(t, err, 400, "InvalidRequest", mfaOverHTTP)
	}

	// Malformed values: 400 InvalidArgument naming the header.
	for _, value := range []string{"", dev.serial, dev.serial + "  123456", dev.serial + " 12345", dev.serial + " 12345a", "short 123456"} {
		res := do(t, srv, clientOpts{}, http.MethodDelete, "/mfa-headers/k?versionId="+aws.ToString(v), nil, http.Header{"X-Amz-Mfa": {value}})
		if res.Status != 400 || !strings.Contains(res.Body, "<Code>InvalidArgument</Code><Message>"+mfaInvalid+"</Message><ArgumentName>x-amz-mfa</ArgumentName>") {
			t.Errorf("x-amz-mfa %q: %d %s", value, res.Status, res.Body)
		}
	}

	// Temporary credentials and MFA are mutually exclusive; without the
	// header the unknown token is refused as before.
	temp := tempCredsClient(t, srv)
	_, err := deleteVersion(temp, "mfa-headers", "k", v, dev.header(t))
	expectError(t, err, 400, "InvalidRequest", mfaTempCreds)
	_, err = deleteVersion(temp, "mfa-headers", "k", v, nil)
	expectError(t, err, 400, "InvalidToken", "")
	if n := versionCount(t, c, "mfa-headers", "k"); n != 1 {
		t.Fatalf("refused requests deleted the version: %d left", n)
	}
}

func TestMFADeleteRefusesIAMUsers(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	const b = "mfa-admin"
	mfaBucket(t, c, dev, b)
	v := mustPut(t, c, b, "k", "x")

	// The admin user enrolls its own device: valid for IAM, useless for MFA Delete.
	adminIAM := iamClient(t, srv, clientOpts{creds: srv.Admin()})
	own := createDevice(t, adminIAM, clock, "admin-device")
	enableDevice(t, adminIAM, own, "admin")
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	for name, mfa := range map[string]*string{"without MFA": nil, "own device": own.header(t), "root's device": dev.header(t)} {
		t.Run(name, func(t *testing.T) {
			_, err := deleteVersion(admin, b, "k", v, mfa)
			expectError(t, err, 403, "AccessDenied", mfaOwnerOnly)
		})
	}
	expectError(t, putVersioning(admin, b, s3types.BucketVersioningStatusEnabled, s3types.MFADeleteDisabled, own.header(t)), 403, "AccessDenied", mfaOwnerOnly)
	_, err := admin.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), MFA: own.header(t),
		Delete: &s3types.Delete{Objects: []s3types.ObjectIdentifier{{Key: aws.String("k"), VersionId: v}}}})
	expectError(t, err, 403, "AccessDenied", mfaOwnerOnly)
	// Deletes that only add a delete marker stay open to the admin.
	if out, err := admin.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("k")}); err != nil || !aws.ToBool(out.DeleteMarker) {
		t.Fatalf("admin delete without versionId: %v", err)
	}
	if n := versionCount(t, c, b, "k"); n != 2 {
		t.Fatalf("%d versions, want the data version and the admin's marker", n)
	}
}

func TestLifecycleAndMFADeleteExcludeEachOther(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	rule := &s3types.BucketLifecycleConfiguration{Rules: []s3types.LifecycleRule{{
		ID: aws.String("expire"), Status: s3types.ExpirationStatusEnabled, Filter: &s3types.LifecycleRuleFilter{Prefix: aws.String("tmp/")},
		Expiration: &s3types.LifecycleExpiration{Days: aws.Int32(7)},
	}}}
	putLifecycle := func(b string) error {
		_, err := c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b), LifecycleConfiguration: rule})
		return err
	}

	mfaBucket(t, c, dev, "mfa-then-lifecycle")
	expectError(t, putLifecycle("mfa-then-lifecycle"), 409, "InvalidBucketState", mfaLifecycleMsg)

	mustBucket(t, c, "lifecycle-then-mfa")
	enableVersioning(t, c, "lifecycle-then-mfa", s3types.BucketVersioningStatusEnabled)
	if err := putLifecycle("lifecycle-then-mfa"); err != nil {
		t.Fatal(err)
	}
	err := putVersioning(c, "lifecycle-then-mfa", s3types.BucketVersioningStatusEnabled, s3types.MFADeleteEnabled, dev.header(t))
	expectError(t, err, 409, "InvalidBucketState", mfaLifecycleMsg)
	if got := mfaVersioning(t, c, "lifecycle-then-mfa"); got != "Enabled" {
		t.Fatalf("versioning %q, want MFA Delete still off", got)
	}
}
