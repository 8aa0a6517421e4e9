package awsops_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// awsCLI runs a command line with the aws CLI as root against endpoint,
// in an empty home so no local profile interferes.
func (pe policyEnv) awsCLI(t *testing.T, endpoint, line string) (string, error) {
	t.Helper()
	home := t.TempDir()
	root := pe.srv.Root()
	cmd := exec.Command("bash", "-c", line+" --endpoint-url "+endpoint+" --region us-east-1")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=", "AWS_CA_BUNDLE=" + pe.srv.CAFile(),
		"AWS_ACCESS_KEY_ID=" + root.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + root.SecretAccessKey}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// The plan's aws CLI equivalent is a working command: run as shown, it
// writes the merged policy; then the aws CLI is refused over plain HTTP
// and served over HTTPS, as the "done when" asks.
func TestEnforceTLSPlanCLIEquivalentWithAWSCLI(t *testing.T) {
	awsCLIBin(t)
	pe := newPolicyEnv(t, logDeliveryGrant("policy-plan", false))
	p, _, err := awsops.EnforceTLSPlan(pe.state(), awsops.TLSOptions{}, pe.caller, true)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := pe.awsCLI(t, pe.srv.HTTPSURL(), p.Steps[0].CLI); err != nil {
		t.Fatalf("the plan's CLI line failed: %v\n%s\n%s", err, p.Steps[0].CLI, out)
	}
	got := pe.state()
	if !got.Policy.TLSEnforced || strings.Join(statementSids(t, got), ",") != "S3ServerAccessLogsPolicy,"+awsops.SidDenyInsecureTransport {
		t.Fatalf("after the CLI line: %+v", got.Policy)
	}
	if out, err := pe.awsCLI(t, pe.srv.HTTPURL(), "aws s3 ls s3://policy-plan"); err == nil || !strings.Contains(out, "AccessDenied") {
		t.Fatalf("aws s3 ls over plain HTTP: %v\n%s", err, out)
	}
	if out, err := pe.awsCLI(t, pe.srv.HTTPSURL(), "aws s3 ls s3://policy-plan"); err != nil {
		t.Fatalf("aws s3 ls over HTTPS: %v\n%s", err, out)
	}
}
