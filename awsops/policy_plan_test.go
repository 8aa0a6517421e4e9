package awsops

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestValidatePolicy(t *testing.T) {
	ok := `{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}}`
	if compact, probs := ValidatePolicy("\n  " + PrettyPolicy(ok) + "\n"); len(probs) != 0 || compact != ok {
		t.Fatalf("valid policy: %q %q", compact, probs)
	}
	tests := []struct{ name, text, want string }{
		{"not JSON", `{"Statement": [`, "not a JSON object"},
		{"empty", "  ", "the policy is empty"},
		{"no Statement", `{"Version":"2012-10-17"}`, "no Statement"},
		{"unknown top element", strings.Replace(ok, `"Version"`, `"Versoin"`, 1), `unknown element "Versoin"`},
		{"bad Version", strings.Replace(ok, `2012-10-17`, `2024-01-01`, 1), `must be "2012-10-17"`},
		{"unknown statement element", strings.Replace(ok, `"Sid":"A"`, `"Sid":"A","Prinicpal":"*"`, 1), `unknown element(s) "Prinicpal"`},
		{"lower-case effect", strings.Replace(ok, `"Allow"`, `"allow"`, 1), `must be "Allow" or "Deny"`},
		{"both Action and NotAction", strings.Replace(ok, `"Action"`, `"NotAction":"s3:*","Action"`, 1), "both Action and NotAction"},
		{"no Resource", strings.Replace(ok, `,"Resource":"arn:aws:s3:::demo/*"`, "", 1), "has no Resource"},
		{"condition not an object", strings.Replace(ok, `"Sid":"A"`, `"Sid":"A","Condition":["x"]`, 1), "Condition must be an object"},
		{"duplicate Sid", `{"Statement":[` + ok[strings.Index(ok, `{"Sid"`):len(ok)-1] + `,` + ok[strings.Index(ok, `{"Sid"`):len(ok)-1] + `]}`, "repeats the Sid of statement 1"},
		{"too large", `{"Statement":[{"Sid":"` + strings.Repeat("x", MaxPolicyBytes) + `","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}]}`, "at most 20480"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			compact, probs := ValidatePolicy(tc.text)
			if compact != "" || !strings.Contains(strings.Join(probs, " | "), tc.want) {
				t.Fatalf("problems %q, want one with %q", probs, tc.want)
			}
		})
	}
}

func TestCompactDiff(t *testing.T) {
	var lines []DiffLine
	for i := 0; i < 20; i++ {
		lines = append(lines, DiffLine{' ', "same"})
	}
	lines[10] = DiffLine{'+', "new"}
	got := CompactDiff(lines, 2)
	var ops []string
	for _, l := range got {
		ops = append(ops, string(l.Op))
	}
	if strings.Join(ops, "") != "~  +  ~" || got[0].Text != "… 8 unchanged lines" || got[6].Text != "… 7 unchanged lines" {
		t.Fatalf("compact diff = %v", got)
	}
	if len(CompactDiff(lines[8:12], 5)) != 4 {
		t.Fatal("a short diff is kept whole")
	}
}

func TestPolicyPlanRefusals(t *testing.T) {
	alice := LockoutCaller{ARN: "arn:aws:iam::111122223333:user/alice", OverTLS: true}
	cur, _ := UpsertStatement("", TLSOnlyStatement("demo"))
	if _, _, err := PolicyPlan(PolicyChange{Bucket: "demo", Before: cur, After: PrettyPolicy(cur), Caller: alice}); !errors.Is(err, ErrPolicyUnchanged) {
		t.Fatalf("re-indented policy: %v, want ErrPolicyUnchanged", err)
	}
	if _, _, err := PolicyPlan(PolicyChange{Bucket: "demo", After: `{"Statement":[]}`, Caller: alice}); err == nil || !strings.Contains(err.Error(), "no Statement") {
		t.Fatalf("invalid policy: %v", err)
	}
	lockout := `{"Version":"2012-10-17","Statement":[{"Sid":"NoPolicyEdits","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:PutBucketPolicy","Resource":"arn:aws:s3:::demo"}]}`
	p, lint, err := PolicyPlan(PolicyChange{Bucket: "demo", Before: cur, After: lockout, Caller: alice})
	if err != nil || len(lint) != 1 || !strings.HasPrefix(p.Warnings[0], "Lock-out: statement \"NoPolicyEdits\" denies you") {
		t.Fatalf("lock-out: %v %+v %q", err, lint, p.Warnings)
	}
	// The root user keeps the policy calls whatever the policy says.
	if _, lint, _ := PolicyPlan(PolicyChange{Bucket: "demo", Before: cur, After: lockout, Caller: LockoutCaller{ARN: "arn:aws:iam::111122223333:root", OverTLS: true}, CallerIsRoot: true}); len(lint) != 0 {
		t.Fatalf("root caller warned: %+v", lint)
	}
	denyAll := `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::demo","arn:aws:s3:::demo/*"]}]}`
	if _, lint, _ := PolicyPlan(PolicyChange{Bucket: "demo", After: denyAll, Caller: alice, CallerIsRoot: true}); len(lint) != 1 || !lint[0].DeniesAll {
		t.Fatalf("deny-everything is reported even for root: %+v", lint)
	}
}

