package bucketconfig

import (
	"net/http"
	"strings"
	"testing"
)

// mp is the expected MalformedPolicy answer with message.
func mp(message string) *wantErr {
	return &wantErr{http.StatusBadRequest, "MalformedPolicy", message}
}

// stmt builds a one-statement policy for bucket demo from statement members.
func stmt(members string) string {
	return `{"Version":"2012-10-17","Statement":[{` + members + `}]}`
}

const (
	allowAll  = `"Effect":"Allow","Principal":"*"`
	objects   = `"Resource":"arn:aws:s3:::demo/*"`
	bucketArn = `"Resource":"arn:aws:s3:::demo"`
)

func TestNormalisePolicyRefusals(t *testing.T) {
	tests := []struct {
		name string
		body string
		want *wantErr
	}{
		{"empty body", ``, mp("Policies must be valid JSON and the first byte must be '{'")},
		{"plain text", `allow everything`, mp("Policies must be valid JSON and the first byte must be '{'")},
		{"array", `[{"Statement":[]}]`, mp("Policies must be valid JSON and the first byte must be '{'")},
		{"leading whitespace", ` {"Statement":[]}`, mp("Policies must be valid JSON and the first byte must be '{'")},
		{"broken json", `{"Statement":[`, mp("This policy contains invalid Json")},
		{"trailing garbage", `{"Statement":[]} x`, mp("This policy contains invalid Json")},
		{"nested too deeply", `{"Statement":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`, mp("This policy contains invalid Json")},
		{"empty object", `{}`, mp("Missing required field Statement")},
		{"empty statement list", `{"Version":"2012-10-17","Statement":[]}`, mp("Could not parse the policy: Statement is empty!")},
		{"statement not a list", `{"Statement":"x"}`, mp("This policy contains invalid Json")},
		{"bad version", `{"Version":"2020-01-01","Statement":[{` + allowAll + `,"Action":"s3:GetObject",` + objects + `}]}`, mp("The policy must contain a valid version string")},
		{"unknown top-level field", `{"Statement":[{` + allowAll + `,"Action":"s3:GetObject",` + objects + `}],"Extra":1}`, mp("Unknown field Extra")},
		{"unknown statement field", stmt(allowAll + `,"Action":"s3:GetObject",` + objects + `,"Actions":"s3:GetObject"`), mp("Unknown field Actions")},
		{"missing effect", stmt(`"Principal":"*","Action":"s3:GetObject",` + objects), mp("Missing required field Effect")},
		{"effect wrong case", stmt(`"Effect":"allow","Principal":"*","Action":"s3:GetObject",` + objects), mp("Invalid effect: allow")},
		{"effect not a string", stmt(`"Effect":true,"Principal":"*","Action":"s3:GetObject",` + objects), mp("Invalid effect: true")},
		{"missing principal", stmt(`"Effect":"Allow","Action":"s3:GetObject",` + objects), mp("Missing required field Principal")},
		{"principal arn as string", stmt(`"Effect":"Allow","Principal":"arn:aws:iam::111122223333:root","Action":"s3:GetObject",` + objects), mp("Invalid principal in policy")},
		{"principal bad format", stmt(`"Effect":"Allow","Principal":{"AWS":"alice"},"Action":"s3:GetObject",` + objects), mp("Invalid principal in policy")},
		{"principal partial wildcard", stmt(`"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"s3:GetObject",` + objects), mp("Invalid principal in policy")},
		{"principal unknown type", stmt(`"Effect":"Allow","Principal":{"User":"x"},"Action":"s3:GetObject",` + objects), mp("Invalid principal in policy")},
		{"principal empty list", stmt(`"Effect":"Allow","Principal":{"AWS":[]},"Action":"s3:GetObject",` + objects), mp("Invalid principal in policy")},
		{"principal and notprincipal", stmt(`"Effect":"Deny","Principal":"*","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:GetObject",` + objects), mp("Invalid principal in policy")},
		{"missing action", stmt(allowAll + `,` + objects), mp("Missing required field Action")},
		{"unknown s3 action", stmt(allowAll + `,"Action":"s3:GetObjekt",` + objects), mp("Policy has invalid action")},
		{"other service action", stmt(allowAll + `,"Action":"iam:PassRole",` + objects), mp("Policy has invalid action")},
		{"wildcard matching nothing", stmt(allowAll + `,"Action":"s3:Frobnicate*",` + objects), mp("Policy has invalid action")},
		{"empty action list", stmt(allowAll + `,"Action":[],` + objects), mp("Policy has invalid action")},
		{"missing resource", stmt(allowAll + `,"Action":"s3:GetObject"`), mp("Missing required field Resource")},
		{"resource star", stmt(allowAll + `,"Action":"s3:GetObject","Resource":"*"`), mp("Policy has invalid resource")},
		{"resource other bucket", stmt(allowAll + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"`), mp("Policy has invalid resource")},
		{"resource bucket name prefix", stmt(allowAll + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo2/*"`), mp("Policy has invalid resource")},
		{"resource all buckets", stmt(allowAll + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::*/*"`), mp("Policy has invalid resource")},
		{"one bad resource in list", stmt(allowAll + `,"Action":"s3:GetObject","Resource":["arn:aws:s3:::demo/*","arn:aws:s3:::x/*"]`), mp("Policy has invalid resource")},
		{"ListBucket on objects", stmt(allowAll + `,"Action":"s3:ListBucket",` + objects), mp("Action does not apply to any resource(s) in statement")},
		{"PutObject on bucket", stmt(allowAll + `,"Action":"s3:PutObject",` + bucketArn), mp("Action does not apply to any resource(s) in statement")},
		{"account action", stmt(allowAll + `,"Action":"s3:ListAllMyBuckets",` + bucketArn), mp("Action does not apply to any resource(s) in statement")},
		{"one mismatched action in list", stmt(allowAll + `,"Action":["s3:GetObject","s3:ListBucket"],` + objects), mp("Action does not apply to any resource(s) in statement")},
		{"unknown condition key", stmt(allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"StringEquals":{"s3:colour":"blue"}}`), mp("Policy has an invalid condition key")},
		{"other service condition key", stmt(allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"StringEquals":{"kms:ViaService":"s3"}}`), mp("Policy has an invalid condition key")},
		{"unknown operator", stmt(allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"StringEqualz":{"aws:SourceAccount":"111122223333"}}`), mp("Invalid Condition type : StringEqualz")},
		{"bad source ip", stmt(allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.300/8"}}`), mp("Invalid IP address in Conditions")},
		{"condition not an object", stmt(allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":["x"]`), mp("This policy contains invalid Json")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := NormalisePolicy([]byte(tt.body), "demo")
			checkErr(t, err, tt.want)
		})
	}
}

func TestNormalisePolicySizeLimitAppliesAfterNormalisation(t *testing.T) {
	// Lots of whitespace: far over 20 KB as sent, small once normalised.
	padded := strings.ReplaceAll(stmt(allowAll+`,"Action":"s3:GetObject",`+objects), ",", ","+strings.Repeat(" ", 8000))
	if len(padded) <= maxPolicyBytes {
		t.Fatalf("test document too small: %d", len(padded))
	}
	_, _, err := NormalisePolicy([]byte(padded), "demo")
	checkErr(t, err, nil)

	// Many distinct object resources: over the limit even when compact.
	var res []string
	for i := 0; len(strings.Join(res, ",")) < maxPolicyBytes; i++ {
		res = append(res, `"arn:aws:s3:::demo/prefix-`+strings.Repeat("x", 40)+string(rune('a'+i%26))+`/*"`)
	}
	big := stmt(allowAll + `,"Action":"s3:GetObject","Resource":[` + strings.Join(res, ",") + `]`)
	_, _, err = NormalisePolicy([]byte(big), "demo")
	checkErr(t, err, mp("Normalized policy document exceeds the maximum allowed size of 20480 bytes"))
}

func TestNormalisePolicyReserialises(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"whitespace and member order",
			"{\n  \"Statement\": [ {\n    \"Resource\": \"arn:aws:s3:::demo/*\",\n    \"Action\": [\"s3:GetObject\"],\n    \"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:user/alice\"]},\n    \"Effect\": \"Allow\",\n    \"Sid\": \"Read\"\n  } ],\n  \"Id\": \"P1\",\n  \"Version\": \"2012-10-17\"\n}\n",
			`{"Version":"2012-10-17","Id":"P1","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/alice"]},"Action":["s3:GetObject"],"Resource":"arn:aws:s3:::demo/*"}]}`},
		{"missing version recorded as 2008-10-17, single statement object kept",
			`{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::demo/*"}}`,
			`{"Version":"2008-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::demo/*"}}`},
		{"account id becomes root arn",
			stmt(`"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:ListBucket",` + bucketArn),
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::demo"}]}`},
		{"not-members, service principal, condition order kept, html not escaped",
			stmt(`"Condition":{"StringLike":{"aws:Referer":"https://a.example/<x>&y"},"Bool":{"aws:SecureTransport":false}},"NotResource":"arn:aws:s3:::demo/private/*","NotAction":"s3:Delete*","Principal":{"Service":"logging.s3.amazonaws.com"},"Effect":"Allow"`),
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"NotAction":"s3:Delete*","NotResource":"arn:aws:s3:::demo/private/*","Condition":{"StringLike":{"aws:Referer":"https://a.example/<x>&y"},"Bool":{"aws:SecureTransport":false}}}]}`},
		{"duplicate member keeps the last value",
			stmt(`"Effect":"Deny","Effect":"Allow","Principal":{"CanonicalUser":"` + strings.Repeat("ab", 32) + `"},"Action":"s3:GetObject",` + objects),
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"CanonicalUser":"` + strings.Repeat("ab", 32) + `"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := NormalisePolicy([]byte(tt.in), "demo")
			checkErr(t, err, nil)
			if string(got) != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
			again, _, err := NormalisePolicy(got, "demo")
			checkErr(t, err, nil)
			if string(again) != string(got) {
				t.Fatalf("not idempotent: %s", again)
			}
		})
	}
}

// tlsOnlyPolicy is the policy of S3-BEHAVIOR.md 6.2.
const tlsOnlyPolicy = `{
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

func TestTLSOnlyPolicyIsAcceptedAndNotPublic(t *testing.T) {
	got, public, err := NormalisePolicy([]byte(tlsOnlyPolicy), "demo")
	checkErr(t, err, nil)
	if public {
		t.Fatal("a deny-only policy is not public")
	}
	want := `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestDenyUnencryptedUploadsPolicyIsAccepted(t *testing.T) {
	policy := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"DenyIncorrectEncryptionHeader","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}},` +
		`{"Sid":"DenyUnEncryptedObjectUploads","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}},` +
		`{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"ArnNotEqualsIfExists":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:us-east-1:111122223333:key/k"}}},` +
		`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"NumericLessThan":{"s3:TlsVersion":"1.2"}}}]}`
	_, public, err := NormalisePolicy([]byte(policy), "demo")
	checkErr(t, err, nil)
	if public {
		t.Fatal("deny statements are not public")
	}
}

func TestNormalisePolicyAcceptsWildcardsAndCaseInsensitiveActions(t *testing.T) {
	for _, s := range []string{
		allowAll + `,"Action":"s3:*",` + bucketArn,
		allowAll + `,"Action":"*",` + objects,
		allowAll + `,"Action":"s3:Get*",` + bucketArn,
		allowAll + `,"Action":"s3:get*",` + objects,
		allowAll + `,"Action":"S3:GetObject",` + objects,
		allowAll + `,"Action":"s3:?etObject",` + objects,
		allowAll + `,"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"]`,
	} {
		_, _, err := NormalisePolicy([]byte(stmt(s)), "demo")
		checkErr(t, err, nil)
	}
}

func TestPolicyPublicness(t *testing.T) {
	tests := []struct {
		name   string
		stmt   string
		public bool
	}{
		{"allow star read", allowAll + `,"Action":"s3:GetObject",` + objects, true},
		{"allow AWS star", `"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject",` + objects, true},
		{"allow AWS star in list", `"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:PutObject",` + objects, true},
		{"allow star everything", allowAll + `,"Action":"s3:*",` + objects, true},
		{"allow via NotPrincipal", `"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject",` + objects, true},
		{"allow star NotAction", allowAll + `,"NotAction":"s3:DeleteObject",` + objects, true},
		{"deny star", `"Effect":"Deny","Principal":"*","Action":"s3:GetObject",` + objects, false},
		{"allow named account", `"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject",` + objects, false},
		{"allow service", `"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject",` + objects, false},
		{"allow star without bad action", allowAll + `,"Action":"s3:ReplicateObject",` + objects, false},
		{"source ip", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:db8::/48"]}}`, false},
		{"source ip everything", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, true},
		{"source ip half the internet", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/1"}}`, true},
		{"source vpce", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}`, false},
		{"source account", allowAll + `,"Action":"s3:PutObject",` + objects + `,"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}`, false},
		{"source arn", allowAll + `,"Action":"s3:PutObject",` + objects + `,"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::src"}}`, false},
		{"org id case-insensitive key", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"stringequals":{"AWS:PrincipalOrgID":"o-abc123"}}`, false},
		{"principal account", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}`, false},
		{"negated condition", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"StringNotEquals":{"aws:SourceAccount":"111122223333"}}`, true},
		{"if exists", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}`, true},
		{"wildcard value", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"StringLike":{"aws:SourceVpc":"vpc-*"}}`, true},
		{"policy variable", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"StringEquals":{"aws:SourceAccount":"${aws:PrincipalAccount}"}}`, true},
		{"non-restricting key", allowAll + `,"Action":"s3:GetObject",` + objects + `,"Condition":{"Bool":{"aws:SecureTransport":"true"}}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, public, err := NormalisePolicy([]byte(stmt(tt.stmt)), "demo")
			checkErr(t, err, nil)
			if public != tt.public {
				t.Fatalf("public = %v, want %v", public, tt.public)
			}
		})
	}
	// One public statement makes the whole policy public.
	policy := `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*",` + objects + `},{` + allowAll + `,"Action":"s3:GetObject",` + objects + `}]}`
	if _, public, err := NormalisePolicy([]byte(policy), "demo"); err != nil || !public {
		t.Fatalf("public = %v, err = %v", public, err)
	}
}
