package awsops_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// The Block Public Access plans against the sandbox: deleting the
// configuration lets a public policy in and an anonymous GET through; the
// all-on plan cuts the anonymous GET off and makes S3 refuse the public
// policy again; the findings follow.
func TestPublicAccessBlockPlansSandbox(t *testing.T) {
	env, srv := sandboxEnv(t, sandbox.Options{})
	sess := env.open(t)
	ctx := context.Background()
	c := env.client(t, "us-east-1")
	const bucket = "web-assets"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("logo.png"), Body: strings.NewReader("png")}); err != nil {
		t.Fatal(err)
	}
	public := `{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + bucket + `/*"}]}`
	putPublic := func() error {
		_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(public)})
		return err
	}
	anonGet := anonymousGetter(t, srv, bucket+"/logo.png")
	state := func() awsops.BucketState { return sess.State(ctx, awsops.Bucket{Name: bucket, Region: "us-east-1"}) }
	ids := func(st awsops.BucketState) []string {
		var out []string
		for _, f := range awsops.Analyse([]awsops.BucketState{st}) {
			out = append(out, f.ID)
		}
		return out
	}

	st := state()
	if st.PublicAccessBlock == nil || !st.PublicAccessBlock.AllOn() {
		t.Fatalf("a new bucket has all four on: %+v", st.PublicAccessBlock)
	}
	if err := putPublic(); err == nil || !strings.Contains(err.Error(), "BlockPublicPolicy") {
		t.Fatalf("public policy with BlockPublicPolicy on: %v", err)
	}

	if err := sess.Apply(ctx, awsops.DeletePublicAccessBlockPlan(st), awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	if err := putPublic(); err != nil {
		t.Fatalf("public policy without Block Public Access: %v", err)
	}
	if got := anonGet(); got != http.StatusOK {
		t.Fatalf("anonymous GET with the public policy and no BPA: %d", got)
	}
	st = state()
	if st.PublicAccessBlock == nil || st.PublicAccessBlock.Configured {
		t.Fatalf("after the delete plan: %+v", st.PublicAccessBlock)
	}
	if got := ids(st); !slices.Contains(got, "policy-public") || !slices.Contains(got, "public-access-block-off") {
		t.Fatalf("findings %v", got)
	}

	p, err := awsops.PutPublicAccessBlockPlan(st, awsops.AllPublicAccessBlocked)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(p.Warnings, " "), `statement "PublicRead" grants s3:GetObject`) {
		t.Fatalf("the plan does not name the public statement: %q", p.Warnings)
	}
	if err := sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	if got := anonGet(); got != http.StatusForbidden {
		t.Fatalf("anonymous GET once RestrictPublicBuckets is on: %d", got)
	}
	if err := putPublic(); err == nil {
		t.Fatal("S3 accepted a public policy with BlockPublicPolicy on")
	}
	st = state()
	if got := ids(st); slices.Contains(got, "policy-public") || slices.Contains(got, "public-access-block-off") {
		t.Fatalf("findings after the all-on plan: %v", got)
	}
}

// The plan's CLI equivalent does what the plan does.
func TestPublicAccessBlockPlanCLIEquivalent(t *testing.T) {
	bin := awsCLIBin(t)
	env, srv := sandboxEnv(t, sandbox.Options{})
	sess := env.open(t)
	ctx := context.Background()
	c := env.client(t, "us-east-1")
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("cli-pab")}); err != nil {
		t.Fatal(err)
	}
	st := sess.State(ctx, awsops.Bucket{Name: "cli-pab", Region: "us-east-1"})
	want := awsops.AllPublicAccessBlocked
	want.RestrictPublicBuckets = false
	p, err := awsops.PutPublicAccessBlockPlan(st, want)
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Fields(p.Steps[0].CLI)
	if args[0] != "aws" {
		t.Fatalf("CLI %q", p.Steps[0].CLI)
	}
	home := t.TempDir()
	root := srv.Root()
	cmd := exec.Command(bin, append(args[1:], "--endpoint-url", srv.HTTPSURL(), "--region", "us-east-1")...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=", "AWS_CA_BUNDLE=" + srv.CAFile(),
		"AWS_ACCESS_KEY_ID=" + root.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + root.SecretAccessKey}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", p.Steps[0].CLI, err, out)
	}
	got := sess.State(ctx, awsops.Bucket{Name: "cli-pab", Region: "us-east-1"}).PublicAccessBlock
	if got == nil || *got != want {
		t.Fatalf("after the CLI equivalent: %+v, want %+v", got, want)
	}
}

// anonymousGetter returns a function that GETs path unsigned over HTTPS
// and reports the status.
func anonymousGetter(t *testing.T, srv *sandbox.Server, path string) func() int {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(srv.CAPEM()) {
		t.Fatal("no CA")
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	t.Cleanup(hc.CloseIdleConnections)
	return func() int {
		resp, err := hc.Get(srv.HTTPSURL() + "/" + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
}
