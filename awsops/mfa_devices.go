package awsops

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/s3sec/s3sec/otp"
)

// MFADeviceType tells what kind of device a serial names.
type MFADeviceType string

// MFA device types. Only virtual and hardware TOTP devices produce the
// 6-digit codes MFA Delete needs.
const (
	MFADeviceVirtual  MFADeviceType = "virtual"  // authenticator app; the serial is arn:...:mfa/<name>
	MFADeviceHardware MFADeviceType = "hardware" // TOTP token; the serial is printed on it
	MFADeviceFIDO     MFADeviceType = "fido"     // security key or passkey (arn:...:u2f/...): no codes
)

// MFADevice is one MFA device assigned to the caller.
type MFADevice struct {
	Serial     string
	UserName   string // IAM's UserName; for the root user, what IAM reports (often the account id or empty)
	EnableDate time.Time
	Type       MFADeviceType
}

// GivesCodes reports whether the device produces the TOTP codes x-amz-mfa needs.
func (d MFADevice) GivesCodes() bool { return d.Type != MFADeviceFIDO }

// mfaDeviceType classifies a serial.
func mfaDeviceType(serial string) MFADeviceType {
	switch {
	case strings.HasPrefix(serial, "arn:") && strings.Contains(serial, ":u2f/"):
		return MFADeviceFIDO
	case strings.HasPrefix(serial, "arn:"):
		return MFADeviceVirtual
	}
	return MFADeviceHardware
}

// MFADevices lists the MFA devices of the caller (IAM ListMFADevices without
// a user name: for the root user, the root user's devices).
func (s *Session) MFADevices(ctx context.Context) ([]MFADevice, error) {
	p := iam.NewListMFADevicesPaginator(s.iamClient(), &iam.ListMFADevicesInput{})
	var out []MFADevice
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, wrapOp("iam:ListMFADevices", err)
		}
		for _, d := range page.MFADevices {
			serial := aws.ToString(d.SerialNumber)
			out = append(out, MFADevice{
				Serial:     serial,
				UserName:   aws.ToString(d.UserName),
				EnableDate: aws.ToTime(d.EnableDate),
				Type:       mfaDeviceType(serial),
			})
		}
	}
	return out, nil
}

// VirtualMFADevice is a freshly created virtual MFA device: its seed is the
// TOTP secret, shown once by IAM and never again. Seed, QRPNG and URI all
// contain the secret: String and GoString redact them, so %v, %+v and %#v
// never print it.
type VirtualMFADevice struct {
	Serial string // the device ARN, used as the x-amz-mfa serial
	Seed   string // base32 TOTP secret (secret)
	QRPNG  []byte // IAM's QR code image of URI (secret)
	URI    string // otpauth://totp/s3sec:<name>@<account>?secret=<seed>&issuer=s3sec (secret), for a terminal QR code
}

// String shows the serial only.
func (v VirtualMFADevice) String() string {
	return fmt.Sprintf("VirtualMFADevice{Serial: %s, Seed: [redacted], QRPNG: [%d bytes redacted], URI: [redacted]}", v.Serial, len(v.QRPNG))
}

// GoString redacts like String, for %#v.
func (v VirtualMFADevice) GoString() string { return v.String() }

// Code returns the device's current code at t, as an authenticator app
// would show it (enrollment needs two consecutive ones).
func (v VirtualMFADevice) Code(t time.Time) (string, error) { return otp.Code(v.Seed, t) }

// CreateVirtualMFADevice creates a virtual MFA device named name (IAM
// CreateVirtualMFADevice, path /). The device is not assigned yet: scan its
// QR code into an authenticator app, then call EnableMFADevice with two
// consecutive codes.
func (s *Session) CreateVirtualMFADevice(ctx context.Context, name string) (VirtualMFADevice, error) {
	out, err := s.iamClient().CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String(name)})
	if err != nil {
		return VirtualMFADevice{}, wrapOp("iam:CreateVirtualMFADevice", err)
	}
	d := out.VirtualMFADevice
	if d == nil || aws.ToString(d.SerialNumber) == "" || len(d.Base32StringSeed) == 0 {
		return VirtualMFADevice{}, fmt.Errorf("iam:CreateVirtualMFADevice: the answer has no serial number or seed")
	}
	// The SDK has already undone the blob's base64: the bytes are the base32 text.
	seed, err := otp.NormalizeSeed(string(d.Base32StringSeed))
	if err != nil {
		return VirtualMFADevice{}, fmt.Errorf("iam:CreateVirtualMFADevice: the seed IAM returned is unusable: %w", err)
	}
	serial := aws.ToString(d.SerialNumber)
	return VirtualMFADevice{
		Serial: serial,
		Seed:   seed,
		QRPNG:  d.QRCodePNG,
		// IAM's own URI names the account while the device is unassigned
		// (§8.2); the issuer tells the app's list where the code belongs.
		URI: otp.IssuerURI(otp.Issuer, name, accountOfARN(serial), seed),
	}, nil
}

// accountOfARN returns the account id field of an ARN, "" when there is none.
func accountOfARN(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}

// EnableMFADevice assigns a device to userName (IAM EnableMFADevice) with two
// consecutive codes. The serial and codes are checked locally first, so a
// typo is reported without a request. IAM requires a user name; for the
// root user pass the account id (the sandbox's convention: how AWS names
// root here is UNVERIFIED, its console is the documented way).
func (s *Session) EnableMFADevice(ctx context.Context, userName, serial, code1, code2 string) error {
	if err := otp.ValidateSerial(serial); err != nil {
		return err
	}
	for _, c := range []string{code1, code2} {
		if err := otp.ValidateCode(c); err != nil {
			return err
		}
	}
	if code1 == code2 {
		return fmt.Errorf("%w: the two codes are the same; wait for the device to show the next code", otp.ErrInvalidCode)
	}
	_, err := s.iamClient().EnableMFADevice(ctx, &iam.EnableMFADeviceInput{
		UserName:            aws.String(userName),
		SerialNumber:        aws.String(serial),
		AuthenticationCode1: aws.String(code1),
		AuthenticationCode2: aws.String(code2),
	})
	return wrapOp("iam:EnableMFADevice", err)
}
