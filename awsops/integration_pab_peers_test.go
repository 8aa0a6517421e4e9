package awsops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// pabPlansRoundTrip applies the Block Public Access plans on an endpoint and
// reads each result back through the session.
func pabPlansRoundTrip(t *testing.T, env endpointEnv) {
	sess := env.open(t)
	ctx := context.Background()
	bucket := "pab-plans-" + env.name
	if _, err := env.client(t, "us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	read := func() awsops.PublicAccessBlock {
		st := sess.State(ctx, awsops.Bucket{Name: bucket, Region: "us-east-1"})
		if st.PublicAccessBlock == nil {
			t.Fatalf("%s: Block Public Access not read: %v", env.name, st.Errors)
		}
		return *st.PublicAccessBlock
	}
	want := awsops.AllPublicAccessBlocked
	want.IgnorePublicAcls = false
	st := sess.State(ctx, awsops.Bucket{Name: bucket, Region: "us-east-1"})
	p, err := awsops.PutPublicAccessBlockPlan(st, want)
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatalf("%s: %v", env.name, err)
	}
	if got := read(); got != want {
		t.Fatalf("%s: after the put plan %+v, want %+v", env.name, got, want)
	}
	if err := sess.Apply(ctx, awsops.DeletePublicAccessBlockPlan(st), awsops.MFA{}, nil); err != nil {
		t.Fatalf("%s: %v", env.name, err)
	}
	if got := read(); got.Configured {
		t.Fatalf("%s: after the delete plan %+v", env.name, got)
	}
}

func TestPublicAccessBlockPlansRoundTrip(t *testing.T) {
	t.Run("sandbox", func(t *testing.T) {
		env, _ := sandboxEnv(t, sandbox.Options{})
		pabPlansRoundTrip(t, env)
	})
	t.Run("moto", func(t *testing.T) { pabPlansRoundTrip(t, motoEnv(t)) })
}

// awsops's reading of "public" (PublicStatements) and the sandbox's
// BlockPublicPolicy check are two independent implementations of S3's
// rule; they must agree on what S3 refuses.
func TestPublicStatementsAgreeWithBlockPublicPolicy(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{})
	ctx := context.Background()
	c := env.client(t, "us-east-1")
	const bucket = "public-judge"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	allow := func(principal, cond string) string {
		s := `{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Principal":` + principal +
			`,"Action":"s3:GetObject","Resource":"arn:aws:s3:::` + bucket + `/*"`
		if cond != "" {
			s += `,"Condition":` + cond
		}
		return s + "}]}"
	}
	for _, doc := range []string{
		allow(`"*"`, ""),
		allow(`{"AWS":"*"}`, ""),
		allow(`{"AWS":"111122223333"}`, ""),
		allow(`{"Service":"logging.s3.amazonaws.com"}`, ""),
		allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}`),
		allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"0.0.0.0/1"}}`),
		allow(`"*"`, `{"StringEquals":{"aws:SourceAccount":"111122223333"}}`),
		allow(`"*"`, `{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}`),
		allow(`"*"`, `{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}`),
		allow(`"*"`, `{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}`),
		allow(`"*"`, `{"Bool":{"aws:SecureTransport":"true"}}`),
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::` + bucket + `/*"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::` + bucket + `/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`,
	} {
		_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(doc)})
		refused := err != nil && strings.Contains(err.Error(), "BlockPublicPolicy")
		if err != nil && !refused {
			t.Fatalf("%s: %v", doc, err)
		}
		if public := len(awsops.PublicStatements(doc)) > 0; public != refused {
			t.Errorf("awsops public=%v, sandbox refused=%v: %s", public, refused, doc)
		}
	}
}