func TestDeletePolicyPlan(t *testing.T) {
	cur, _ := UpsertStatement("", TLSOnlyStatement("demo"))
	p, _, err := PolicyPlan(PolicyChange{Bucket: "demo", Region: "eu-west-1", Before: cur, After: ""})
	if err != nil || p.Steps[0].API != "s3:DeleteBucketPolicy" || !strings.Contains(strings.Join(p.Warnings, " "), "plain HTTP again") {
		t.Fatalf("%v %+v", err, p)
	}
	for _, l := range p.Steps[0].Diff {
		if l.Op != '-' && l.Op != '~' {
			t.Fatalf("deleting shows only removed lines: %v", p.Steps[0].Diff)
		}
	}
	if _, _, err := PolicyPlan(PolicyChange{Bucket: "demo"}); !errors.Is(err, ErrPolicyUnchanged) {
		t.Fatalf("deleting no policy: %v", err)
	}
}

func TestEnforceTLSPolicyExtras(t *testing.T) {
	after, notes, err := EnforceTLSPolicy("", "demo", TLSOptions{MinTLSVersion: "1.2", DenyUnencryptedUploads: true})
	if err != nil || TLSOptionsOf(after) != (TLSOptions{MinTLSVersion: "1.2", DenyUnencryptedUploads: true}) {
		t.Fatalf("%v %s", err, after)
	}
	if len(notes) != 1 || notes[0] != "Deny unencrypted uploads: "+UnencryptedUploadsCaveat {
		t.Fatalf("notes %q", notes)
	}
	// Unchecking an extra removes the console's statement.
	fewer, _, _ := EnforceTLSPolicy(after, "demo", TLSOptions{})
	if TLSOptionsOf(fewer) != (TLSOptions{}) || !PolicyEnforcesTLS(fewer, "demo") {
		t.Fatalf("extras not removed: %s", fewer)
	}
}

func TestRemoveTLSPolicyDropsForeignEnforcement(t *testing.T) {
	keep := Statement{Sid: "Keep", Effect: "Allow", Principal: map[string]any{"AWS": "arn:aws:iam::111122223333:root"}, Action: "s3:GetObject", Resource: objectsARN("demo")}
	policy, _ := UpsertStatement(specPolicy, keep)
	policy, _ = UpsertStatement(policy, MinTLSStatement("demo", "1.2"))
	after, notes, err := RemoveTLSPolicy(policy, "demo")
	if err != nil || AnalyseTLSPolicy(after, "demo").Verdict != TLSNotEnforced || !strings.Contains(after, `"Keep"`) {
		t.Fatalf("%v %s", err, after)
	}
	if !strings.Contains(strings.Join(notes, " "), `statement "DenyInsecureTransport", which also enforces TLS`) {
		t.Fatalf("notes %q", notes)
	}
	if _, _, err := RemoveTLSPlan(BucketState{Name: "demo", Policy: &Policy{Present: true, JSON: after}}, LockoutCaller{}, false); err == nil || !strings.Contains(err.Error(), "nothing to remove") {
		t.Fatalf("removing from a policy without TLS statements: %v", err)
	}
}

