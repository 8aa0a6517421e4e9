package awsops_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// These tests apply the policy plans against the embedded sandbox over
// HTTPS and read the policy back as S3 re-serialises it.

// logDeliveryGrant is a policy with one Allow, written by "someone else".
func logDeliveryGrant(bucket string, single bool) string {
	st := fmt.Sprintf(`{"Sid":"S3ServerAccessLogsPolicy","Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},`+
		`"Action":"s3:PutObject","Resource":"arn:aws:s3:::%s/logs/*"}`, bucket)
	if single {
		return `{"Version":"2012-10-17","Statement":` + st + `}`
	}
	return `{"Version":"2012-10-17","Statement":[` + st + `]}`
}

// policyEnv is a sandbox bucket with a session on it, as the root user.
type policyEnv struct {
	t      *testing.T
	sess   *awsops.Session
	client *s3.Client // over HTTPS
	plain  *s3.Client // the same credentials over plain HTTP
	srv    *sandbox.Server
	bucket string
	caller awsops.LockoutCaller
}

func newPolicyEnv(t *testing.T, policy string) policyEnv {
	t.Helper()
	env, srv := sandboxEnv(t, sandbox.Options{})
	plainEnv := env
	plainEnv.url, plainEnv.caFile = srv.HTTPURL(), ""
	pe := policyEnv{t: t, sess: env.open(t), client: env.client(t, "us-east-1"), plain: plainEnv.client(t, "us-east-1"), srv: srv, bucket: "policy-plan",
		caller: awsops.LockoutCaller{ARN: env.identity.ARN, OverTLS: true}}
	ctx := context.Background()
	_, err := pe.client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(pe.bucket)})
	must(t, "create", err)
	if policy != "" {
		_, err = pe.client.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(pe.bucket), Policy: aws.String(policy)})
		must(t, "put policy", err)
	}
	return pe
}

// state reads the bucket as the console does.
func (pe policyEnv) state() awsops.BucketState {
	pe.t.Helper()
	s := pe.sess.State(context.Background(), awsops.Bucket{Name: pe.bucket, Region: "us-east-1"})
	if fe := s.Errors[awsops.FacetPolicy]; fe != nil {
		pe.t.Fatalf("policy facet: %v", fe)
	}
	return s
}

func (pe policyEnv) apply(p awsops.Plan) {
	pe.t.Helper()
	if err := pe.sess.Apply(context.Background(), p, awsops.MFA{}, nil); err != nil {
		pe.t.Fatalf("apply %s: %v", p.Title, err)
	}
}

// statementSids lists the Sids of the policy as read.
func statementSids(t *testing.T, s awsops.BucketState) []string {
	t.Helper()
	if s.Policy == nil || !s.Policy.Present {
		return nil
	}
	d, err := awsops.ParsePolicy(s.Policy.JSON)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, st := range d.Statements() {
		_, rest, _ := strings.Cut(string(st), `"Sid":"`)
		sid, _, _ := strings.Cut(rest, `"`)
		out = append(out, sid)
	}
	return out
}

func TestEnforceTLSPlanMergesSandbox(t *testing.T) {
	for _, single := range []bool{false, true} {
		t.Run(fmt.Sprintf("single statement object %v", single), func(t *testing.T) {
			pe := newPolicyEnv(t, logDeliveryGrant("policy-plan", single))
			before := pe.state()
			p, lint, err := awsops.EnforceTLSPlan(before, awsops.TLSOptions{MinTLSVersion: "1.2"}, pe.caller, false)
			if err != nil || len(lint) != 0 {
				t.Fatalf("plan: %v, lint %+v", err, lint)
			}
			step := p.Steps[0]
			if step.API != "s3:PutBucketPolicy" || !strings.HasPrefix(step.CLI, "aws s3api put-bucket-policy --bucket policy-plan --policy '{") {
				t.Fatalf("step = %+v", step)
			}
			var added, removed int
			for _, l := range step.Diff {
				switch l.Op {
				case '+':
					added++
				case '-':
					removed++
				}
			}
			if added == 0 {
				t.Fatalf("the diff shows no added line: %v", step.Diff)
			}
			if !single && removed > 1 { // a list gains a comma after the old statement's "}"
				t.Errorf("the diff removes %d lines of a policy that only gains statements: %v", removed, step.Diff)
			}
			pe.apply(p)
			after := pe.state()
			if !after.Policy.TLSEnforced || after.Policy.TLSWrong {
				t.Fatalf("after the plan: %+v", after.Policy)
			}
			// The sandbox now refuses plain HTTP and still answers HTTPS.
			list := &s3.ListObjectsV2Input{Bucket: aws.String(pe.bucket)}
			if _, err := pe.plain.ListObjectsV2(context.Background(), list); !strings.Contains(fmt.Sprint(err), "AccessDenied") {
				t.Fatalf("plain-HTTP listing after enforcing TLS: %v, want AccessDenied", err)
			}
			if _, err := pe.client.ListObjectsV2(context.Background(), list); err != nil {
				t.Fatalf("HTTPS listing after enforcing TLS: %v", err)
			}
			got := strings.Join(statementSids(t, after), ",")
			if got != "S3ServerAccessLogsPolicy,"+awsops.SidDenyInsecureTransport+","+awsops.SidDenyOldTLS {
				t.Fatalf("statements after the merge: %s\n%s", got, after.Policy.JSON)
			}
			if !strings.Contains(after.Policy.JSON, `"Service":"logging.s3.amazonaws.com"`) {
				t.Errorf("the grant lost its principal: %s", after.Policy.JSON)
			}
			// Applied twice: the same choice on what S3 now holds changes nothing.
			if _, _, err := awsops.EnforceTLSPlan(after, awsops.TLSOptions{MinTLSVersion: "1.2"}, pe.caller, false); !errors.Is(err, awsops.ErrPolicyUnchanged) {
				t.Fatalf("second enforce: %v, want ErrPolicyUnchanged", err)
			}
			merged, _, err := awsops.EnforceTLSPolicy(after.Policy.JSON, pe.bucket, awsops.TLSOptions{MinTLSVersion: "1.2"})
			if err != nil || strings.Count(merged, awsops.SidDenyInsecureTransport) != 1 {
				t.Fatalf("merging twice duplicates the statement: %v %s", err, merged)
			}

			// Removal leaves the grant.
			rp, _, err := awsops.RemoveTLSPlan(after, pe.caller, false)
			if err != nil {
				t.Fatal(err)
			}
			pe.apply(rp)
			removed2 := pe.state()
			if got := strings.Join(statementSids(t, removed2), ","); got != "S3ServerAccessLogsPolicy" || removed2.Policy.TLSEnforced {
				t.Fatalf("after removal: %s %+v", got, removed2.Policy)
			}
		})
	}
}

