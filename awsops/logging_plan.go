package awsops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// LoggingPlan is the plan that makes bucket log into ch's target, built
// from every bucket's state (the what-if runs over all of them) and the
// probe of the target. When the target's policy lacks the delivery
// permission, a first step merges it in; a loop the plan would leave in
// place asks for a second confirmation (Plan.SecondConfirm).
func LoggingPlan(states []BucketState, bucket, account string, ch LoggingChoice, probe LogTargetProbe) (Plan, LoggingWhatIf, error) {
	ch.TargetBucket = strings.TrimSpace(ch.TargetBucket)
	src := knownStates(states)[bucket]
	switch {
	case src == nil:
		return Plan{}, LoggingWhatIf{}, fmt.Errorf("%s is not among the buckets read", bucket)
	case ch.TargetBucket == "":
		return Plan{}, LoggingWhatIf{}, errors.New("choose or type the bucket that receives the logs")
	case !validKeyFormat(ch.KeyFormat):
		return Plan{}, LoggingWhatIf{}, fmt.Errorf("unknown key format %q", ch.KeyFormat)
	case account == "":
		return Plan{}, LoggingWhatIf{}, errors.New("the account id is not known yet (GetCallerIdentity has not answered); try again in a moment")
	}
	w := AnalyseLoggingChange(states, bucket, account, ch, probe)
	p := Plan{
		Title:    fmt.Sprintf("Send the access logs of %s to %s", bucket, ch.TargetBucket),
		Bucket:   bucket,
		Region:   src.Region,
		Warnings: w.Warnings,
	}
	if w.Loop != nil {
		p.SecondConfirm = fmt.Sprintf("This creates a logging loop (%s) that grows forever. Create it anyway?", LoopChain(w.Loop))
		if !w.NewLoop {
			p.SecondConfirm = fmt.Sprintf("This keeps the logging loop %s, which grows forever. Keep it anyway?", LoopChain(w.Loop))
		}
	}
	if w.GrantMissing && w.Refused == "" {
		targetRegion := src.Region
		if t := knownStates(states)[ch.TargetBucket]; t != nil && t.Region != "" {
			targetRegion = t.Region
		}
		st, err := deliveryGrantStep(states, ch.TargetBucket, targetRegion, ch.TargetPrefix, bucket, account)
		if err != nil {
			return Plan{}, w, err
		}
		p.Steps = append(p.Steps, st)
	}
	p.Steps = append(p.Steps, putLoggingStep(bucket, src.Region, ch))
	return p, w, nil
}

// TurnOffLoggingPlan is the plan that stops bucket's access logs
// (PutBucketLogging with an empty BucketLoggingStatus). When the bucket is
// in a loop the warning says the loop ends.
func TurnOffLoggingPlan(states []BucketState, bucket string) Plan {
	region := ""
	if s := knownStates(states)[bucket]; s != nil {
		region = s.Region
	}
	warnings := []string{"Requests to " + bucket + " are no longer recorded: who read or changed what becomes unknowable for the time logging is off."}
	if g := LoggingGraphOf(states, bucket); g.Loop != nil {
		warnings = append(warnings, "This ends the logging loop "+LoopChain(g.Loop)+".")
	}
	return Plan{
		Title:    "Turn off the access logs of " + bucket,
		Bucket:   bucket,
		Region:   region,
		Warnings: warnings,
		Steps: []Step{{
			Title:  "Turn access logging off",
			API:    "s3:PutBucketLogging",
			Params: []string{"BucketLoggingStatus={} (empty: logging off)"},
			CLI:    "aws s3api put-bucket-logging --bucket " + shellArg(bucket) + " --bucket-logging-status '{}'",
			Checks: loggingChecks(bucket, region, nil),
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).PutBucketLogging(ctx, &s3.PutBucketLoggingInput{
					Bucket:              aws.String(bucket),
					BucketLoggingStatus: &types.BucketLoggingStatus{},
				})
				return wrapOp("s3:PutBucketLogging", err)
			},
		}},
	}
}

