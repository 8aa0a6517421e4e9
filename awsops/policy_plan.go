package awsops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// ErrPolicyUnchanged is returned when a policy change would write what the
// bucket already has: applying the same fix twice sends nothing.
var ErrPolicyUnchanged = errors.New("the bucket policy already says this: nothing to change")

// diffContext is how many unchanged lines a policy diff keeps around each change.
const diffContext = 3

// PolicyChange is a change of one bucket's policy: the document as read
// and the one to write ("" deletes the policy), and who applies it, for
// the lock-out lint.
type PolicyChange struct {
	Bucket, Region string
	Before         string // the policy as read; "" when the bucket has none
	After          string // the policy to write; "" deletes it
	Title          string // what the change is, for the plan's title
	Caller         LockoutCaller
	CallerIsRoot   bool     // S3 always lets the root user read, replace and delete the policy
	Notes          []string // what the user must read before confirming
}

// PolicyPlan builds the one-step plan of a policy change: PutBucketPolicy
// with the whole new document (S3 has no partial update; the document
// keeps every statement the change does not touch), or DeleteBucketPolicy
// when nothing is left. The step carries the before/after diff. The
// lock-out warnings are returned apart and also head the plan's warnings:
// the console refuses such a plan unless the user types an override.
func PolicyPlan(c PolicyChange) (Plan, []LockoutWarning, error) {
	if strings.TrimSpace(c.After) == "" {
		if strings.TrimSpace(c.Before) == "" {
			return Plan{}, nil, ErrPolicyUnchanged
		}
		p := DeletePolicyPlan(c.Bucket, c.Region, c.Before)
		if c.Title != "" {
			p.Title = c.Title
		}
		p.Warnings = append(p.Warnings, c.Notes...)
		return p, nil, nil
	}
	after, problems := ValidatePolicy(c.After)
	if len(problems) > 0 {
		return Plan{}, nil, errors.New(strings.Join(problems, "; "))
	}
	if samePolicy(c.Before, after) {
		return Plan{}, nil, ErrPolicyUnchanged
	}
	lint := LockoutLint(after, c.Bucket, c.Caller)
	if c.CallerIsRoot {
		lint = rootStillRecovers(lint)
	}
	var warnings []string
	for _, w := range lint {
		warnings = append(warnings, "Lock-out: "+w.Explanation+".")
	}
	warnings = append(warnings, c.Notes...)
	title := c.Title
	if title == "" {
		title = "Replace the bucket policy of " + c.Bucket
	}
	bucket, region := c.Bucket, c.Region
	doc, _ := ParsePolicy(after)
	return Plan{
		Title: title, Bucket: bucket, Region: region, Warnings: warnings,
		Steps: []Step{{
			Title:  "Write the bucket policy",
			API:    "s3:PutBucketPolicy",
			Params: []string{fmt.Sprintf("Policy=%d bytes, %d statement(s); the whole document replaces the current one", len(after), len(doc.Statements()))},
			CLI:    "aws s3api put-bucket-policy --bucket " + shellArg(bucket) + " --policy " + shellArg(after),
			Diff:   CompactDiff(PolicyDiff(c.Before, after), diffContext),
			Checks: policyChecks(bucket, region, after),
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(after)})
				return wrapOp("s3:PutBucketPolicy", err)
			},
		}},
	}, lint, nil
}

// DeletePolicyPlan is the one-step plan that removes the bucket policy.
// Whatever the policy denied (plain HTTP, unencrypted uploads) is allowed
// again, and whatever it granted is no longer granted.
func DeletePolicyPlan(bucket, region, before string) Plan {
	warnings := []string{"Every statement of the policy goes: what it denied is no longer denied, what it granted (to other accounts, services such as log delivery) is no longer granted."}
	if PolicyEnforcesTLS(before, bucket) {
		warnings = append(warnings, "The bucket then accepts requests over plain HTTP again.")
	}
	return Plan{
		Title: "Delete the bucket policy of " + bucket, Bucket: bucket, Region: region, Warnings: warnings,
		Steps: []Step{{
			Title:  "Delete the bucket policy",
			API:    "s3:DeleteBucketPolicy",
			CLI:    "aws s3api delete-bucket-policy --bucket " + shellArg(bucket),
			Diff:   CompactDiff(PolicyDiff(before, ""), diffContext),
			Checks: policyChecks(bucket, region, ""),
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(bucket)})
				return wrapOp("s3:DeleteBucketPolicy", err)
			},
		}},
	}
}

// rootStillRecovers drops the warnings about the policy calls alone: S3
// exempts the root user from a policy's denies of them, so only a deny of
// everything is still worth stopping for.
func rootStillRecovers(lint []LockoutWarning) []LockoutWarning {
	var out []LockoutWarning
	for _, w := range lint {
		if w.DeniesAll {
			out = append(out, w)
		}
	}
	return out
}

// samePolicy compares two documents as parsed JSON, so whitespace and
// member order (S3 re-serialises what it stores) do not count as a change.
func samePolicy(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}
