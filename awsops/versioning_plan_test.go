package awsops

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

const testSerial = "arn:aws:iam::111122223333:mfa/root-account-mfa-device"

// stateWith is a bucket state with the given versioning and lifecycle rules.
func stateWith(status VersioningStatus, mfa MFADeleteStatus, rules int) BucketState {
	return BucketState{Name: "acme-records", Region: "eu-west-1",
		Versioning: &Versioning{Status: status, MFADelete: mfa}, Lifecycle: &Lifecycle{Rules: rules}}
}

// planWarns reports whether any warning contains sub.
func planWarns(p Plan, sub string) bool {
	return slices.ContainsFunc(p.Warnings, func(w string) bool { return strings.Contains(w, sub) })
}

func TestVersioningPlans(t *testing.T) {
	cases := []struct {
		name     string
		plan     Plan
		stepName string
		params   []string
		cli      string
		mfa      bool
		warn     []string
		noWarn   []string
	}{
		{
			name: "enable MFA Delete on a versioned bucket",
			plan: EnableMFADeletePlan(stateWith(VersioningEnabled, MFADeleteNever, 0), testSerial, false), stepName: "Enable MFA Delete",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.Status=Enabled", "VersioningConfiguration.MFADelete=Enabled", "MFA=" + testSerial + " ******"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa '" + testSerial + " CODE'",
			mfa:    true, warn: []string{"only the root user", "Keep the root user's MFA device"}, noWarn: []string{"lifecycle", "turned on"},
		},
		{
			name: "enable MFA Delete and versioning together on a never-versioned bucket",
			plan: EnableMFADeletePlan(stateWith(VersioningNever, MFADeleteNever, 0), testSerial, true), stepName: "Enable versioning and MFA Delete",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.Status=Enabled", "VersioningConfiguration.MFADelete=Enabled", "MFA=" + testSerial + " ******"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa '" + testSerial + " CODE'",
			mfa:    true, warn: []string{"turned on in the same request", "never return to unversioned", "15 minutes"},
		},
		{
			name: "enable MFA Delete on a suspended bucket keeps it suspended",
			plan: EnableMFADeletePlan(stateWith(VersioningSuspended, MFADeleteDisabled, 2), "", false), stepName: "Enable MFA Delete",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.Status=Suspended", "VersioningConfiguration.MFADelete=Enabled", "MFA=SERIAL ******"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration Status=Suspended,MFADelete=Enabled --mfa 'SERIAL CODE'",
			mfa:    true, warn: []string{"stays suspended", "2 lifecycle rule(s)", "delete-bucket-lifecycle --bucket acme-records"},
		},
		{
			name: "enable MFA Delete alone on a never-versioned bucket sends no status",
			plan: EnableMFADeletePlan(stateWith(VersioningNever, MFADeleteNever, 0), testSerial, false), stepName: "Enable MFA Delete",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.MFADelete=Enabled", "MFA=" + testSerial + " ******"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration MFADelete=Enabled --mfa '" + testSerial + " CODE'",
			mfa:    true, warn: []string{"Versioning is off"},
		},
		{
			name: "disable MFA Delete keeps the status",
			plan: DisableMFADeletePlan(stateWith(VersioningEnabled, MFADeleteEnabled, 0), testSerial), stepName: "Disable MFA Delete",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.Status=Enabled", "VersioningConfiguration.MFADelete=Disabled", "MFA=" + testSerial + " ******"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration Status=Enabled,MFADelete=Disabled --mfa '" + testSerial + " CODE'",
			mfa:    true, warn: []string{"without a second factor"}, noWarn: []string{"changes nothing"},
		},
		{
			name: "disable MFA Delete where it is off",
			plan: DisableMFADeletePlan(stateWith(VersioningEnabled, MFADeleteDisabled, 0), testSerial), stepName: "Disable MFA Delete",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.Status=Enabled", "VersioningConfiguration.MFADelete=Disabled", "MFA=" + testSerial + " ******"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration Status=Enabled,MFADelete=Disabled --mfa '" + testSerial + " CODE'",
			mfa:    true, warn: []string{"changes nothing"},
		},
		{
			name: "suspend with MFA Delete on needs the code and keeps MFA Delete",
			plan: SetVersioningPlan(stateWith(VersioningEnabled, MFADeleteEnabled, 0), VersioningSuspended, testSerial), stepName: "Suspend versioning",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.Status=Suspended", "VersioningConfiguration.MFADelete=Enabled", "MFA=" + testSerial + " ******"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration Status=Suspended,MFADelete=Enabled --mfa '" + testSerial + " CODE'",
			mfa:    true, warn: []string{"null version", "MFA Delete stays on"},
		},
		{
			name: "suspend without MFA Delete needs no code",
			plan: SetVersioningPlan(stateWith(VersioningEnabled, MFADeleteDisabled, 0), VersioningSuspended, testSerial), stepName: "Suspend versioning",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.Status=Suspended"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration Status=Suspended",
			warn:   []string{"null version"}, noWarn: []string{"MFA"},
		},
		{
			name: "enable a never-versioned bucket with lifecycle rules",
			plan: SetVersioningPlan(stateWith(VersioningNever, MFADeleteNever, 1), VersioningEnabled, ""), stepName: "Enable versioning",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.Status=Enabled"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration Status=Enabled",
			warn:   []string{"never return to unversioned", "delete markers instead", "NoncurrentVersionExpiration"},
		},
		{
			name: "re-enable an enabled bucket",
			plan: SetVersioningPlan(stateWith(VersioningEnabled, MFADeleteNever, 0), VersioningEnabled, ""), stepName: "Enable versioning",
			params: []string{"Bucket=acme-records", "VersioningConfiguration.Status=Enabled"},
			cli:    "aws s3api put-bucket-versioning --bucket acme-records --versioning-configuration Status=Enabled",
			warn:   []string{"already Enabled"}, noWarn: []string{"never return"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.plan.Bucket != "acme-records" || c.plan.Region != "eu-west-1" {
				t.Errorf("plan bucket/region = %q/%q", c.plan.Bucket, c.plan.Region)
			}
			if len(c.plan.Steps) != 1 {
				t.Fatalf("steps = %d, want 1: %+v", len(c.plan.Steps), c.plan.Steps)
			}
			st := c.plan.Steps[0]
			if st.Title != c.stepName || st.API != "s3:PutBucketVersioning" || st.NeedsMFA != c.mfa || c.plan.NeedsMFA() != c.mfa {
				t.Errorf("step = %q %s NeedsMFA=%v, want %q s3:PutBucketVersioning NeedsMFA=%v", st.Title, st.API, st.NeedsMFA, c.stepName, c.mfa)
			}
			if !slices.Equal(st.Params, c.params) {
				t.Errorf("params =\n%q\nwant\n%q", st.Params, c.params)
			}
			if st.CLI != c.cli {
				t.Errorf("cli =\n%s\nwant\n%s", st.CLI, c.cli)
			}
			if c.plan.CLIScript() != c.cli+"\n" {
				t.Errorf("CLIScript = %q", c.plan.CLIScript())
			}
			for _, w := range c.warn {
				if !planWarns(c.plan, w) {
					t.Errorf("no warning containing %q in %q", w, c.plan.Warnings)
				}
			}
			for _, w := range c.noWarn {
				if planWarns(c.plan, w) {
					t.Errorf("unexpected warning containing %q in %q", w, c.plan.Warnings)
				}
			}
		})
	}
}

