package awsops

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// The enrollment plan is for reading: it names both calls with their CLI
// equivalents and never holds a code; Apply refuses to run it.
func TestEnrollMFAPlanIsDisplayOnly(t *testing.T) {
	p := EnrollMFAPlan("s3sec", "111122223333", "111122223333")
	if len(p.Steps) != 2 || p.Steps[0].API != "iam:CreateVirtualMFADevice" || p.Steps[1].API != "iam:EnableMFADevice" {
		t.Fatalf("steps %+v", p.Steps)
	}
	if !strings.Contains(p.CLIScript(), "aws iam create-virtual-mfa-device --virtual-mfa-device-name s3sec") ||
		!strings.Contains(p.CLIScript(), "--serial-number arn:aws:iam::111122223333:mfa/s3sec --authentication-code1 CODE1") {
		t.Fatalf("CLI:\n%s", p.CLIScript())
	}
	for _, s := range p.Steps {
		if err := s.run(context.Background(), nil, MFA{}); !errors.Is(err, errEnrollStepsByWizard) {
			t.Fatalf("step %s ran: %v", s.API, err)
		}
	}
}
