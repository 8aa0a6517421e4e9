package awsops

import (
	"strings"
	"testing"
)

func TestPutCORSPlan(t *testing.T) {
	rules := []CORSRule{{ID: "site", AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"GET", "PUT"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: i32(600)}}
	p, err := PutCORSPlan("b1", "us-east-1", rules)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Steps) != 1 || p.Steps[0].API != "s3:PutBucketCors" {
		t.Fatalf("steps: %+v", p.Steps)
	}
	cli := p.Steps[0].CLI
	if !strings.HasPrefix(cli, "aws s3api put-bucket-cors --bucket b1 --cors-configuration '") || strings.Contains(cli, "\n") {
		t.Fatalf("CLI: %q", cli)
	}
	back, err := ParseCORSJSON([]byte(strings.TrimSuffix(strings.SplitN(cli, "--cors-configuration '", 2)[1], "'")))
	if err != nil || len(back) != 1 || back[0].ID != "site" || *back[0].MaxAgeSeconds != 600 {
		t.Fatalf("the CLI's JSON does not read back: %v %+v", err, back)
	}
}

func TestPutCORSPlanRefusesInvalidRules(t *testing.T) {
	if _, err := PutCORSPlan("b1", "us-east-1", nil); err == nil {
		t.Fatal("an empty rule list built a plan")
	}
	_, err := PutCORSPlan("b1", "us-east-1", []CORSRule{{AllowedOrigins: []string{"https://*.*.example.com"}, AllowedMethods: []string{"GET"}}})
	if err == nil || !strings.Contains(err.Error(), "*") {
		t.Fatalf("two wildcards in an origin were accepted: %v", err)
	}
}

func TestDeleteCORSPlan(t *testing.T) {
	p := DeleteCORSPlan("b1", "eu-west-1")
	if p.Steps[0].API != "s3:DeleteBucketCors" || p.Steps[0].CLI != "aws s3api delete-bucket-cors --bucket b1" || len(p.Warnings) == 0 {
		t.Fatalf("%+v", p)
	}
}

func TestPutCORSPlanShowsEveryField(t *testing.T) {
	age := int32(3000)
	p, err := PutCORSPlan("b", "us-east-1", []CORSRule{{ID: "app", AllowedOrigins: []string{"https://a.example"}, AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"content-type"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: &age}})
	if err != nil {
		t.Fatal(err)
	}
	want := "Rule 1 (app): GET,PUT from https://a.example; headers content-type; exposes ETag; max age 3000 s"
	if got := p.Steps[0].Params[1]; got != want {
		t.Fatalf("param %q, want %q", got, want)
	}
}
