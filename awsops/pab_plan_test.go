package awsops

import (
	"strings"
	"testing"
)

func TestPutPublicAccessBlockPlan(t *testing.T) {
	public := `{"Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::web/*"}]}`
	st := BucketState{Name: "web", Region: "eu-west-1", PublicAccessBlock: &PublicAccessBlock{}, Policy: &Policy{Present: true, JSON: public}}
	p, err := PutPublicAccessBlockPlan(st, AllPublicAccessBlocked)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Steps) != 1 || p.Steps[0].API != "s3:PutPublicAccessBlock" || p.Region != "eu-west-1" || p.NeedsMFA() {
		t.Fatalf("plan %+v", p)
	}
	wantCLI := "aws s3api put-public-access-block --bucket web --public-access-block-configuration " +
		"BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"
	if p.Steps[0].CLI != wantCLI {
		t.Fatalf("CLI %q", p.Steps[0].CLI)
	}
	if strings.Join(p.Steps[0].Params, " ") != "BlockPublicAcls=true IgnorePublicAcls=true BlockPublicPolicy=true RestrictPublicBuckets=true" {
		t.Fatalf("params %q", p.Steps[0].Params)
	}
	warn := strings.Join(p.Warnings, "\n")
	if !strings.Contains(warn, `The public policy (statement "PublicRead" grants s3:GetObject) stops reaching anonymous callers`) ||
		!strings.Contains(warn, "S3 will refuse any public policy put from now on") {
		t.Fatalf("warnings %q", p.Warnings)
	}

	// Opening up: the warnings say what takes effect.
	st.PublicAccessBlock = &AllPublicAccessBlocked
	open := AllPublicAccessBlocked
	open.BlockPublicPolicy, open.RestrictPublicBuckets = false, false
	p, err = PutPublicAccessBlockPlan(st, open)
	if err != nil {
		t.Fatal(err)
	}
	warn = strings.Join(p.Warnings, "\n")
	for _, want := range []string{"takes effect for everyone, anonymous callers included", "S3 will accept a public bucket policy", "Account-level Block Public Access"} {
		if !strings.Contains(warn, want) {
			t.Errorf("warnings %q lack %q", p.Warnings, want)
		}
	}
	if !strings.HasSuffix(p.Steps[0].CLI, "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=false") {
		t.Errorf("CLI %q", p.Steps[0].CLI)
	}

	// No change: no plan.
	if _, err := PutPublicAccessBlockPlan(st, AllPublicAccessBlocked); err == nil {
		t.Fatal("a plan that changes nothing")
	}
}

func TestDeletePublicAccessBlockPlan(t *testing.T) {
	p := DeletePublicAccessBlockPlan(BucketState{Name: "web", Region: "us-east-1", PublicAccessBlock: &AllPublicAccessBlocked})
	if len(p.Steps) != 1 || p.Steps[0].API != "s3:DeletePublicAccessBlock" || p.Steps[0].CLI != "aws s3api delete-public-access-block --bucket web" {
		t.Fatalf("plan %+v", p)
	}
	if !strings.Contains(strings.Join(p.Warnings, "\n"), "S3 will accept a public bucket policy") {
		t.Fatalf("warnings %q", p.Warnings)
	}
}

func TestPublicAccessSettingsSayWhatTheyBlock(t *testing.T) {
	s := AllPublicAccessBlocked.Settings()
	if len(s) != 4 || s[2].Name != "BlockPublicPolicy" || !s[2].On || !strings.Contains(s[3].Blocks, "only AWS services and this account") {
		t.Fatalf("settings %+v", s)
	}
	for _, x := range s {
		if len(x.Short) > 52 || x.Short == "" {
			t.Errorf("%s: short text %q", x.Name, x.Short)
		}
	}
}
