package awsops

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// samePolicyMeaning compares two documents as parsed JSON values, so
// whitespace and member order do not matter.
func samePolicyMeaning(t *testing.T, a, b string) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal([]byte(a), &va); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, a)
	}
	if err := json.Unmarshal([]byte(b), &vb); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return reflect.DeepEqual(va, vb)
}

const twoStatementPolicy = `{
  "Version": "2012-10-17",
  "Id": "keep-me",
  "Statement": [
    {"Sid": "PublicRead", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root"]},
     "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::demo/*", "X-Unknown": {"n": 1.50}},
    {"Effect": "Deny", "Principal": "*", "NotAction": "s3:Get*", "Resource": "arn:aws:s3:::demo/*",
     "Condition": {"StringNotEquals": {"aws:PrincipalAccount": ["111122223333"]}}}
  ],
  "x-custom": [1, "two", null]
}`

func TestUpsertStatementKeepsTheRest(t *testing.T) {
	merged, err := UpsertStatement(twoStatementPolicy, TLSOnlyStatement("demo"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParsePolicy(merged)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := ParsePolicy(twoStatementPolicy)
	got := d.Statements()
	if len(got) != 3 {
		t.Fatalf("got %d statements, want 3: %s", len(got), merged)
	}
	for i, st := range old.Statements() {
		if !samePolicyMeaning(t, string(st), string(got[i])) {
			t.Errorf("statement %d changed:\n%s\n%s", i, st, got[i])
		}
	}
	// Unknown elements are kept, in place, with their exact values.
	if !strings.HasPrefix(merged, `{"Version":"2012-10-17","Id":"keep-me","Statement":[`) || !strings.HasSuffix(merged, `],"x-custom":[1,"two",null]}`) {
		t.Errorf("top-level elements not kept in order: %s", merged)
	}
	if !strings.Contains(merged, `"X-Unknown":{"n":1.50}`) {
		t.Errorf("unknown statement element or its number spelling lost: %s", merged)
	}
	if !PolicyEnforcesTLS(merged, "demo") {
		t.Errorf("merged policy does not enforce TLS: %s", merged)
	}
}

func TestUpsertStatementIsIdempotent(t *testing.T) {
	for _, base := range []string{"", twoStatementPolicy, `{"Statement":{"Sid":"One","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}}`} {
		once, err := UpsertStatement(base, TLSOnlyStatement("demo"))
		if err != nil {
			t.Fatal(err)
		}
		twice, err := UpsertStatement(once, TLSOnlyStatement("demo"))
		if err != nil {
			t.Fatal(err)
		}
		if once != twice {
			t.Errorf("second upsert changed the document:\n%s\n%s", once, twice)
		}
	}
}

func TestUpsertStatementReplacesBySid(t *testing.T) {
	p, _ := UpsertStatement("", MinTLSStatement("demo", "1.2"))
	p, _ = UpsertStatement(p, TLSOnlyStatement("demo"))
	p, err := UpsertStatement(p, MinTLSStatement("demo", "1.3"))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := ParsePolicy(p)
	if n := len(d.Statements()); n != 2 || !strings.Contains(string(d.Statements()[0]), `"1.3"`) {
		t.Errorf("want the 1.2 statement replaced in place by 1.3, got %s", p)
	}
	if _, err := UpsertStatement(p, Statement{Effect: "Deny"}); err == nil {
		t.Error("a statement without Sid was merged; want an error")
	}
}

func TestRemoveStatement(t *testing.T) {
	merged, _ := UpsertStatement(twoStatementPolicy, TLSOnlyStatement("demo"))
	back, err := RemoveStatement(merged, SidDenyInsecureTransport)
	if err != nil {
		t.Fatal(err)
	}
	if !samePolicyMeaning(t, back, twoStatementPolicy) {
		t.Errorf("removing the added statement did not give the original back:\n%s", back)
	}
	only, _ := UpsertStatement("", TLSOnlyStatement("demo"))
	empty, err := RemoveStatement(only, SidDenyInsecureTransport)
	if err != nil || empty != "" {
		t.Errorf("removing the last statement = %q, %v; want \"\" (delete the policy)", empty, err)
	}
	same, _ := RemoveStatement(merged, "no-such-sid")
	if same != merged {
		t.Errorf("removing an absent Sid changed the policy")
	}
}

func TestParsePolicySingleStatementObject(t *testing.T) {
	in := `{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo/*"}}`
	d, err := ParsePolicy(in)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := d.JSON()
	if out != in {
		t.Errorf("untouched single-object Statement re-emitted as %s", out)
	}
	merged, _ := UpsertStatement(in, TLSOnlyStatement("demo"))
	if !strings.Contains(merged, `"Statement":[{"Sid":"A"`) {
		t.Errorf("after a merge the Statement should be a list starting with A: %s", merged)
	}
}

func TestParsePolicyErrors(t *testing.T) {
	for _, in := range []string{"not json", "[]", `{"Statement":"x"}`, `{"Statement":[1]}`, `{"a":1} {}`, `{"Statement":[],"Statement":[]}`} {
		if _, err := ParsePolicy(in); err == nil {
			t.Errorf("ParsePolicy(%q) accepted bad input", in)
		}
	}
}

func TestPolicySizeLimit(t *testing.T) {
	big := Statement{Sid: "Big", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::demo/" + strings.Repeat("k", MaxPolicyBytes)}
	if _, err := UpsertStatement("", big); err == nil || !strings.Contains(err.Error(), "20480") {
		t.Errorf("a policy over 20480 bytes was accepted (err %v)", err)
	}
}

func TestPolicyDiff(t *testing.T) {
	before := `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow"}]}`
	after := `{"Version":"2012-10-17","Statement":[{"Sid":"B","Effect":"Allow"}]}`
	var got []string
	for _, l := range PolicyDiff(before, after) {
		if l.Op != ' ' {
			got = append(got, l.String())
		}
	}
	want := []string{`-       "Sid": "A",`, `+       "Sid": "B",`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changed lines = %q, want %q", got, want)
	}
	for _, l := range PolicyDiff("", after) {
		if l.Op != '+' {
			t.Errorf("a new policy should be all additions, got %q", l.String())
		}
	}
}

// FuzzParsePolicy: the parser never panics, and whatever it accepts it
// writes back in a form that parses again to the same meaning.
func FuzzParsePolicy(f *testing.F) {
	for _, s := range []string{twoStatementPolicy, specPolicy, "", "{}", `{"Statement":{}}`, `{"Statement":[{"Sid":"x"}]}`, "[", `{"a":1}x`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ParsePolicy(in)
		if err != nil {
			return
		}
		out, err := d.JSON()
		if err != nil || out == "" {
			return
		}
		d2, err := ParsePolicy(out)
		if err != nil {
			t.Fatalf("re-parse of %q failed: %v", out, err)
		}
		out2, _ := d2.JSON()
		if out2 != out {
			t.Fatalf("not stable: %q then %q", out, out2)
		}
		if _, err := UpsertStatement(out, TLSOnlyStatement("demo")); err != nil && !strings.Contains(err.Error(), "bytes") {
			t.Fatalf("upsert into an accepted policy failed: %v", err)
		}
	})
}