func TestRemoveTLSDeletesAnEmptiedPolicySandbox(t *testing.T) {
	pe := newPolicyEnv(t, "")
	p, _, err := awsops.EnforceTLSPlan(pe.state(), awsops.TLSOptions{}, pe.caller, false)
	if err != nil {
		t.Fatal(err)
	}
	pe.apply(p)
	rp, _, err := awsops.RemoveTLSPlan(pe.state(), pe.caller, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rp.Steps) != 1 || rp.Steps[0].API != "s3:DeleteBucketPolicy" || rp.Steps[0].CLI != "aws s3api delete-bucket-policy --bucket policy-plan" {
		t.Fatalf("removing the only statement must delete the policy: %+v", rp.Steps)
	}
	pe.apply(rp)
	if s := pe.state(); s.Policy.Present {
		t.Fatalf("policy still there: %s", s.Policy.JSON)
	}
}

// A wrong statement (Deny on "true") is replaced, not kept beside the
// canonical one, where it would deny every HTTPS request as well.
func TestEnforceTLSDropsTheHTTPSDenySandbox(t *testing.T) {
	wrong := strings.Replace(tlsPolicy("policy-plan"), `"false"`, `"true"`, 1)
	pe := newPolicyEnv(t, "")
	// Put as root over HTTPS: the wrong statement denies HTTPS, and the
	// root user's policy calls are exempt, which is what lets us repair it.
	_, err := pe.client.PutBucketPolicy(context.Background(), &s3.PutBucketPolicyInput{Bucket: aws.String(pe.bucket), Policy: aws.String(wrong)})
	must(t, "put wrong policy", err)
	s := pe.state()
	if !s.Policy.TLSWrong || s.Policy.TLSEnforced {
		t.Fatalf("wrong policy read as %+v", s.Policy)
	}
	p, _, err := awsops.EnforceTLSPlan(s, awsops.TLSOptions{}, pe.caller, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(p.Warnings, " "), `"DenyInsecureTransport", which denies requests made over HTTPS`) {
		t.Fatalf("the plan does not say it drops the wrong statement: %q", p.Warnings)
	}
	pe.apply(p)
	// Listing works again over HTTPS: nothing denies it any more.
	if _, err := pe.client.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(pe.bucket)}); err != nil {
		t.Fatalf("HTTPS listing after the fix: %v", err)
	}
	if got := pe.state(); !got.Policy.TLSEnforced || strings.Join(statementSids(t, got), ",") != awsops.SidDenyInsecureTransport {
		t.Fatalf("after the fix: %+v", got.Policy)
	}
}

// A caller on plain HTTP who enforces TLS shuts themself out: the plan
// carries the lock-out warning the console asks an override for.
func TestEnforceTLSOverHTTPLocksOutSandbox(t *testing.T) {
	pe := newPolicyEnv(t, "")
	pe.caller.OverTLS = false
	p, lint, err := awsops.EnforceTLSPlan(pe.state(), awsops.TLSOptions{}, pe.caller, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(lint) != 1 || !lint[0].DeniesAll || !strings.Contains(p.Warnings[0], "Lock-out:") || !strings.Contains(p.Warnings[0], "over plain HTTP, which is how you connect") {
		t.Fatalf("lint %+v warnings %q", lint, p.Warnings)
	}
}
