package sandbox_test

import (
	"bytes"
	"image/png"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/sandbox"
)

// virtualSerials lists ListVirtualMFADevices' serials for an assignment status, following Marker.
func virtualSerials(t *testing.T, c *iam.Client, status iamtypes.AssignmentStatusType, maxItems int32) []string {
	t.Helper()
	var serials []string
	in := &iam.ListVirtualMFADevicesInput{AssignmentStatus: status, MaxItems: aws.Int32(maxItems)}
	for {
		out, err := c.ListVirtualMFADevices(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range out.VirtualMFADevices {
			if len(d.Base32StringSeed) != 0 || len(d.QRCodePNG) != 0 {
				t.Fatalf("%s: seed or QR code listed after creation", aws.ToString(d.SerialNumber))
			}
			serials = append(serials, aws.ToString(d.SerialNumber))
		}
		if !out.IsTruncated {
			return serials
		}
		if len(out.VirtualMFADevices) != int(maxItems) || aws.ToString(out.Marker) == "" {
			t.Fatalf("truncated page of %d devices with marker %q", len(out.VirtualMFADevices), aws.ToString(out.Marker))
		}
		in.Marker = out.Marker
	}
}

// equal compares string lists.
func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCreateVirtualMFADevice(t *testing.T) {
	srv, clock := startMFA(t)
	c := iamClient(t, srv, clientOpts{})
	out, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("ci-device")})
	if err != nil {
		t.Fatal(err)
	}
	d := out.VirtualMFADevice
	if got := aws.ToString(d.SerialNumber); got != "arn:aws:iam::111122223333:mfa/ci-device" {
		t.Fatalf("serial %s", got)
	}
	// The blob arrives base64-decoded by the SDK: the 64-character base32 seed itself.
	seed := string(d.Base32StringSeed)
	if norm, err := otp.NormalizeSeed(seed); err != nil || norm != seed || len(seed) != 64 {
		t.Fatalf("seed %q: %v", seed, err)
	}
	img, err := png.Decode(bytes.NewReader(d.QRCodePNG))
	if err != nil {
		t.Fatalf("QRCodePNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 100 {
		t.Fatalf("QR image %v", b)
	}
	// The QR code encodes otpauth://totp/<device>@<account>?secret=<seed> (8.2).
	want, err := otp.QRPNG(otp.URI("ci-device", "111122223333", seed), img.Bounds().Dx())
	if err != nil || !bytes.Equal(want, d.QRCodePNG) {
		t.Fatalf("QR code does not encode the enrollment URI of the seed (%v)", err)
	}

	_, err = c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("ci-device")})
	expectError(t, err, http.StatusConflict, "EntityAlreadyExists", "MFADevice entity at the same path and name already exists.")
	team, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("ci-device"), Path: aws.String("/team/")})
	if err != nil || aws.ToString(team.VirtualMFADevice.SerialNumber) != "arn:aws:iam::111122223333:mfa/team/ci-device" {
		t.Fatalf("same name on another path: %v %+v", err, team)
	}
	if string(team.VirtualMFADevice.Base32StringSeed) == seed {
		t.Fatal("two devices got the same seed")
	}
	for _, in := range []*iam.CreateVirtualMFADeviceInput{
		{VirtualMFADeviceName: aws.String("has space")},
		{VirtualMFADeviceName: aws.String("ok"), Path: aws.String("no-slashes")},
	} {
		_, err := c.CreateVirtualMFADevice(ctx, in)
		expectError(t, err, 400, "ValidationError", "")
	}
	admin := sandbox.Options{Clock: clock.Now, AdminDeniedActions: []string{"iam:CreateVirtualMFADevice"}}
	denied := start(t, admin)
	_, err = iamClient(t, denied, clientOpts{creds: denied.Admin()}).CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("x")})
	expectError(t, err, 403, "AccessDenied", "")
}

func TestEnableMFADeviceNeedsConsecutiveCodes(t *testing.T) {
	srv, clock := startMFA(t)
	c := iamClient(t, srv, clientOpts{})
	d := createDevice(t, c, clock, "enroll")
	now := clock.Now()
	step := func(n int) string { return mustCode(t, d.seed, now.Add(time.Duration(n)*otp.Period*time.Second)) }
	enable := func(user, code1, code2 string) error {
		_, err := c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String(user), SerialNumber: aws.String(d.serial),
			AuthenticationCode1: aws.String(code1), AuthenticationCode2: aws.String(code2)})
		return err
	}
	const invalid = "Authentication code for device is not valid."
	wrong := wrongCode(t, d.seed, now)
	for name, codes := range map[string][2]string{
		"wrong first": {wrong, step(1)}, "wrong second": {step(0), wrong},
		"not consecutive": {step(0), step(2)}, "reversed": {step(1), step(0)}, "same code twice": {step(0), step(0)},
		"too old": {step(-5), step(-4)},
	} {
		t.Run(name, func(t *testing.T) {
			expectError(t, enable("111122223333", codes[0], codes[1]), 403, "InvalidAuthenticationCode", invalid)
		})
	}
	expectError(t, enable("111122223333", "12345", step(1)), 400, "ValidationError", "")
	expectError(t, enable("bob", step(0), step(1)), 404, "NoSuchEntity", "The user with name bob cannot be found.")
	_, err := c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("111122223333"), SerialNumber: aws.String("arn:aws:iam::111122223333:mfa/nope"),
		AuthenticationCode1: aws.String(step(0)), AuthenticationCode2: aws.String(step(1))})
	expectError(t, err, 404, "NoSuchEntity", "")

	// A user typing the two codes as they appear submits in the second step.
	clock.Advance(otp.Period * time.Second)
	if err := enable("111122223333", step(0), step(1)); err != nil {
		t.Fatalf("consecutive codes: %v", err)
	}
	expectError(t, enable("111122223333", step(1), step(2)), 409, "EntityAlreadyExists", "")
	expectError(t, enable("admin", step(1), step(2)), 409, "EntityAlreadyExists", "")
}

