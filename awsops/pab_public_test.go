package awsops

import (
	"strings"
	"testing"
)

func TestPublicStatements(t *testing.T) {
	pol := func(stmts ...string) string {
		return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
	}
	allow := func(principal, cond string) string {
		s := `{"Sid":"S","Effect":"Allow","Principal":` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`
		if cond != "" {
			s += `,"Condition":` + cond
		}
		return s + "}"
	}
	tests := []struct {
		name, policy string
		public       bool
		why          string
	}{
		{"Principal * without condition", pol(allow(`"*"`, "")), true, `allows everyone (Principal "*")`},
		{"AWS * without condition", pol(allow(`{"AWS":["*"]}`, "")), true, "anonymous callers included"},
		{"single statement object", `{"Statement":` + allow(`"*"`, "") + `}`, true, "no condition limits it"},
		{"NotPrincipal Allow", pol(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}`), true, "except the NotPrincipal list"},
		{"a Deny is never public", pol(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`), false, ""},
		{"a named account is not public", pol(allow(`{"AWS":"arn:aws:iam::111122223333:root"}`, "")), false, ""},
		{"a service principal is not public", pol(allow(`{"Service":"logging.s3.amazonaws.com"}`, "")), false, ""},
		{"fixed source IP", pol(allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}`)), false, ""},
		{"IP range too wide", pol(allow(`"*"`, `{"IpAddress":{"aws:SourceIp":"0.0.0.0/1"}}`)), true, "its condition does not limit it"},
		{"fixed source account", pol(allow(`"*"`, `{"StringEquals":{"aws:SourceAccount":"111122223333"}}`)), false, ""},
		{"organisation", pol(allow(`"*"`, `{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}`)), false, ""},
		{"wildcard value", pol(allow(`"*"`, `{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}`)), true, "its condition"},
		{"IfExists does not restrict", pol(allow(`"*"`, `{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}`)), true, ""},
		{"negated does not restrict", pol(allow(`"*"`, `{"StringNotEquals":{"aws:SourceAccount":"111122223333"}}`)), true, ""},
		{"TLS condition does not restrict", pol(allow(`"*"`, `{"Bool":{"aws:SecureTransport":"true"}}`)), true, ""},
		{"not JSON", "nope", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := PublicStatements(tc.policy)
			if (len(got) > 0) != tc.public {
				t.Fatalf("PublicStatements = %+v, want public=%v", got, tc.public)
			}
			if tc.public && !strings.Contains(got[0].Why, tc.why) {
				t.Fatalf("why %q does not say %q", got[0].Why, tc.why)
			}
		})
	}
}

func TestPublicStatementsNamesEachOne(t *testing.T) {
	got := PublicStatements(`{"Statement":[{"Sid":"Keep","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"},` +
		`{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]},` +
		`{"Effect":"Allow","Principal":"*","NotAction":"s3:Delete*","Resource":"arn:aws:s3:::b/*"}]}`)
	if len(got) != 2 || got[0].Name != `statement "PublicRead"` || got[0].Index != 1 || got[0].Actions != "s3:GetObject, s3:ListBucket" ||
		got[1].Name != "statement 3" || got[1].Actions != "everything except s3:Delete*" {
		t.Fatalf("got %+v", got)
	}
}

func TestPolicyPublicFinding(t *testing.T) {
	public := `{"Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::web/*"}]}`
	off := &PublicAccessBlock{Configured: true, BlockPublicAcls: true, IgnorePublicAcls: true}
	got := Analyse([]BucketState{{Name: "web", Policy: &Policy{Present: true, JSON: public}, PublicAccessBlock: off}})
	var ids []string
	for _, f := range got {
		if f.ID == "tls-not-enforced" {
			continue // not this test's concern
		}
		ids = append(ids, f.ID)
		if f.ID == "policy-public" {
			if f.Severity != SeverityHigh || !strings.Contains(f.Message, `statement "PublicRead" grants s3:GetObject: it allows everyone`) || !strings.Contains(f.Remedy, "RestrictPublicBuckets=true") {
				t.Errorf("policy-public: %+v", f)
			}
		}
	}
	if strings.Join(ids, ",") != "policy-public,public-access-block-off" {
		t.Fatalf("findings %v", ids)
	}
	// RestrictPublicBuckets on: the public statement does not take effect.
	off.RestrictPublicBuckets = true
	for _, f := range Analyse([]BucketState{{Name: "web", Policy: &Policy{Present: true, JSON: public}, PublicAccessBlock: off}}) {
		if f.ID == "policy-public" {
			t.Fatalf("policy-public with RestrictPublicBuckets on: %+v", f)
		}
	}
}

func TestBlockPublicPolicyRefusal(t *testing.T) {
	public := `{"Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::web/*"}]}`
	private := `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::web/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	on := BucketState{Name: "web", PublicAccessBlock: &AllPublicAccessBlocked}
	if got := BlockPublicPolicyRefusal(on, public); !strings.Contains(got, `statement "PublicRead" grants s3:GetObject`) ||
		!strings.Contains(got, "BlockPublicPolicy is on for web") {
		t.Fatalf("refusal %q", got)
	}
	if got := BlockPublicPolicyRefusal(on, private); got != "" {
		t.Fatalf("a private policy refused: %q", got)
	}
	off := BucketState{Name: "web", PublicAccessBlock: &PublicAccessBlock{Configured: true, RestrictPublicBuckets: true}}
	if got := BlockPublicPolicyRefusal(off, public); got != "" {
		t.Fatalf("BlockPublicPolicy off: %q", got)
	}
	if got := BlockPublicPolicyRefusal(BucketState{Name: "web"}, public); got != "" {
		t.Fatalf("settings not read: %q", got)
	}
}
