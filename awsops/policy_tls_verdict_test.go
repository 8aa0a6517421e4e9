package awsops

import (
	"strings"
	"testing"
)

func TestAnalyseTLSPolicy(t *testing.T) {
	variant := func(old, new string) string {
		if !strings.Contains(specPolicy, old) {
			t.Fatalf("variant: %q not in the spec policy", old)
		}
		return strings.Replace(specPolicy, old, new, 1)
	}
	canonical, _ := UpsertStatement("", TLSOnlyStatement("demo"))
	tests := []struct {
		name   string
		policy string
		want   TLSVerdict
		// explain: words every explanation list must contain (empty: none expected)
		explain []string
	}{
		{"spec 6.2 policy", specPolicy, TLSEnforced, nil},
		{"canonical statement", canonical, TLSEnforced, nil},
		{"no policy", "", TLSNotEnforced, nil},
		{"policy without transport statements", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}]}`, TLSNotEnforced, nil},
		{"Deny with true", variant(`"aws:SecureTransport": "false"`, `"aws:SecureTransport": "true"`), TLSWrong, []string{`"DenyInsecureTransport"`, "HTTPS ones", `must be "false"`}},
		{"Allow with false", variant(`"Deny"`, `"Allow"`), TLSWrong, []string{"is an Allow", "explicitly permits plain-HTTP", "denies nothing"}},
		{"Allow with true", strings.Replace(variant(`"Deny"`, `"Allow"`), `"aws:SecureTransport": "false"`, `"aws:SecureTransport": "true"`, 1), TLSWrong, []string{"grants HTTPS requests"}},
		{"missing the bucket", variant(`["arn:aws:s3:::demo", "arn:aws:s3:::demo/*"]`, `"arn:aws:s3:::demo/*"`), TLSWrong, []string{"does not cover the bucket itself", "bucket-level"}},
		{"missing the objects", variant(`["arn:aws:s3:::demo", "arn:aws:s3:::demo/*"]`, `"arn:aws:s3:::demo"`), TLSWrong, []string{"does not cover all the objects"}},
		{"narrow Action list", variant(`"Action": "s3:*"`, `"Action": ["s3:GetObject", "s3:PutObject"]`), TLSWrong, []string{"denies only s3:GetObject, s3:PutObject"}},
		{"NotPrincipal", variant(`"Principal": "*"`, `"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/admin"}`), TLSWrong, []string{"NotPrincipal", "exempt"}},
		{"one principal only", variant(`"Principal": "*"`, `"Principal": {"AWS": "arn:aws:iam::111122223333:root"}`), TLSWrong, []string{"only to the principals it names"}},
		{"extra condition narrows", variant(`"Bool": { "aws:SecureTransport": "false" }`, `"Bool": { "aws:SecureTransport": "false" }, "StringEquals": { "aws:username": "bob" }`), TLSWrong, []string{"extra condition (StringEquals aws:username)"}},
		{"TlsVersion without SecureTransport", variant(`"Bool": { "aws:SecureTransport": "false" }`, `"NumericLessThan": { "s3:TlsVersion": "1.2" }`), TLSWrong, []string{"s3:TlsVersion", "no aws:SecureTransport statement"}},
		{"TlsVersion next to SecureTransport", func() string { p, _ := UpsertStatement(canonical, MinTLSStatement("demo", "1.2")); return p }(), TLSEnforced, nil},
		{"a wrong statement beside a right one", func() string {
			p, _ := UpsertStatement(canonical, Statement{Sid: "Narrow", Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: objectsARN("demo"),
				Condition: map[string]map[string]any{"Bool": {"aws:SecureTransport": "false"}}})
			return p
		}(), TLSEnforced, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := AnalyseTLSPolicy(tc.policy, "demo")
			if got.Verdict != tc.want {
				t.Fatalf("verdict = %v (%q), want %v", got.Verdict, got.Explanations, tc.want)
			}
			if PolicyEnforcesTLS(tc.policy, "demo") != (tc.want == TLSEnforced) {
				t.Errorf("PolicyEnforcesTLS disagrees with the verdict %v", got.Verdict)
			}
			all := strings.Join(got.Explanations, " | ")
			if len(tc.explain) == 0 && all != "" {
				t.Errorf("unexpected explanations: %s", all)
			}
			for _, w := range tc.explain {
				if !strings.Contains(all, w) {
					t.Errorf("explanations %q lack %q", all, w)
				}
			}
		})
	}
}

// TestTLSPolicyWrongFinding: Analyse explains a wrong statement instead of
// counting it (or repeating tls-not-enforced), and the remedy is the
// canonical statement merged with the HTTPS-denying statement dropped.
func TestTLSPolicyWrongFinding(t *testing.T) {
	wrong := strings.Replace(specPolicy, `"aws:SecureTransport": "false"`, `"aws:SecureTransport": "true"`, 1)
	wrong, _ = UpsertStatement(wrong, Statement{Sid: "Keep", Effect: "Allow", Principal: map[string]any{"AWS": "arn:aws:iam::111122223333:root"}, Action: "s3:GetObject", Resource: objectsARN("demo")})
	st := BucketState{Name: "demo", Policy: &Policy{Present: true, JSON: wrong, TLSEnforced: PolicyEnforcesTLS(wrong, "demo")}}
	var tls []Finding
	for _, f := range Analyse([]BucketState{st}) {
		if strings.HasPrefix(f.ID, "tls-") {
			tls = append(tls, f)
		}
	}
	if len(tls) != 1 || tls[0].ID != "tls-policy-wrong" || tls[0].Severity != SeverityMedium {
		t.Fatalf("tls findings = %+v, want one medium tls-policy-wrong", tls)
	}
	if !strings.Contains(tls[0].Message, "HTTPS ones") {
		t.Errorf("message does not explain the statement: %s", tls[0].Message)
	}
	_, merged, ok := strings.Cut(tls[0].Remedy, "--policy '")
	merged = strings.TrimSuffix(merged, "'")
	if !ok || !PolicyEnforcesTLS(merged, "demo") || !strings.Contains(merged, `"Sid":"Keep"`) || strings.Contains(merged, `"true"`) {
		t.Errorf("remedy policy should enforce TLS, keep Keep and drop the deny-HTTPS statement: %s", tls[0].Remedy)
	}
	// A quote inside the policy must not break the pasted command.
	quoted, _ := UpsertStatement(wrong, Statement{Sid: "It's", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: objectsARN("demo")})
	qf := tlsFindings(&BucketState{Name: "demo", Policy: &Policy{Present: true, JSON: quoted}})
	if len(qf) != 1 || !strings.Contains(qf[0].Remedy, `"Sid":"It'\''s"`) {
		t.Errorf("a single quote in the policy is not shell-escaped: %+v", qf)
	}
	if lint := LockoutLint(merged, "demo", LockoutCaller{ARN: "arn:aws:iam::111122223333:user/alice", OverTLS: true}); len(lint) != 0 {
		t.Errorf("remedy policy locks out an HTTPS caller: %+v", lint)
	}
}

// FuzzAnalyseTLSPolicy: the analysis never panics, a verdict of wrong
// always comes with explanations, and PolicyEnforcesTLS agrees with it.
func FuzzAnalyseTLSPolicy(f *testing.F) {
	f.Add(specPolicy, "demo")
	f.Add(strings.Replace(specPolicy, `"Deny"`, `"Allow"`, 1), "demo")
	f.Add(`{"Statement":{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":["s3:*"],"Resource":"*","Condition":{"NumericLessThan":{"s3:TlsVersion":1.2}}}}`, "demo")
	f.Add(`{"Statement":[{"Condition":{"Bool":{"aws:SecureTransport":[true]}},"Effect":7}]}`, "b")
	f.Fuzz(func(t *testing.T, policy, bucket string) {
		a := AnalyseTLSPolicy(policy, bucket)
		if a.Verdict == TLSWrong && len(a.Explanations) == 0 {
			t.Fatalf("wrong without explanation for %q", policy)
		}
		if PolicyEnforcesTLS(policy, bucket) != (a.Verdict == TLSEnforced) {
			t.Fatal("PolicyEnforcesTLS disagrees")
		}
	})
}
