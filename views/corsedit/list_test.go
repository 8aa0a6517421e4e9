package corsedit

import (
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

func rule(origin string) awsops.CORSRule {
	return awsops.CORSRule{AllowedOrigins: []string{origin}, AllowedMethods: []string{"GET"}}
}

func origins(l *List) string {
	var out []string
	for _, r := range l.Rules {
		out = append(out, r.AllowedOrigins[0])
	}
	return strings.Join(out, " ")
}

func TestListEdits(t *testing.T) {
	orig := []awsops.CORSRule{rule("https://a.example"), rule("https://b.example"), rule("https://c.example")}
	l := NewList(orig)
	if l.Changed() {
		t.Fatal("a fresh list is unchanged")
	}
	l.Rules[0].AllowedOrigins[0] = "https://z.example"
	if orig[0].AllowedOrigins[0] != "https://a.example" {
		t.Fatal("editing the working copy changed the caller's rules")
	}
	l.Rules[0].AllowedOrigins[0] = "https://a.example"

	l.Cursor = 2
	if !l.Move(-1) || origins(l) != "https://a.example https://c.example https://b.example" || l.Cursor != 1 {
		t.Fatalf("move up: %s cursor %d", origins(l), l.Cursor)
	}
	if !l.Changed() {
		t.Fatal("a reordered list is changed: S3 uses the first match")
	}
	l.Cursor = 0
	if l.Move(-1) {
		t.Fatal("the first rule cannot move up")
	}
	l.Cursor = 2
	if l.Move(1) {
		t.Fatal("the last rule cannot move down")
	}
	l.Delete()
	if origins(l) != "https://a.example https://c.example" || l.Cursor != 1 {
		t.Fatalf("delete the last: %s cursor %d", origins(l), l.Cursor)
	}
	l.Add(rule("https://d.example"))
	if l.Cursor != 2 {
		t.Fatalf("the cursor goes to the added rule, at %d", l.Cursor)
	}
	l.Replace(0, rule("https://e.example"))
	if origins(l) != "https://e.example https://c.example https://d.example" {
		t.Fatalf("replace: %s", origins(l))
	}
	l.Select(-5)
	if l.Cursor != 0 {
		t.Fatalf("select clamps at the top, at %d", l.Cursor)
	}
	l.SetAll(orig)
	if l.Changed() {
		t.Fatal("importing the bucket's own rules is no change")
	}
	l.SetAll(nil)
	l.Delete() // nothing to delete: no panic
	if len(l.Rules) != 0 || !l.Changed() {
		t.Fatal("an emptied list is a change (it deletes the configuration)")
	}
}

func TestListRefusesTheHundredAndFirstRule(t *testing.T) {
	l := NewList(nil)
	for range awsops.CORSMaxRules - 1 {
		l.Add(rule("https://a.example"))
	}
	if why := l.CanAdd(); why != "" {
		t.Fatalf("rule 100 must be allowed: %s", why)
	}
	l.Add(rule("https://a.example"))
	if why := l.CanAdd(); !strings.Contains(why, "at most 100 rules") {
		t.Fatalf("rule 101 must be refused, got %q", why)
	}
}
