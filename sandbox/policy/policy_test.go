package policy

import (
	"errors"
	"testing"
)

const acct = "111122223333"

var (
	root  = Principal{Kind: IAM, ARN: "arn:aws:iam::" + acct + ":root", Account: acct, UserID: acct}
	admin = Principal{Kind: IAM, ARN: "arn:aws:iam::" + acct + ":user/admin", Account: acct, UserID: "AIDAJQABLZS4A3QDU576Q"}
	other = Principal{Kind: IAM, ARN: "arn:aws:iam::444455556666:user/eve", Account: "444455556666", UserID: "AIDAEXAMPLEEXAMPLE12"}
	anon  = Principal{Kind: Anonymous}
	logs  = Principal{Kind: Service, Service: "logging.s3.amazonaws.com"}
)

// req builds a request with the keys every HTTPS request of the sandbox has.
func req(p Principal, action, resource string, extra map[string][]string) Request {
	keys := map[string][]string{"aws:securetransport": {"true"}, "s3:tlsversion": {"1.3"}}
	for k, v := range extra {
		keys[k] = v
	}
	return Request{Principal: p, Action: action, Resource: resource, Keys: keys}
}

func plain(extra map[string][]string) map[string][]string {
	m := map[string][]string{"aws:securetransport": {"false"}, "s3:tlsversion": nil}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

const (
	tlsOnly = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",` +
		`"Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	publicRead = `{"Version":"2012-10-17","Statement":{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}}`
	obj        = "arn:aws:s3:::demo/k"
	bucketARN  = "arn:aws:s3:::demo"
)

// homeFolder allows each IAM user the objects under home/<their name>/.
var homeFolder = stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/home/${aws:username}/*"}`)

func stmt(body string) string { return `{"Version":"2012-10-17","Statement":[` + body + `]}` }

func TestEvaluate(t *testing.T) {
	denyUnencrypted := stmt(`{"Sid":"DenyIncorrectEncryptionHeader","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*",` +
		`"Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}},` +
		`{"Sid":"DenyUnEncryptedObjectUploads","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*",` +
		`"Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}`)
	kms := map[string][]string{"s3:x-amz-server-side-encryption": {"aws:kms"}}
	aes := map[string][]string{"s3:x-amz-server-side-encryption": {"AES256"}}
	tests := []struct {
		name   string
		policy string
		r      Request
		want   Decision
	}{
		{"TLS-only denies plain HTTP", tlsOnly, req(admin, "s3:GetObject", obj, plain(nil)), ExplicitDeny},
		{"TLS-only denies the bucket over HTTP", tlsOnly, req(root, "s3:ListBucket", bucketARN, plain(nil)), ExplicitDeny},
		{"TLS-only says nothing over HTTPS", tlsOnly, req(admin, "s3:GetObject", obj, nil), ImplicitDeny},
		{"TLS-only denies anonymous HTTP", tlsOnly, req(anon, "s3:GetObject", obj, plain(nil)), ExplicitDeny},
		{"Bool true variant denies HTTPS instead", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`),
			req(admin, "s3:GetObject", obj, nil), ExplicitDeny},
		{"objects-only resource leaves the bucket", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"Bool":{"aws:SecureTransport":false}}}`),
			req(admin, "s3:ListBucket", bucketARN, plain(nil)), ImplicitDeny},
		{"TLS version below 1.2 denied", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"NumericLessThan":{"s3:TlsVersion":"1.2"}}}`),
			req(admin, "s3:GetObject", obj, map[string][]string{"s3:tlsversion": {"1.1"}}), ExplicitDeny},
		{"TLS 1.3 passes the version statement", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"NumericLessThan":{"s3:TlsVersion":1.2}}}`),
			req(admin, "s3:GetObject", obj, nil), ImplicitDeny},
		{"NumericLessThan without the key (HTTP) does not deny", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"NumericLessThan":{"s3:TlsVersion":"1.2"}}}`),
			Request{Principal: admin, Action: "s3:GetObject", Resource: obj, Keys: map[string][]string{"aws:securetransport": {"false"}}}, ImplicitDeny},
		{"NumericGreaterThanEqualsIfExists without the key holds", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::demo","Condition":{"NumericGreaterThanEqualsIfExists":{"s3:max-keys":"100"}}}`),
			req(admin, "s3:ListBucket", bucketARN, nil), ExplicitDeny},
		{"NumericGreaterThanEquals with a small max-keys", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::demo","Condition":{"NumericGreaterThanEquals":{"s3:max-keys":"100"}}}`),
			req(admin, "s3:ListBucket", bucketARN, map[string][]string{"s3:max-keys": {"10"}}), ImplicitDeny},
		{"upload without the header: Null denies", denyUnencrypted, req(admin, "s3:PutObject", obj, nil), ExplicitDeny},
		{"upload with AES256: StringNotEquals denies", denyUnencrypted, req(admin, "s3:PutObject", obj, aes), ExplicitDeny},
		{"upload with aws:kms passes", denyUnencrypted, req(admin, "s3:PutObject", obj, kms), ImplicitDeny},
		{"GetObject is not PutObject", denyUnencrypted, req(admin, "s3:GetObject", obj, nil), ImplicitDeny},
		{"StringNotEqualsIfExists without the key holds nothing back", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"StringNotEqualsIfExists":{"s3:x-amz-server-side-encryption":"aws:kms"}}}`),
			req(admin, "s3:PutObject", obj, nil), ExplicitDeny},
		{"specific KMS key required, other key denied", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"StringNotLikeIfExists":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:us-east-1:111122223333:key/*"}}}`),
			req(admin, "s3:PutObject", obj, map[string][]string{"s3:x-amz-server-side-encryption-aws-kms-key-id": {"arn:aws:kms:eu-west-1:111122223333:key/x"}}), ExplicitDeny},
		{"specific KMS key required, that key passes", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"StringNotLikeIfExists":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:us-east-1:111122223333:key/*"}}}`),
			req(admin, "s3:PutObject", obj, map[string][]string{"s3:x-amz-server-side-encryption-aws-kms-key-id": {"arn:aws:kms:us-east-1:111122223333:key/x"}}), ImplicitDeny},
		{"explicit deny beats allow", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/admin"},"Action":"s3:Get*","Resource":"arn:aws:s3:::demo/*"}`),
			req(admin, "s3:GetObject", obj, nil), ExplicitDeny},
		{"the allow still serves others", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/admin"},"Action":"s3:Get*","Resource":"arn:aws:s3:::demo/*"}`),
			req(anon, "s3:GetObject", obj, nil), Allowed},
		{"public read allows anonymous", publicRead, req(anon, "s3:GetObject", obj, nil), Allowed},
		{"public read does not allow listing", publicRead, req(anon, "s3:ListBucket", bucketARN, nil), ImplicitDeny},
		{"public read does not allow writes", publicRead, req(anon, "s3:PutObject", obj, nil), ImplicitDeny},
		{"AWS * is everyone", stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), req(anon, "s3:GetObject", obj, nil), Allowed},
		{"an account names all its principals", stmt(`{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), req(admin, "s3:GetObject", obj, nil), ExplicitDeny},
		{"a root ARN names the account", stmt(`{"Effect":"Deny","Principal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), req(admin, "s3:GetObject", obj, nil), ExplicitDeny},
		{"an account does not name anonymous", stmt(`{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), req(anon, "s3:GetObject", obj, nil), ImplicitDeny},
		{"a user ARN does not name root", stmt(`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/admin"},"Action":"s3:*","Resource":"arn:aws:s3:::demo/*"}`), req(root, "s3:GetObject", obj, nil), ImplicitDeny},
		{"a unique id names the user", stmt(`{"Effect":"Deny","Principal":{"AWS":"AIDAJQABLZS4A3QDU576Q"},"Action":"s3:*","Resource":"arn:aws:s3:::demo/*"}`), req(admin, "s3:GetObject", obj, nil), ExplicitDeny},
		{"another account's principal", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:user/eve"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), req(other, "s3:GetObject", obj, nil), Allowed},
		{"NotPrincipal denies everyone else", stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"arn:aws:s3:::demo/*"}`), req(other, "s3:GetObject", obj, nil), ExplicitDeny},
		{"NotPrincipal spares the named", stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"arn:aws:s3:::demo/*"}`), req(admin, "s3:GetObject", obj, nil), ImplicitDeny},
		{"NotPrincipal reaches anonymous", stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"arn:aws:s3:::demo/*"}`), req(anon, "s3:GetObject", obj, nil), ExplicitDeny},
		{"NotAction", stmt(`{"Effect":"Deny","Principal":"*","NotAction":["s3:GetObject","s3:List*"],"Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"]}`), req(admin, "s3:PutObject", obj, nil), ExplicitDeny},
		{"NotAction spares the listed", stmt(`{"Effect":"Deny","Principal":"*","NotAction":["s3:GetObject","s3:List*"],"Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"]}`), req(admin, "s3:ListBucketVersions", bucketARN, nil), ImplicitDeny},
		{"actions are case-insensitive", stmt(`{"Effect":"Deny","Principal":"*","Action":"S3:getobject","Resource":"arn:aws:s3:::demo/*"}`), req(admin, "s3:GetObject", obj, nil), ExplicitDeny},
		{"? matches one character", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:GetObjec?","Resource":"arn:aws:s3:::demo/?"}`), req(admin, "s3:GetObject", obj, nil), ExplicitDeny},
		{"resources are case-sensitive", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/K"}`), req(admin, "s3:GetObject", obj, nil), ImplicitDeny},
		{"NotResource", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::demo/public/*"}`), req(admin, "s3:GetObject", obj, nil), ExplicitDeny},
		{"NotResource spares the listed", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::demo/public/*"}`), req(admin, "s3:GetObject", "arn:aws:s3:::demo/public/a", nil), ImplicitDeny},
		{"service principal allowed", stmt(`{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"},"ArnLike":{"aws:SourceArn":"arn:aws:s3:::src*"}}}`),
			req(logs, "s3:PutObject", obj, map[string][]string{"aws:sourceaccount": {acct}, "aws:sourcearn": {"arn:aws:s3:::src"}}), Allowed},
		{"service principal, other source account", stmt(`{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}`),
			req(logs, "s3:PutObject", obj, map[string][]string{"aws:sourceaccount": {"444455556666"}}), ImplicitDeny},
		{"service principal does not name users", stmt(`{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*"}`),
			req(admin, "s3:PutObject", obj, nil), ImplicitDeny},
		{"ArnLike does not cross colons", stmt(`{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:*"}}}`),
			req(logs, "s3:PutObject", obj, map[string][]string{"aws:sourcearn": {"arn:aws:s3:::src"}}), ImplicitDeny},
		{"PrincipalArn StringLike", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*"}}}`),
			req(admin, "s3:GetObject", obj, map[string][]string{"aws:principalarn": {admin.ARN}}), ExplicitDeny},
		{"PrincipalArn StringNotLike exempts root", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"StringNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}`),
			req(root, "s3:GetObject", obj, map[string][]string{"aws:principalarn": {root.ARN}}), ImplicitDeny},
		{"StringNotLike on a missing key holds (anonymous has no PrincipalArn)", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"StringNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}`),
			req(anon, "s3:GetObject", obj, nil), ExplicitDeny},
		{"StringEquals with several values is OR", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"StringEquals":{"s3:x-amz-server-side-encryption":["AES256","aws:kms:dsse"]}}}`),
			req(admin, "s3:PutObject", obj, aes), ExplicitDeny},
		{"two operators are AND", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"Bool":{"aws:SecureTransport":"false"},"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/admin"}}}`),
			req(root, "s3:GetObject", obj, plain(map[string][]string{"aws:principalarn": {root.ARN}})), ImplicitDeny},
		{"StringEqualsIgnoreCase", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/*","Condition":{"StringEqualsIgnoreCase":{"s3:x-amz-server-side-encryption":"aes256"}}}`),
			req(admin, "s3:PutObject", obj, aes), ExplicitDeny},
		{"IpAddress", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`),
			req(admin, "s3:GetObject", obj, map[string][]string{"aws:sourceip": {"127.0.0.1"}}), ExplicitDeny},
		{"ForAnyValue on an absent key is false", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"ForAnyValue:StringEquals":{"s3:x-amz-acl":"public-read"}}}`),
			req(admin, "s3:PutObject", obj, nil), ImplicitDeny},
		{"ForAllValues on an absent key is true", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"ForAllValues:StringEquals":{"s3:x-amz-acl":"private"}}}`),
			req(admin, "s3:PutObject", obj, nil), ExplicitDeny},
		{"condition keys are case-insensitive", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"bool":{"AWS:SECURETRANSPORT":"FALSE"}}}`),
			req(admin, "s3:GetObject", obj, plain(nil)), ExplicitDeny},
		{"an absent-in-sandbox key evaluates as missing", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}`),
			req(admin, "s3:GetObject", obj, nil), ExplicitDeny},
		{"a single statement object", publicRead, req(anon, "s3:GetObject", obj, plain(nil)), Allowed},
		{"DateGreaterThan on aws:CurrentTime", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}}`),
			req(admin, "s3:GetObject", obj, map[string][]string{"aws:currenttime": {"2026-11-20T09:30:00Z"}}), ExplicitDeny},
		{"DateLessThan a plain date", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"DateLessThan":{"aws:CurrentTime":"2026-01-01"}}}`),
			req(admin, "s3:GetObject", obj, map[string][]string{"aws:currenttime": {"2026-11-20T09:30:00Z"}}), ImplicitDeny},
		{"DateLessThanEquals on aws:EpochTime", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"DateLessThanEquals":{"aws:EpochTime":1767225600}}}`),
			req(admin, "s3:GetObject", obj, map[string][]string{"aws:epochtime": {"1767225600"}}), ExplicitDeny},
		{"DateNotEquals with an unparsable value", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"DateNotEquals":{"aws:CurrentTime":"soon"}}}`),
			req(admin, "s3:GetObject", obj, map[string][]string{"aws:currenttime": {"2026-11-20T09:30:00Z"}}), ExplicitDeny},
		{"home folder: own prefix allowed", homeFolder, req(admin, "s3:GetObject", "arn:aws:s3:::demo/home/admin/a", map[string][]string{"aws:username": {"admin"}}), Allowed},
		{"home folder: another user's prefix", homeFolder, req(admin, "s3:GetObject", "arn:aws:s3:::demo/home/bob/a", map[string][]string{"aws:username": {"admin"}}), ImplicitDeny},
		{"home folder: root has no aws:username", homeFolder, req(root, "s3:GetObject", "arn:aws:s3:::demo/home/admin/a", nil), ImplicitDeny},
		{"home folder: the default value", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/home/${aws:username, 'shared'}/*"}`),
			req(anon, "s3:GetObject", "arn:aws:s3:::demo/home/shared/a", nil), Allowed},
		{"listing limited to the own prefix", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::demo","Condition":{"StringNotLike":{"s3:prefix":["home/${aws:username}/*","${$}literal"]}}}`),
			req(admin, "s3:ListBucket", bucketARN, map[string][]string{"aws:username": {"admin"}, "s3:prefix": {"home/bob/"}}), ExplicitDeny},
		{"listing the own prefix", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::demo","Condition":{"StringNotLike":{"s3:prefix":["home/${aws:username}/*","${$}literal"]}}}`),
			req(admin, "s3:ListBucket", bucketARN, map[string][]string{"aws:username": {"admin"}, "s3:prefix": {"home/admin/x"}}), ImplicitDeny},
		{"${$} is a dollar", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::demo","Condition":{"StringEquals":{"s3:prefix":"${$}literal"}}}`),
			req(admin, "s3:ListBucket", bucketARN, map[string][]string{"s3:prefix": {"$literal"}}), ExplicitDeny},
		{"a request value never widens a pattern", homeFolder, req(admin, "s3:GetObject", "arn:aws:s3:::demo/home/bob/a", map[string][]string{"aws:username": {"*"}}), ImplicitDeny},
		{"2008 version keeps ${ literal", `{"Version":"2008-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/${x}"}]}`,
			req(admin, "s3:GetObject", "arn:aws:s3:::demo/${x}", nil), ExplicitDeny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse([]byte(tc.policy))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := p.Evaluate(tc.r)
			if got.Decision != tc.want {
				t.Fatalf("Evaluate = %v, want %v", got.Decision, tc.want)
			}
			if (got.Statement == nil) != (tc.want == ImplicitDeny) {
				t.Fatalf("deciding statement %v for %v", got.Statement, got.Decision)
			}
		})
	}
}

func TestEvaluateNilPolicy(t *testing.T) {
	var p *Policy
	if got := p.Evaluate(req(anon, "s3:GetObject", obj, nil)); got.Decision != ImplicitDeny {
		t.Fatalf("no policy: %v", got.Decision)
	}
}

func TestDecidingStatementIsTheDeny(t *testing.T) {
	p, err := Parse([]byte(stmt(`{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*"},{"Sid":"D","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*"}`)))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Evaluate(req(admin, "s3:GetObject", obj, nil)); got.Decision != ExplicitDeny || got.Statement.Sid != "D" {
		t.Fatalf("got %v by %+v", got.Decision, got.Statement)
	}
}

func TestParseRefusals(t *testing.T) {
	tests := []struct {
		name, policy string
		unsupported  bool
	}{
		{"not JSON", `nope`, false},
		{"trailing data", `{"Statement":[]} {}`, false},
		{"no Statement", `{}`, false},
		{"empty Statement", `{"Statement":[]}`, false},
		{"bad version", `{"Version":"2020-01-01","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}}`, false},
		{"unknown element", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*","Extra":1}`), false},
		{"effect case", stmt(`{"Effect":"allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), false},
		{"no principal", stmt(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), false},
		{"both Principal and NotPrincipal", stmt(`{"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), false},
		{"principal string other than *", stmt(`{"Effect":"Allow","Principal":"111122223333","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), false},
		{"principal wildcard ARN", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), false},
		{"principal type unknown", stmt(`{"Effect":"Allow","Principal":{"Robot":"r2d2"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}`), false},
		{"both Action and NotAction", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"arn:aws:s3:::demo/*"}`), false},
		{"no resource", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}`), false},
		{"unknown operator", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"StringSortOf":{"s3:prefix":"a"}}}`), false},
		{"NullIfExists", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"NullIfExists":{"s3:prefix":"true"}}}`), false},
		{"condition value object", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"StringEquals":{"s3:prefix":{"a":1}}}}`), false},
		{"set-qualified Null (AWS's validator accepts it)", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"ForAnyValue:Null":{"s3:prefix":"true"}}}`), true},
		{"BinaryEquals (AWS accepts)", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"BinaryEquals":{"s3:prefix":"QUJD"}}}`), true},
		{"key the sandbox does not supply", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"StringEquals":{"s3:ExistingObjectTag/class":"secret"}}}`), true},
		{"${*} literal wildcard", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/${*}/*"}`), true},
		{"variable of a key the sandbox does not supply", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/${aws:PrincipalTag/team}/*"}`), true},
		{"unterminated variable", stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"StringNotLike":{"s3:prefix":"${aws:username/*"}}}`), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.policy))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse accepted it (err %v)", err)
			}
			if pe.Unsupported != tc.unsupported {
				t.Fatalf("Unsupported = %v, want %v (%v)", pe.Unsupported, tc.unsupported, pe)
			}
		})
	}
}
