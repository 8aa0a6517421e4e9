package sandbox_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// mfaTooMany is the sandbox's answer text for a locked-out device (UNVERIFIED on AWS).
const mfaTooMany = "Too many invalid MFA attempts for this device; try again later"

// codeNow is an x-amz-mfa value with the device's code at the sandbox's current time.
func (d testDevice) codeNow(t testing.TB) *string {
	return aws.String(d.serial + " " + mustCode(t, d.seed, d.clock.Now()))
}

// wrongNow is an x-amz-mfa value with a wrong code for the sandbox's current time.
func (d testDevice) wrongNow(t testing.TB) *string {
	return aws.String(d.serial + " " + wrongCode(t, d.seed, d.clock.Now()))
}

func TestMFAWrongCodesLockTheDeviceOut(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	const b = "mfa-throttle"
	mfaBucket(t, c, dev, b)
	v := mustPut(t, c, b, "k", "x")

	// Five wrong codes are ordinary refusals.
	for range 5 {
		_, err := deleteVersion(c, b, "k", v, dev.wrongNow(t))
		expectError(t, err, 403, "AccessDenied", "Access Denied")
	}
	// Then the device is locked out: wrong and right codes alike.
	_, err := deleteVersion(c, b, "k", v, dev.wrongNow(t))
	expectError(t, err, 403, "AccessDenied", mfaTooMany)
	_, err = deleteVersion(c, b, "k", v, dev.codeNow(t))
	expectError(t, err, 403, "AccessDenied", mfaTooMany)
	clock.Advance(59 * time.Second)
	_, err = deleteVersion(c, b, "k", v, dev.codeNow(t))
	expectError(t, err, 403, "AccessDenied", mfaTooMany)
	if n := versionCount(t, c, b, "k"); n != 1 {
		t.Fatalf("a refused request deleted the version: %d left", n)
	}

	// A minute after the lock-out began, a right code works again.
	clock.Advance(time.Second)
	if _, err := deleteVersion(c, b, "k", v, dev.codeNow(t)); err != nil {
		t.Fatalf("right code after the lock-out: %v", err)
	}
	if n := versionCount(t, c, b, "k"); n != 0 {
		t.Fatalf("the version survived: %d left", n)
	}
}

func TestMFAThrottleCountsOnlyRecentWrongCodesOfTheDevice(t *testing.T) {
	srv, clock := startMFA(t)
	dev := rootDevice(t, srv, clock)
	c := s3Client(t, srv, clientOpts{})
	const b = "mfa-throttle-count"
	mfaBucket(t, c, dev, b)
	wrongs := func(n int) {
		t.Helper()
		for range n {
			_, err := deleteVersion(c, b, "k", aws.String("null"), dev.wrongNow(t))
			expectError(t, err, 403, "AccessDenied", "Access Denied")
		}
	}
	deleteWithRightCode := func(what string) {
		t.Helper()
		v := mustPut(t, c, b, "k", "x")
		clock.Advance(30 * time.Second) // a step whose code was never used
		if _, err := deleteVersion(c, b, "k", v, dev.codeNow(t)); err != nil {
			t.Fatalf("%s: right code refused: %v", what, err)
		}
	}

	// A right code clears the count: 4 + 4 wrong codes around it lock nothing.
	wrongs(4)
	deleteWithRightCode("after 4 wrong codes")
	wrongs(4)
	deleteWithRightCode("after 4 more wrong codes")

	// Wrong codes older than the window no longer count.
	wrongs(4)
	clock.Advance(5 * time.Minute)
	wrongs(4)
	deleteWithRightCode("4 wrong codes 5 minutes after 4 others")

	// Codes for a serial that is no device lock nothing.
	for range 8 {
		_, err := deleteVersion(c, b, "k", aws.String("null"), aws.String("arn:aws:iam::"+srv.AccountID()+":mfa/no-such-device 123456"))
		expectError(t, err, 403, "AccessDenied", "Access Denied")
	}
	deleteWithRightCode("after codes for an unknown serial")
}
