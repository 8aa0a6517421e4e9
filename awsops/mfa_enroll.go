package awsops

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// errEnrollStepsByWizard is what Apply answers for an enrollment plan: its
// steps need a person between them (scan the code, read two codes), so the
// console's wizard makes the calls itself; the plan is for reading.
var errEnrollStepsByWizard = errors.New("enrollment steps are made one by one by the enrollment wizard")

// EnrollMFAPlan describes the enrollment of a virtual MFA device named name
// for userName (the account id for the root user) in account: what will
// be created and assigned, with the aws CLI equivalents, shown before
// anything is created. The codes are placeholders: they are read from the
// app once the device exists.
func EnrollMFAPlan(name, userName, account string) Plan {
	serial := "arn:aws:iam::" + account + ":mfa/" + name
	if account == "" {
		serial = "SERIAL"
	}
	user := userName
	if user == "" {
		user = "USER"
	}
	notRun := func(context.Context, *Session, MFA) error { return errEnrollStepsByWizard }
	return Plan{
		Title: "Enroll the virtual MFA device " + name,
		Steps: []Step{
			{
				Title:  "Create virtual MFA device " + name,
				API:    "iam:CreateVirtualMFADevice",
				Params: []string{"VirtualMFADeviceName=" + name, "Path=/"},
				CLI:    "aws iam create-virtual-mfa-device " + cliOpt("virtual-mfa-device-name", name) + " --outfile QR.png --bootstrap-method QRCodePNG",
				run:    notRun,
			},
			{
				Title:  "Enable it for " + user + " (two codes)",
				API:    "iam:EnableMFADevice",
				Params: []string{"UserName=" + user, "SerialNumber=" + serial, "AuthenticationCode1=******", "AuthenticationCode2=******"},
				CLI:    "aws iam enable-mfa-device " + cliOpt("user-name", user) + " " + cliOpt("serial-number", serial) + " --authentication-code1 CODE1 --authentication-code2 CODE2",
				run:    notRun,
			},
		},
		Warnings: []string{"The secret is shown once, as a QR code. If you stop after the device is created, it stays unassigned until deleted: the console offers to delete it."},
	}
}

// DeleteVirtualMFADeviceCLI is the aws CLI equivalent of deleting serial.
func DeleteVirtualMFADeviceCLI(serial string) string {
	return "aws iam delete-virtual-mfa-device " + cliOpt("serial-number", serial)
}

// DeleteVirtualMFADevice deletes an unassigned virtual MFA device (IAM
// DeleteVirtualMFADevice), e.g. one left by an enrollment that was stopped.
func (s *Session) DeleteVirtualMFADevice(ctx context.Context, serial string) error {
	_, err := s.iamClient().DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)})
	return wrapOp("iam:DeleteVirtualMFADevice", err)
}

// UnassignedVirtualMFADevice returns the serial of the unassigned virtual
// MFA device named name (path /), "" when there is none: the device an
// earlier enrollment created and never enabled, which blocks creating one
// of the same name (EntityAlreadyExists).
func (s *Session) UnassignedVirtualMFADevice(ctx context.Context, name string) (string, error) {
	p := iam.NewListVirtualMFADevicesPaginator(s.iamClient(), &iam.ListVirtualMFADevicesInput{AssignmentStatus: types.AssignmentStatusTypeUnassigned})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", wrapOp("iam:ListVirtualMFADevices", err)
		}
		for _, d := range page.VirtualMFADevices {
			if serial := aws.ToString(d.SerialNumber); strings.HasSuffix(serial, ":mfa/"+name) {
				return serial, nil
			}
		}
	}
	return "", nil
}

// IsEntityAlreadyExists reports whether IAM refused to create something
// that exists (EntityAlreadyExists).
func IsEntityAlreadyExists(err error) bool {
	code, _ := apiCode(err)
	return code == "EntityAlreadyExists"
}
