package awsops

import (
	"strings"
	"testing"
)

func TestLockoutLint(t *testing.T) {
	const alice = "arn:aws:iam::111122223333:user/alice"
	const session = "arn:aws:sts::111122223333:assumed-role/Admin/alice"
	tlsOnly, _ := UpsertStatement("", TLSOnlyStatement("demo"))
	deny := func(principal any, action any, cond map[string]map[string]any) string {
		p, _ := UpsertStatement("", Statement{Sid: "D", Effect: "Deny", Principal: principal, Action: action, Resource: []string{bucketARN("demo"), objectsARN("demo")}, Condition: cond})
		return p
	}
	tests := []struct {
		name      string
		policy    string
		caller    LockoutCaller
		denied    []string // expected Actions of the first warning; nil: no warning
		deniesAll bool
	}{
		{"TLS-only policy, caller on HTTPS", tlsOnly, LockoutCaller{ARN: alice, OverTLS: true}, nil, false},
		{"TLS-only policy, caller on plain HTTP (sandbox)", tlsOnly, LockoutCaller{ARN: alice}, policyManagementActions, true},
		{"deny everyone everything", deny("*", "s3:*", nil), LockoutCaller{ARN: alice, OverTLS: true}, policyManagementActions, true},
		{"deny the caller PutBucketPolicy", deny(map[string]any{"AWS": alice}, "s3:PutBucketPolicy", nil), LockoutCaller{ARN: alice, OverTLS: true}, []string{"s3:PutBucketPolicy"}, false},
		{"deny the caller's account *Policy", deny(map[string]any{"AWS": "111122223333"}, "s3:*BucketPolicy", nil), LockoutCaller{ARN: alice, OverTLS: true}, policyManagementActions, false},
		{"deny the role behind the session", deny(map[string]any{"AWS": "arn:aws:iam::111122223333:role/Admin"}, "s3:DeleteBucketPolicy", nil), LockoutCaller{ARN: session, OverTLS: true}, []string{"s3:DeleteBucketPolicy"}, false},
		{"deny someone else", deny(map[string]any{"AWS": "arn:aws:iam::444455556666:root"}, "s3:*", nil), LockoutCaller{ARN: alice, OverTLS: true}, nil, false},
		{"deny object reads only", deny("*", "s3:GetObject", nil), LockoutCaller{ARN: alice, OverTLS: true}, nil, false},
		{"a statement without Action denies nothing", deny("*", nil, nil), LockoutCaller{ARN: alice, OverTLS: true}, nil, false},
		{"NotPrincipal that exempts the caller", `{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"` + alice + `"},"Action":"s3:*","Resource":"arn:aws:s3:::demo"}]}`, LockoutCaller{ARN: alice, OverTLS: true}, nil, false},
		{"NotPrincipal that does not", `{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"s3:*","Resource":"arn:aws:s3:::demo"}]}`, LockoutCaller{ARN: alice, OverTLS: true}, policyManagementActions, false},
		{"NotAction that spares GetObject only", `{"Statement":[{"Effect":"Deny","Principal":{"AWS":"` + alice + `"},"NotAction":"s3:GetObject","Resource":"arn:aws:s3:::demo"}]}`, LockoutCaller{ARN: alice, OverTLS: true}, policyManagementActions, false},
		{"other condition not judged", deny("*", "s3:*", map[string]map[string]any{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}), LockoutCaller{ARN: alice, OverTLS: true}, nil, false},
		{"Allow never locks out", strings.Replace(deny("*", "s3:*", nil), `"Deny"`, `"Allow"`, 1), LockoutCaller{ARN: alice}, nil, false},
		{"not JSON", "{", LockoutCaller{ARN: alice}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := LockoutLint(tc.policy, "demo", tc.caller)
			if tc.denied == nil {
				if len(got) != 0 {
					t.Fatalf("unexpected warnings: %+v", got)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("no warning for %s", tc.policy)
			}
			w := got[0]
			if strings.Join(w.Actions, ",") != strings.Join(tc.denied, ",") || w.DeniesAll != tc.deniesAll {
				t.Errorf("warning = %+v, want actions %v denies-all %v", w, tc.denied, tc.deniesAll)
			}
			if !strings.Contains(w.Explanation, "only the bucket owner account's root user") {
				t.Errorf("explanation does not say only root can recover: %s", w.Explanation)
			}
		})
	}
}

// The warning names the transport the matching condition denies: a Deny on
// aws:SecureTransport "true" hits an HTTPS caller over HTTPS, never "over
// plain HTTP"; a deny without a condition names no transport.
func TestLockoutWarningNamesTheCallersTransport(t *testing.T) {
	const alice = "arn:aws:iam::111122223333:user/alice"
	overHTTPS := `{"Statement":[{"Sid":"Wrong","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"],"Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`
	ws := LockoutLint(overHTTPS, "demo", LockoutCaller{ARN: alice, OverTLS: true})
	if len(ws) == 0 {
		t.Fatal("LockoutLint found nothing: a Deny on SecureTransport true locks out an HTTPS caller")
	}
	if e := ws[0].Explanation; !strings.Contains(e, "over HTTPS") || strings.Contains(e, "plain HTTP") {
		t.Errorf("explanation %q: want it to say over HTTPS", e)
	}
	always := `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::demo","Condition":{}}]}`
	ws = LockoutLint(always, "demo", LockoutCaller{ARN: alice, OverTLS: true})
	if len(ws) == 0 {
		t.Fatal("LockoutLint found nothing for a Deny of everything with an empty condition")
	}
	for _, w := range ws {
		if strings.Contains(w.Explanation, "which is how you connect") {
			t.Errorf("an empty condition names a transport: %q", w.Explanation)
		}
	}
}