func TestAnalyseTLSPolicyPositions(t *testing.T) {
	canonical, _ := UpsertStatement("", TLSOnlyStatement("demo"))
	wrong := strings.Replace(specPolicy, `"aws:SecureTransport": "false"`, `"aws:SecureTransport": "true"`, 1)
	both, _ := UpsertStatement(wrong, TLSOnlyStatement("demo"))
	both, _ = UpsertStatement(both, MinTLSStatement("demo", "1.2"))
	a := AnalyseTLSPolicy(both, "demo")
	if a.Verdict != TLSEnforced || len(a.Explanations) != 0 || !slices.Equal(a.Enforcing, []int{1}) || !slices.Equal(a.MinTLS, []int{2}) || !slices.Equal(a.DeniesHTTPS, []int{0}) {
		t.Fatalf("analysis = %+v", a)
	}
	if a := AnalyseTLSPolicy(canonical, "demo"); !slices.Equal(a.Enforcing, []int{0}) {
		t.Fatalf("canonical = %+v", a)
	}
}

// FuzzTLSPolicyChanges: whatever the policy, enforcing TLS yields a policy
// the analysis counts as enforcing, and removing it one it does not; the
// positions the analysis reports are statements of the document.
func FuzzTLSPolicyChanges(f *testing.F) {
	f.Add(specPolicy, "demo")
	f.Add(strings.Replace(specPolicy, `"false"`, `"true"`, 1), "demo")
	f.Add(`{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"NumericLessThanIfExists":{"s3:TlsVersion":"1.2"}}}}`, "b")
	f.Fuzz(func(t *testing.T, policy, bucket string) {
		if bucket == "" || strings.Trim(bucket, "abcdefghijklmnopqrstuvwxyz0123456789.-") != "" {
			return // bucket names never hold glob characters
		}
		d, err := ParsePolicy(policy)
		if err != nil {
			return
		}
		a := AnalyseTLSPolicy(policy, bucket)
		for _, i := range append(append(append([]int(nil), a.Enforcing...), a.MinTLS...), a.DeniesHTTPS...) {
			if i < 0 || i >= len(d.Statements()) {
				t.Fatalf("position %d outside %d statements", i, len(d.Statements()))
			}
		}
		if after, _, err := EnforceTLSPolicy(policy, bucket, TLSOptions{MinTLSVersion: "1.2"}); err == nil && !PolicyEnforcesTLS(after, bucket) {
			t.Fatalf("enforced policy does not enforce: %s", after)
		}
		if after, _, err := RemoveTLSPolicy(policy, bucket); err == nil && PolicyEnforcesTLS(after, bucket) {
			t.Fatalf("removal left enforcement: %s", after)
		}
	})
}

func TestValidatePolicySaysWhereTheSyntaxErrorIs(t *testing.T) {
	_, probs := ValidatePolicy("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}")
	if len(probs) != 1 || !strings.Contains(probs[0], "(line 3, column 17)") {
		t.Fatalf("problems %q", probs)
	}
}

func TestExplainPolicyError(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&FacetError{Code: "MalformedPolicy", Message: "Policy has invalid action"}, "your text is kept"},
		{&FacetError{Code: "AccessDenied", Message: "... because public policies are blocked by the BlockPublicPolicy block public access setting."}, "Block Public Access"},
		{&FacetError{Code: "AccessDenied", Message: "Access Denied", PlainHTTP: true}, "connect over https://"},
		{&FacetError{Code: "AccessDenied", Message: "Access Denied"}, "root user can always repair it"},
		{&FacetError{Code: "MethodNotAllowed"}, "owns the bucket"},
	} {
		if got := ExplainPolicyError(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("%v: %q, want %q", tc.err, got, tc.want)
		}
	}
	if ExplainPolicyError(&FacetError{Code: "SlowDown"}) != "" {
		t.Error("an unrelated error got a policy explanation")
	}
}

func TestEnforceTLSKeepsTheUsersOwnStatement(t *testing.T) {
	if _, _, err := EnforceTLSPlan(BucketState{Name: "demo", Policy: &Policy{Present: true, JSON: specPolicy}}, TLSOptions{}, LockoutCaller{OverTLS: true}, false); !errors.Is(err, ErrPolicyUnchanged) {
		t.Fatalf("a policy enforcing TLS its own way: %v, want ErrPolicyUnchanged", err)
	}
	after, notes, err := EnforceTLSPolicy(specPolicy, "demo", TLSOptions{MinTLSVersion: "1.2"})
	if err != nil || strings.Contains(after, SidDenyInsecureTransport) || !strings.Contains(after, SidDenyOldTLS) {
		t.Fatalf("%v %s", err, after)
	}
	if !strings.Contains(strings.Join(notes, " "), `TLS is already required by statement "DenyInsecureTransport"`) {
		t.Fatalf("notes %q", notes)
	}
}
