package views

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/otp"
)

// Enrollment is a plan like every other change: what will be created, the
// aws CLI equivalents, then a confirmation that defaults to No. Before,
// enter on the name created the device at once.
func TestEnrollShowsThePlanFirstSandbox(t *testing.T) {
	clock := newTestClock()
	be := openSandboxAs(t, clock, true)
	d := newDriver(t, mfaConfig(be, clock), 100, 30)
	d.open("acme-ping", "Versioning & MFA")
	d.keys("n")
	d.typeText("-plan")
	d.keys("enter")
	d.mustShow("Plan: Enroll the virtual MFA device s3sec-plan",
		"iam:CreateVirtualMFADevice", "aws iam create-virtual-mfa-device --virtual-mfa-device-name s3sec-plan",
		"iam:EnableMFADevice", "aws iam enable-mfa-device", "Create the device and enroll it?")
	if serial, _ := be.UnassignedVirtualMFADevice(context.Background(), "s3sec-plan"); serial != "" {
		t.Fatal("nothing may be created before the plan is confirmed")
	}
	d.keys("enter") // the default is No: back to the name, nothing created
	d.mustShow("Device name  s3sec-plan")
	if serial, _ := be.UnassignedVirtualMFADevice(context.Background(), "s3sec-plan"); serial != "" {
		t.Fatal("enter on the plan must decline it")
	}
}

// Stopping once the device exists offers to delete it.
func TestEnrollCanceledAfterCreationOffersToDeleteSandbox(t *testing.T) {
	clock := newTestClock()
	be := openSandboxAs(t, clock, true)
	d := newDriver(t, mfaConfig(be, clock), 100, 30)
	d.open("acme-ping", "Versioning & MFA")
	d.keys("n")
	d.typeText("-gone")
	d.keys("enter", "y")
	serial, _ := be.UnassignedVirtualMFADevice(context.Background(), "s3sec-gone")
	if serial == "" {
		t.Fatal("y must create the device")
	}
	d.keys("esc")
	d.mustShow("Delete the device "+serial, "aws iam delete-virtual-mfa-device")
	d.keys("y")
	if got, _ := be.UnassignedVirtualMFADevice(context.Background(), "s3sec-gone"); got != "" {
		t.Fatalf("the device must be deleted, %s is still there", got)
	}
	if !strings.Contains(d.log.text(), "Deleted the unassigned virtual MFA device") {
		t.Fatalf("status:\n%s", d.log.text())
	}
}

// A device of that name left unassigned by an earlier attempt is offered
// for reuse or deletion instead of failing with EntityAlreadyExists.
func TestEnrollReusesOrDeletesAnUnassignedDeviceSandbox(t *testing.T) {
	clock := newTestClock()
	be := openSandboxAs(t, clock, true)
	left, err := be.CreateVirtualMFADevice(context.Background(), "s3sec-left")
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, mfaConfig(be, clock), 100, 30)
	d.open("acme-ping", "Versioning & MFA")

	// x: deleted and created anew, with a new QR code.
	d.keys("n")
	d.typeText("-left")
	d.keys("enter", "y")
	d.mustShow("exists and is not assigned to anyone", left.Serial, "r: reuse it", "x: delete it")
	d.keys("x")
	d.mustShow("Scan with your authenticator app")
	det := d.a.top().(*Detail)
	fresh := det.flow.(*enrollFlow).dev
	if fresh.Serial != left.Serial || fresh.Seed == left.Seed {
		t.Fatal("x must delete the leftover and create a new device of the same name, with a new secret")
	}
	d.keys("esc", "n") // keep it: unassigned again

	// r: reused with the codes of the app that already holds it.
	d.keys("n")
	d.typeText("-left")
	d.keys("enter", "y")
	d.mustShow("exists and is not assigned to anyone")
	d.keys("r")
	d.mustShow("First code")
	code1, _ := otp.Code(fresh.Seed, clock.Now())
	d.typeText(code1)
	d.keys("enter")
	clock.Advance(30 * time.Second)
	code2, _ := otp.Code(fresh.Seed, clock.Now())
	d.typeText(code2)
	d.keys("enter")
	d.mustShow("✓ Enrolled: " + fresh.Serial)
}
