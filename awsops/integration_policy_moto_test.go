package awsops_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
)

// The policy plans against moto_server, a third-party peer: the merge
// keeps the grant, twice is unchanged, removal leaves the grant.
//
// Deviation (moto): moto stores bucket policies but does not evaluate
// their conditions, so the TLS-only statement does not refuse its (plain
// HTTP) requests; the test asserts that listing still works and says so.
// AWS and the sandbox answer 403 AccessDenied there.
func TestEnforceTLSPlanMoto(t *testing.T) {
	env := motoEnv(t)
	ctx := context.Background()
	bucket := fmt.Sprintf("policy-plan-%d", time.Now().UnixNano())
	client := env.client(t, "us-east-1")
	_, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
	must(t, "create", err)
	_, err = client.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(logDeliveryGrant(bucket, false))})
	must(t, "put policy", err)
	sess := env.open(t)
	read := func() awsops.BucketState {
		s := sess.State(ctx, awsops.Bucket{Name: bucket, Region: "us-east-1"})
		if fe := s.Errors[awsops.FacetPolicy]; fe != nil {
			t.Fatalf("policy facet: %v", fe)
		}
		return s
	}
	caller := awsops.LockoutCaller{ARN: env.identity.ARN, OverTLS: false}
	p, lint, err := awsops.EnforceTLSPlan(read(), awsops.TLSOptions{}, caller, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(lint) != 1 || !lint[0].DeniesAll {
		t.Fatalf("over plain HTTP the TLS-only statement denies the caller everything: lint %+v", lint)
	}
	if err := sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	after := read()
	if !after.Policy.TLSEnforced || strings.Join(statementSids(t, after), ",") != "S3ServerAccessLogsPolicy,"+awsops.SidDenyInsecureTransport {
		t.Fatalf("after the plan: %+v", after.Policy)
	}
	if _, _, err := awsops.EnforceTLSPlan(after, awsops.TLSOptions{}, caller, false); !errors.Is(err, awsops.ErrPolicyUnchanged) {
		t.Fatalf("second enforce: %v, want ErrPolicyUnchanged", err)
	}
	// Deviation (moto): the plain-HTTP listing is not refused.
	if _, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("moto evaluated the condition after all (%v): drop this deviation", err)
	}
	rp, _, err := awsops.RemoveTLSPlan(after, caller, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Apply(ctx, rp, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(statementSids(t, read()), ","); got != "S3ServerAccessLogsPolicy" {
		t.Fatalf("after removal: %s", got)
	}
}
