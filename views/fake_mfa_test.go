package views

import (
	"context"

	"github.com/s3sec/s3sec/awsops"
)

// fakeMFA is the IAM side of the fake: the caller's devices and what the
// enrollment calls did. Flows that depend on AWS's MFA behaviour run
// against the sandbox; the fake only feeds layouts and routing.
type fakeMFA struct {
	devices   []awsops.MFADevice
	created   []string // device names CreateVirtualMFADevice was called with
	checks    []awsops.Check
	enableErr error
	deleted   []string // serials DeleteVirtualMFADevice was called with
}

// DeleteVirtualMFADevice records the serial.
func (f *fakeBackend) DeleteVirtualMFADevice(_ context.Context, serial string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mfa.deleted = append(f.mfa.deleted, serial)
	return nil
}

// UnassignedVirtualMFADevice finds nothing: the fake has no leftovers.
func (f *fakeBackend) UnassignedVirtualMFADevice(context.Context, string) (string, error) {
	return "", nil
}

// MFADevices returns the fake's devices.
func (f *fakeBackend) MFADevices(context.Context) ([]awsops.MFADevice, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]awsops.MFADevice(nil), f.mfa.devices...), nil
}

// CreateVirtualMFADevice records the name and returns a device with a fixed seed.
func (f *fakeBackend) CreateVirtualMFADevice(_ context.Context, name string) (awsops.VirtualMFADevice, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mfa.created = append(f.mfa.created, name)
	const seed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	serial := "arn:aws:iam::" + f.id.Account + ":mfa/" + name
	return awsops.VirtualMFADevice{Serial: serial, Seed: seed, URI: "otpauth://totp/" + name + "@" + f.id.Account + "?secret=" + seed}, nil
}

// EnableMFADevice assigns the device unless enableErr is set.
func (f *fakeBackend) EnableMFADevice(_ context.Context, user, serial, _, _ string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.mfa.enableErr != nil {
		return f.mfa.enableErr
	}
	f.mfa.devices = append(f.mfa.devices, awsops.MFADevice{Serial: serial, UserName: user, Type: awsops.MFADeviceVirtual})
	return nil
}

// MFAPreflight returns the fake's checklist (preflighter).
func (f *fakeBackend) MFAPreflight(context.Context, awsops.BucketState, awsops.Identity) []awsops.Check {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]awsops.Check(nil), f.mfa.checks...)
}
