package corsedit

import (
	"fmt"
	"slices"

	"github.com/s3sec/s3sec/awsops"
)

// List is the working copy of a bucket's CORS rules: edits change it, and
// nothing reaches the bucket until its plan is applied. Orig is what the
// bucket had when the editor opened, to tell whether anything changed.
type List struct {
	Rules  []awsops.CORSRule
	Orig   []awsops.CORSRule
	Cursor int
}

// NewList starts a working copy of rules (copied: the caller's state is
// never changed through it).
func NewList(rules []awsops.CORSRule) *List {
	return &List{Rules: cloneRules(rules), Orig: cloneRules(rules)}
}

// Changed reports whether the rules differ from what the bucket has.
func (l *List) Changed() bool { return !sameRules(l.Rules, l.Orig) }

// CanAdd says why no rule can be added ("" when one can): S3 takes at
// most 100 rules.
func (l *List) CanAdd() string {
	if len(l.Rules) >= awsops.CORSMaxRules {
		return fmt.Sprintf("a CORS configuration has at most %d rules: delete one first", awsops.CORSMaxRules)
	}
	return ""
}

// Add appends r and puts the cursor on it.
func (l *List) Add(r awsops.CORSRule) {
	l.Rules = append(l.Rules, r)
	l.Cursor = len(l.Rules) - 1
}

// Replace puts r in place of rule i.
func (l *List) Replace(i int, r awsops.CORSRule) {
	if i >= 0 && i < len(l.Rules) {
		l.Rules[i] = r
	}
}

// Delete removes the rule under the cursor.
func (l *List) Delete() {
	if len(l.Rules) == 0 {
		return
	}
	l.Rules = slices.Delete(l.Rules, l.Cursor, l.Cursor+1)
	l.Cursor = max(0, min(l.Cursor, len(l.Rules)-1))
}

// Move moves the rule under the cursor by delta places (S3 uses the first
// rule that matches, so order matters); the cursor follows it.
func (l *List) Move(delta int) bool {
	to := l.Cursor + delta
	if l.Cursor < 0 || l.Cursor >= len(l.Rules) || to < 0 || to >= len(l.Rules) {
		return false
	}
	l.Rules[l.Cursor], l.Rules[to] = l.Rules[to], l.Rules[l.Cursor]
	l.Cursor = to
	return true
}

// Select moves the cursor by delta, within the list.
func (l *List) Select(delta int) {
	l.Cursor = max(0, min(l.Cursor+delta, len(l.Rules)-1))
}

// SetAll replaces every rule (an import) and puts the cursor on the first.
func (l *List) SetAll(rules []awsops.CORSRule) {
	l.Rules = cloneRules(rules)
	l.Cursor = 0
}

func cloneRules(rules []awsops.CORSRule) []awsops.CORSRule {
	out := make([]awsops.CORSRule, len(rules))
	for i, r := range rules {
		out[i] = cloneRule(r)
	}
	return out
}

func cloneRule(r awsops.CORSRule) awsops.CORSRule {
	r.AllowedOrigins = slices.Clone(r.AllowedOrigins)
	r.AllowedMethods = slices.Clone(r.AllowedMethods)
	r.AllowedHeaders = slices.Clone(r.AllowedHeaders)
	r.ExposeHeaders = slices.Clone(r.ExposeHeaders)
	if r.MaxAgeSeconds != nil {
		v := *r.MaxAgeSeconds
		r.MaxAgeSeconds = &v
	}
	return r
}

func sameRules(a, b []awsops.CORSRule) bool {
	return slices.EqualFunc(a, b, func(x, y awsops.CORSRule) bool {
		ageEq := (x.MaxAgeSeconds == nil) == (y.MaxAgeSeconds == nil) && (x.MaxAgeSeconds == nil || *x.MaxAgeSeconds == *y.MaxAgeSeconds)
		return x.ID == y.ID && ageEq && slices.Equal(x.AllowedOrigins, y.AllowedOrigins) && slices.Equal(x.AllowedMethods, y.AllowedMethods) &&
			slices.Equal(x.AllowedHeaders, y.AllowedHeaders) && slices.Equal(x.ExposeHeaders, y.ExposeHeaders)
	})
}
