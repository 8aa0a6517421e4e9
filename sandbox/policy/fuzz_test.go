package policy

import (
	"errors"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// FuzzParse: Parse never panics, refuses with a *Error, and whatever it
// accepts evaluates without panicking for every kind of principal.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{tlsOnly, publicRead, `{}`, `{"Statement":{}}`, `[]`,
		stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":["111122223333","AIDAJQABLZS4A3QDU576Q"],"Service":"logging.s3.amazonaws.com"},"NotAction":"s3:Get*","NotResource":"arn:aws:s3:::demo/?","Condition":{"ForAllValues:StringNotLikeIfExists":{"s3:x-amz-acl":["a*",1,true]},"Null":{"s3:prefix":false},"NotIpAddress":{"aws:SourceIp":"::1/128"},"ArnNotLike":{"aws:SourceArn":"arn:*:s3:::x"}}}`)} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := Parse(raw)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || p != nil {
				t.Fatalf("Parse error %T %v with policy %v", err, err, p)
			}
			return
		}
		if len(p.Statements) == 0 {
			t.Fatal("accepted a policy without statements")
		}
		for _, pr := range []Principal{root, admin, other, anon, logs} {
			for _, keys := range []map[string][]string{nil, plain(map[string][]string{"aws:sourceip": {"::1"}, "s3:x-amz-acl": {"a", "b"}})} {
				got := p.Evaluate(Request{Principal: pr, Action: "s3:GetObject", Resource: obj, Keys: keys})
				if got.Decision != ImplicitDeny && got.Statement == nil {
					t.Fatalf("%v without a statement", got.Decision)
				}
			}
		}
	})
}

// FuzzParseAfterValidation: whatever the validator (bucketconfig, AWS's
// rules) accepts, Parse evaluates or refuses as unsupported, never as
// malformed: the sandbox must not answer MalformedPolicy for a policy AWS
// would store.
func FuzzParseAfterValidation(f *testing.F) {
	for _, seed := range []string{tlsOnly, publicRead,
		stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":["111122223333"]},"Action":"s3:Get*","Resource":"arn:aws:s3:::demo/*","Condition":{"ForAnyValue:StringLike":{"s3:x-amz-acl":"a*"},"NumericLessThanIfExists":{"s3:TlsVersion":1.2}}}`),
		stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/home/${aws:username, 'x'}/${$}*","Condition":{"StringLike":{"s3:prefix":"${aws:userid}/${s3:prefix}"}}}`),
		stmt(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo/*","Condition":{"ForAnyValue:Null":{"s3:prefix":"true"},"StringEquals":{"s3:prefix":[]}}}`),
		stmt(`{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com","CanonicalUser":"` + strings.Repeat("ab", 32) + `"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::demo/logs/*","Condition":{"DateLessThan":{"aws:CurrentTime":"2027-01-01"}}}`),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		normalised, _, verr := bucketconfig.NormalisePolicy(raw, "demo")
		if verr != nil {
			return
		}
		_, err := Parse(normalised)
		var pe *Error
		if err != nil && (!errors.As(err, &pe) || !pe.Unsupported) {
			t.Fatalf("validated policy refused as malformed: %v\n%s", err, normalised)
		}
	})
}