func TestMFADeviceLifecycle(t *testing.T) {
	srv, clock := startMFA(t)
	root := iamClient(t, srv, clientOpts{})
	admin := iamClient(t, srv, clientOpts{creds: srv.Admin()})
	rootDev := createDevice(t, root, clock, "root-device")
	adminDev := createDevice(t, admin, clock, "admin-device")
	spare := createDevice(t, admin, clock, "spare-device")
	all := []string{adminDev.serial, rootDev.serial, spare.serial}
	if got := virtualSerials(t, root, iamtypes.AssignmentStatusTypeUnassigned, 100); !equal(got, all) {
		t.Fatalf("unassigned %v", got)
	}
	rootEnabled := clock.Now()
	enableDevice(t, root, rootDev, "111122223333")
	adminEnabled := clock.Now()
	enableDevice(t, admin, adminDev, "admin")

	// ListMFADevices without UserName lists the caller's own devices; root's for root.
	for _, tc := range []struct {
		c              *iam.Client
		serial, userID string
		enabled        time.Time
	}{{root, rootDev.serial, "111122223333", rootEnabled}, {admin, adminDev.serial, "admin", adminEnabled}} {
		out, err := tc.c.ListMFADevices(ctx, &iam.ListMFADevicesInput{})
		if err != nil || len(out.MFADevices) != 1 || out.IsTruncated {
			t.Fatalf("ListMFADevices: %v %+v", err, out)
		}
		m := out.MFADevices[0]
		if aws.ToString(m.SerialNumber) != tc.serial || aws.ToString(m.UserName) != tc.userID || !aws.ToTime(m.EnableDate).Equal(tc.enabled) {
			t.Fatalf("device %s %s %v", aws.ToString(m.SerialNumber), aws.ToString(m.UserName), m.EnableDate)
		}
	}
	if out, err := root.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String("admin")}); err != nil || len(out.MFADevices) != 1 {
		t.Fatalf("root lists admin's devices: %v", err)
	}
	_, err := admin.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String("111122223333")})
	expectError(t, err, 403, "AccessDenied", "")

	// ListVirtualMFADevices: filters, paging, and the user of assigned devices.
	if got := virtualSerials(t, admin, iamtypes.AssignmentStatusTypeAny, 1); !equal(got, all) {
		t.Fatalf("any, one per page: %v", got)
	}
	if got := virtualSerials(t, admin, iamtypes.AssignmentStatusTypeUnassigned, 2); !equal(got, []string{spare.serial}) {
		t.Fatalf("unassigned %v", got)
	}
	out, err := root.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{AssignmentStatus: iamtypes.AssignmentStatusTypeAssigned})
	if err != nil || len(out.VirtualMFADevices) != 2 {
		t.Fatalf("assigned: %v %+v", err, out)
	}
	users := map[string]string{}
	for _, d := range out.VirtualMFADevices {
		if d.User == nil || d.EnableDate == nil {
			t.Fatalf("%s: no user or enable date", aws.ToString(d.SerialNumber))
		}
		users[aws.ToString(d.SerialNumber)] = aws.ToString(d.User.Arn) + " " + aws.ToString(d.User.UserName)
	}
	if users[rootDev.serial] != "arn:aws:iam::111122223333:root " || users[adminDev.serial] != "arn:aws:iam::111122223333:user/admin admin" {
		t.Fatalf("users %v", users)
	}

	// An assigned device cannot be deleted; deactivated, it can.
	_, err = root.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(rootDev.serial)})
	expectError(t, err, 409, "DeleteConflict", "MFA VirtualDevice in use. Must deactivate first.")
	_, err = admin.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{SerialNumber: aws.String(rootDev.serial)})
	expectError(t, err, 404, "NoSuchEntity", "")
	if _, err := root.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{SerialNumber: aws.String(rootDev.serial)}); err != nil {
		t.Fatal(err)
	}
	if out, err := root.ListMFADevices(ctx, &iam.ListMFADevicesInput{}); err != nil || len(out.MFADevices) != 0 {
		t.Fatalf("after deactivation: %v %+v", err, out)
	}
	if _, err := root.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(rootDev.serial)}); err != nil {
		t.Fatal(err)
	}
	_, err = root.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(rootDev.serial)})
	expectError(t, err, 404, "NoSuchEntity", "VirtualMFADevice with serial number "+rootDev.serial+" doesn't exist.")
	if got := virtualSerials(t, root, iamtypes.AssignmentStatusTypeAny, 100); !equal(got, []string{adminDev.serial, spare.serial}) {
		t.Fatalf("after delete: %v", got)
	}
}

func TestIAMUnknownAction(t *testing.T) {
	srv := start(t, sandbox.Options{})
	_, err := iamClient(t, srv, clientOpts{}).GetUser(ctx, &iam.GetUserInput{})
	expectError(t, err, 400, "InvalidAction", "Could not find operation GetUser for version 2010-05-08")
}
