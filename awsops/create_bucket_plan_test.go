package awsops

import (
	"strings"
	"testing"
)

func TestCheckBucketNameSaysWhichRuleIsBroken(t *testing.T) {
	for name, want := range map[string]string{
		"":                      "type a bucket name",
		"ab":                    "at least 3",
		"Acme":                  `"A" is not allowed`,
		"-acme":                 "starts and ends",
		"acme..logs":            "two periods",
		"acme-.logs":            "dash next to a period",
		"192.168.5.4":           "IP address",
		"xn--acme":              "prefix",
		"acme-s3alias":          "suffix",
		strings.Repeat("a", 64): "at most 63",
	} {
		err := CheckBucketName(name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckBucketName(%q) = %v, want an error saying %q", name, err, want)
		}
	}
	for _, ok := range []string{"acme-new", "a.b.c", "abc", "my-bucket-2026"} {
		if err := CheckBucketName(ok); err != nil {
			t.Errorf("CheckBucketName(%q) = %v, want nil", ok, err)
		}
	}
}

func TestCreateBucketPlanLocationConstraint(t *testing.T) {
	p, err := CreateBucketPlan("acme-new", "eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Steps[0].CLI; got != "aws s3api create-bucket --bucket acme-new --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1" {
		t.Errorf("CLI = %s", got)
	}
	p, _ = CreateBucketPlan("acme-new", "us-east-1")
	if strings.Contains(p.Steps[0].CLI, "LocationConstraint") || strings.Contains(strings.Join(p.Steps[0].Params, " "), "LocationConstraint") {
		t.Errorf("us-east-1 must send no LocationConstraint: %v %s", p.Steps[0].Params, p.Steps[0].CLI)
	}
	if _, err := CreateBucketPlan("Bad_Name", "us-east-1"); err == nil {
		t.Error("an invalid name must give no plan")
	}
}

func TestCombinePlansKeepsEveryStepWarningAndOwner(t *testing.T) {
	a, _ := CreateBucketPlan("acme-new", "us-east-1")
	b := SetVersioningPlan(BucketState{Name: "acme-new", Region: "us-east-1"}, VersioningEnabled, "")
	b.SecondConfirm = "sure?"
	p, owners := CombinePlans("Secure acme-new", "acme-new", "us-east-1", a, b)
	if len(p.Steps) != 2 || owners[0] != 0 || owners[1] != 1 {
		t.Fatalf("steps %d owners %v", len(p.Steps), owners)
	}
	if len(p.Warnings) != len(a.Warnings)+len(b.Warnings) || p.SecondConfirm != "sure?" {
		t.Errorf("warnings %d, second %q", len(p.Warnings), p.SecondConfirm)
	}
}