func TestSetVersioningPlanRefusesNever(t *testing.T) {
	p := SetVersioningPlan(stateWith(VersioningEnabled, MFADeleteNever, 0), VersioningNever, "")
	if len(p.Steps) != 1 || p.NeedsMFA() || !planWarns(p, "only Enabled or Suspended") {
		t.Fatalf("plan = %+v", p)
	}
	var ran []int
	err := (&Session{}).Apply(context.Background(), p, MFA{}, func(i int, _ Step, _ error) { ran = append(ran, i) })
	if err == nil || !strings.Contains(err.Error(), "only Enabled or Suspended") {
		t.Errorf("Apply = %v, want the refusal", err)
	}
	if !slices.Equal(ran, []int{0}) {
		t.Errorf("progress calls = %v", ran)
	}
}

func TestVersioningPlanUnknownState(t *testing.T) {
	st := BucketState{Name: "b", Region: "us-east-1"} // versioning facet failed to load
	p := SetVersioningPlan(st, VersioningSuspended, testSerial)
	if p.NeedsMFA() || !planWarns(p, "could not be read") {
		t.Errorf("unknown state: NeedsMFA=%v warnings %q", p.NeedsMFA(), p.Warnings)
	}
	e := EnableMFADeletePlan(st, testSerial, false)
	if !planWarns(e, "could not be read") || planWarns(e, "Versioning is off") {
		t.Errorf("enable on unknown state warnings %q", e.Warnings)
	}
}

func TestPlanCLIQuotesOddNames(t *testing.T) {
	st := stateWith(VersioningEnabled, MFADeleteEnabled, 0)
	p := DeleteVersionsPlan(st, []ObjectVersionRef{{Key: "it's a key", VersionID: "v1"}}, "")
	want := `aws s3api delete-object --bucket acme-records --key 'it'\''s a key' --version-id v1 --mfa 'SERIAL CODE'`
	if got := p.Steps[0].CLI; got != want {
		t.Errorf("cli =\n%s\nwant\n%s", got, want)
	}
	p = DeleteVersionsPlan(st, []ObjectVersionRef{{Key: "-dash", VersionID: "v1"}}, testSerial)
	if got := p.Steps[0].CLI; !strings.Contains(got, "--key=-dash ") {
		t.Errorf("cli %s: a key starting with '-' must be attached with '='", got)
	}
}

// TestPlansHoldNoCode builds every MFA plan and checks that no formatting
// of it can show a code: builders never receive one, so only the serial and
// placeholders may appear.
func TestPlansHoldNoCode(t *testing.T) {
	st := stateWith(VersioningEnabled, MFADeleteEnabled, 0)
	plans := []Plan{
		EnableMFADeletePlan(st, testSerial, true),
		DisableMFADeletePlan(st, testSerial),
		SetVersioningPlan(st, VersioningSuspended, testSerial),
		DeleteVersionsPlan(st, []ObjectVersionRef{{Key: "k", VersionID: "v"}}, testSerial),
		DeleteVersionsPlan(st, []ObjectVersionRef{{Key: "k", VersionID: "v"}, {Key: "k", VersionID: "w"}}, testSerial),
	}
	for _, p := range plans {
		for _, f := range []string{"%v", "%+v", "%#v"} {
			s := fmt.Sprintf(f, p)
			if strings.Contains(s, "******") && !strings.Contains(s, testSerial+" ******") {
				t.Errorf("%s: redaction without the serial in %s", p.Title, s)
			}
			for _, d := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"} {
				if strings.Contains(s, strings.Repeat(d, 6)) {
					t.Errorf("%s: a six-digit run in %s", p.Title, s)
				}
			}
		}
		for _, st := range p.Steps {
			if !st.NeedsMFA || !strings.HasSuffix(st.CLI, "--mfa '"+testSerial+" CODE'") {
				t.Errorf("%s: step %q NeedsMFA=%v CLI %s", p.Title, st.Title, st.NeedsMFA, st.CLI)
			}
		}
	}
}