// putLoggingStep is the PutBucketLogging call of ch.
func putLoggingStep(bucket, region string, ch LoggingChoice) Step {
	status := &types.BucketLoggingStatus{LoggingEnabled: &types.LoggingEnabled{
		TargetBucket:          aws.String(ch.TargetBucket),
		TargetPrefix:          aws.String(ch.TargetPrefix),
		TargetObjectKeyFormat: sdkKeyFormat(ch.KeyFormat),
	}}
	tb, _ := json.Marshal(ch.TargetBucket)
	tp, _ := json.Marshal(ch.TargetPrefix)
	doc := `{"LoggingEnabled":{"TargetBucket":` + string(tb) + `,"TargetPrefix":` + string(tp)
	if kf := cliKeyFormat(ch.KeyFormat); kf != "" {
		doc += "," + kf
	}
	doc += "}}"
	format := ch.KeyFormat
	if format == "" {
		format = LogKeySimple
	}
	return Step{
		Title: "Send the access logs to " + ch.TargetBucket,
		API:   "s3:PutBucketLogging",
		Params: []string{
			"TargetBucket=" + ch.TargetBucket,
			fmt.Sprintf("TargetPrefix=%q", ch.TargetPrefix),
			"TargetObjectKeyFormat=" + string(format),
		},
		CLI:    "aws s3api put-bucket-logging --bucket " + shellArg(bucket) + " --bucket-logging-status " + shellArg(doc),
		Checks: loggingChecks(bucket, region, &ch),
		run: func(ctx context.Context, s *Session, _ MFA) error {
			_, err := s.s3Client(region).PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(bucket), BucketLoggingStatus: status})
			return wrapOp("s3:PutBucketLogging", err)
		},
	}
}

// DeliveryGrantPolicy merges source's delivery statement into the target's
// policy text: every other statement is kept, and merging twice gives the
// same document (the statement is upserted by its Sid).
func DeliveryGrantPolicy(policy, target, prefix, source, account string) (string, error) {
	return UpsertStatement(policy, deliveryStatement(target, prefix, source, account))
}

// deliveryStatement is source's delivery statement, under its own Sid.
func deliveryStatement(target, prefix, source, account string) Statement {
	st := LogDeliveryStatement(target, prefix, bucketARN(source), account)
	st.Sid = logDeliverySid(source)
	return st
}

// deliveryGrantStep merges the delivery permission into the target's
// policy. The preview shows the merge into the policy as read; Apply reads
// the policy again and merges into that, so a statement added meanwhile is
// kept rather than overwritten.
func deliveryGrantStep(states []BucketState, target, region, prefix, source, account string) (Step, error) {
	before := ""
	if t := knownStates(states)[target]; t != nil && t.Policy != nil {
		before = t.Policy.JSON
	}
	after, err := DeliveryGrantPolicy(before, target, prefix, source, account)
	if err != nil {
		return Step{}, fmt.Errorf("the policy of %s cannot take the delivery permission: %w", target, err)
	}
	st := deliveryStatement(target, prefix, source, account)
	kept := 0
	if d, err := ParsePolicy(before); err == nil {
		kept = len(d.Statements())
		if d.Remove(st.Sid) {
			kept--
		}
	}
	params := []string{
		fmt.Sprintf("Policy of %s: statement %s merged, the %d other statement(s) kept", target, st.Sid, kept),
		compactStatement(st),
	}
	return Step{
		Title:  "Grant log delivery on " + target,
		API:    "s3:PutBucketPolicy",
		Params: params,
		CLI:    "aws s3api put-bucket-policy --bucket " + shellArg(target) + " --policy " + shellArg(after),
		run: func(ctx context.Context, s *Session, _ MFA) error {
			c := s.s3Client(region)
			cur := ""
			out, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(target)})
			switch {
			case hasCode(err, codeNoPolicy):
			case err != nil:
				return wrapOp("s3:GetBucketPolicy", err)
			default:
				cur = aws.ToString(out.Policy)
			}
			merged, err := DeliveryGrantPolicy(cur, target, prefix, source, account)
			if err != nil {
				return &FacetError{Code: CodeLocalError, Message: err.Error()}
			}
			_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(target), Policy: aws.String(merged)})
			return wrapOp("s3:PutBucketPolicy", err)
		},
	}, nil
}
