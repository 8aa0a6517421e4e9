package awsops

import (
	"strings"
	"testing"
)

// specPolicy is the TLS-only policy of S3-BEHAVIOR §6.2, for bucket "demo".
const specPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "DenyInsecureTransport",
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": ["arn:aws:s3:::demo", "arn:aws:s3:::demo/*"],
    "Condition": { "Bool": { "aws:SecureTransport": "false" } }
  }]
}`

func TestPolicyEnforcesTLS(t *testing.T) {
	// variant rewrites the spec policy.
	variant := func(old, new string) string { return strings.Replace(specPolicy, old, new, 1) }
	tests := []struct {
		name   string
		policy string
		bucket string
		want   bool
	}{
		{"spec 6.2 policy", specPolicy, "demo", true},
		{"only the bucket ARN listed", variant(`["arn:aws:s3:::demo", "arn:aws:s3:::demo/*"]`, `"arn:aws:s3:::demo"`), "demo", false},
		{"only the object ARN listed", variant(`["arn:aws:s3:::demo", "arn:aws:s3:::demo/*"]`, `"arn:aws:s3:::demo/*"`), "demo", false},
		{"Allow instead of Deny", variant(`"Deny"`, `"Allow"`), "demo", false},
		{"another bucket", specPolicy, "other", false},
		{"a bucket whose name extends this one", specPolicy, "demo2", false},
		// A plain-HTTP request has no TLS version: NumericLessThan on the absent
		// key is false, so these do not deny plain HTTP; the IfExists form does.
		{"NumericLessThan TlsVersion alone", variant(`"Bool": { "aws:SecureTransport": "false" }`, `"NumericLessThan": { "s3:TlsVersion": "1.2" }`), "demo", false},
		{"NumericLessThanIfExists TlsVersion alone", variant(`"Bool": { "aws:SecureTransport": "false" }`, `"NumericLessThanIfExists": { "s3:TlsVersion": "1.2" }`), "demo", true},
		{"both TLS conditions in one statement", variant(`"Bool": { "aws:SecureTransport": "false" }`, `"Bool": { "aws:SecureTransport": "false" }, "NumericLessThan": { "s3:TlsVersion": 1.2 }`), "demo", false},
		{"both TLS conditions, IfExists", variant(`"Bool": { "aws:SecureTransport": "false" }`, `"Bool": { "aws:SecureTransport": "false" }, "NumericLessThanIfExists": { "s3:TlsVersion": 1.2 }`), "demo", true},
		{"Action list containing s3:*", variant(`"Action": "s3:*"`, `"Action": ["s3:GetObject", "s3:*"]`), "demo", true},
		{"Action *", variant(`"Action": "s3:*"`, `"Action": "*"`), "demo", true},
		{"Action only GetObject", variant(`"Action": "s3:*"`, `"Action": "s3:GetObject"`), "demo", false},
		{"Principal AWS *", variant(`"Principal": "*"`, `"Principal": {"AWS": "*"}`), "demo", true},
		{"Principal AWS list with *", variant(`"Principal": "*"`, `"Principal": {"AWS": ["*"]}`), "demo", true},
		{"Principal one account", variant(`"Principal": "*"`, `"Principal": {"AWS": "arn:aws:iam::123456789012:root"}`), "demo", false},
		{"value as list", variant(`"aws:SecureTransport": "false"`, `"aws:SecureTransport": ["false"]`), "demo", true},
		{"value as JSON boolean", variant(`"aws:SecureTransport": "false"`, `"aws:SecureTransport": false`), "demo", true},
		{"BoolIfExists", variant(`"Bool"`, `"BoolIfExists"`), "demo", true},
		{"condition on true denies TLS, not plain HTTP", variant(`"aws:SecureTransport": "false"`, `"aws:SecureTransport": "true"`), "demo", false},
		{"no condition", variant(`,
    "Condition": { "Bool": { "aws:SecureTransport": "false" } }`, ``), "demo", false},
		{"extra condition narrows the deny", variant(`"Bool": { "aws:SecureTransport": "false" }`, `"Bool": { "aws:SecureTransport": "false" }, "StringEquals": { "aws:username": "bob" }`), "demo", false},
		{"wildcard resource for bucket and objects", variant(`["arn:aws:s3:::demo", "arn:aws:s3:::demo/*"]`, `"arn:aws:s3:::demo*"`), "demo", true},
		{"resource *", variant(`["arn:aws:s3:::demo", "arn:aws:s3:::demo/*"]`, `"*"`), "demo", true},
		{"objects under one prefix only", variant(`"arn:aws:s3:::demo/*"`, `"arn:aws:s3:::demo/public/*"`), "demo", false},
		{"single-character wildcard does not cover all keys", variant(`"arn:aws:s3:::demo/*"`, `"arn:aws:s3:::demo/?"`), "demo", false},
		{"statement as an object", `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`, "demo", true},
		{"TLS deny in a later statement", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, "demo", true},
		{"China partition", strings.ReplaceAll(specPolicy, "arn:aws:", "arn:aws-cn:"), "demo", true},
		{"NotAction is not counted", variant(`"Action": "s3:*"`, `"NotAction": "s3:GetObject"`), "demo", false},
		{"not JSON", "not json", "demo", false},
		{"empty", "", "demo", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := PolicyEnforcesTLS(tc.policy, tc.bucket); got != tc.want {
				t.Errorf("PolicyEnforcesTLS(%s, %q) = %v, want %v", tc.policy, tc.bucket, got, tc.want)
			}
		})
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"a*c", "abbbc", true},
		{"a*c", "abbb", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"**", "x", true},
		{"abc", "abc", true},
		{"abc", "abcd", false},
	}
	for _, tc := range tests {
		if got := globMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}
