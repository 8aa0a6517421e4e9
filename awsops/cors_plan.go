package awsops

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// PutCORSPlan is the one-step plan that replaces the CORS configuration of
// bucket with rules. PutBucketCors always replaces the whole configuration,
// so the plan carries every rule, not a delta. The rules are validated first
// (S3's own limits: 100 rules, 64 KB of XML, origin and header syntax), so a
// plan that S3 would refuse is never shown as applicable.
func PutCORSPlan(bucket, region string, rules []CORSRule) (Plan, error) {
	if len(rules) == 0 {
		return Plan{}, errors.New("a CORS configuration needs at least one rule; delete the configuration instead")
	}
	if probs := ValidateCORS(rules); len(probs) > 0 {
		msgs := make([]string, len(probs))
		for i, p := range probs {
			msgs[i] = p.String()
		}
		return Plan{}, errors.New(strings.Join(msgs, "; "))
	}
	doc := FormatCORSJSON(rules)
	sdkRules := make([]types.CORSRule, len(rules))
	for i, r := range rules {
		sdkRules[i] = types.CORSRule{
			AllowedOrigins: r.AllowedOrigins,
			AllowedMethods: r.AllowedMethods,
			AllowedHeaders: r.AllowedHeaders,
			ExposeHeaders:  r.ExposeHeaders,
			MaxAgeSeconds:  r.MaxAgeSeconds,
		}
		if r.ID != "" {
			sdkRules[i].ID = aws.String(r.ID)
		}
	}
	params := []string{fmt.Sprintf("CORSRules=%d rule(s)", len(rules))}
	for i, r := range rules {
		params = append(params, corsRuleParam(i, r))
	}
	return Plan{
		Title:  "Replace the CORS configuration of " + bucket,
		Bucket: bucket,
		Region: region,
		Steps: []Step{{
			Title:  "Write the CORS configuration",
			API:    "s3:PutBucketCors",
			Params: params,
			CLI:    "aws s3api put-bucket-cors --bucket " + shellArg(bucket) + " --cors-configuration " + shellArg(compactCORSJSON(doc)),
			Checks: corsChecks(bucket, region, rules),
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).PutBucketCors(ctx, &s3.PutBucketCorsInput{
					Bucket:            aws.String(bucket),
					CORSConfiguration: &types.CORSConfiguration{CORSRules: sdkRules},
				})
				return wrapOp("s3:PutBucketCors", err)
			},
		}},
	}, nil
}

// corsRuleParam describes one rule in full for the plan preview, so every
// edit (a header, the max age, not only origins and methods) shows there.
func corsRuleParam(i int, r CORSRule) string {
	s := fmt.Sprintf("Rule %d", i+1)
	if r.ID != "" {
		s += fmt.Sprintf(" (%s)", r.ID)
	}
	s += fmt.Sprintf(": %s from %s", strings.Join(r.AllowedMethods, ","), strings.Join(r.AllowedOrigins, ","))
	if len(r.AllowedHeaders) > 0 {
		s += "; headers " + strings.Join(r.AllowedHeaders, ",")
	}
	if len(r.ExposeHeaders) > 0 {
		s += "; exposes " + strings.Join(r.ExposeHeaders, ",")
	}
	if r.MaxAgeSeconds != nil {
		s += fmt.Sprintf("; max age %d s", *r.MaxAgeSeconds)
	}
	return s
}

// DeleteCORSPlan is the one-step plan that removes the CORS configuration of
// bucket: browsers on other origins can then no longer call it.
func DeleteCORSPlan(bucket, region string) Plan {
	return Plan{
		Title:    "Delete the CORS configuration of " + bucket,
		Bucket:   bucket,
		Region:   region,
		Warnings: []string{"Web pages on other origins that read or write this bucket from a browser stop working."},
		Steps: []Step{{
			Title:  "Delete the CORS configuration",
			API:    "s3:DeleteBucketCors",
			CLI:    "aws s3api delete-bucket-cors --bucket " + shellArg(bucket),
			Checks: corsChecks(bucket, region, nil),
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: aws.String(bucket)})
				return wrapOp("s3:DeleteBucketCors", err)
			},
		}},
	}
}

// compactCORSJSON puts the indented document on one line for the CLI
// equivalent, where a multi-line argument would be hard to copy.
func compactCORSJSON(doc []byte) string {
	var b bytes.Buffer
	if err := json.Compact(&b, doc); err != nil {
		return string(doc)
	}
	return b.String()
}
