package sandbox

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// policyDocument is a bucket policy parsed for evaluation. Only what decides
// Deny statements today is modelled: Effect, Principal, (Not)Action,
// (Not)Resource and the condition operators below; a later task extends it.
type policyDocument struct {
	Statements []policyStatement
}

// policyStatement is one statement of a policy.
type policyStatement struct {
	Sid          string
	Effect       string // Allow | Deny
	AnyPrincipal bool   // "*" or {"AWS":"*"}
	AWS          []string
	Services     []string
	Actions      []string
	NotActions   []string
	Resources    []string
	NotResources []string
	Conditions   []policyCondition
}

// policyCondition is one (operator, key, values) triple of a Condition block.
type policyCondition struct {
	Operator string
	Key      string // lower-cased: condition keys are case-insensitive
	Values   []string
}

// evalContext is what a request offers to policy evaluation.
type evalContext struct {
	Principal *principal // nil for a service principal
	Service   string     // e.g. logging.s3.amazonaws.com when a service acts
	Account   string     // the principal's account
	Action    string
	Resource  string
	Keys      map[string][]string // condition keys, lower-cased names
}

// parsePolicy decodes a (normalised) policy JSON for evaluation.
func parsePolicy(raw []byte) (*policyDocument, error) {
	var doc struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	var rawStatements []json.RawMessage
	if err := json.Unmarshal(doc.Statement, &rawStatements); err != nil {
		rawStatements = []json.RawMessage{doc.Statement}
	}
	out := &policyDocument{}
	for _, rs := range rawStatements {
		st, err := parseStatement(rs)
		if err != nil {
			return nil, err
		}
		out.Statements = append(out.Statements, st)
	}
	return out, nil
}

// parseStatement decodes one statement.
func parseStatement(raw json.RawMessage) (policyStatement, error) {
	var s struct {
		Sid         string
		Effect      string
		Principal   json.RawMessage
		Action      json.RawMessage
		NotAction   json.RawMessage
		Resource    json.RawMessage
		NotResource json.RawMessage
		Condition   map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return policyStatement{}, err
	}
	st := policyStatement{Sid: s.Sid, Effect: s.Effect}
	if len(s.Principal) > 0 {
		var star string
		if json.Unmarshal(s.Principal, &star) == nil {
			st.AnyPrincipal = star == "*"
		} else {
			var m map[string]json.RawMessage
			if err := json.Unmarshal(s.Principal, &m); err != nil {
				return st, fmt.Errorf("principal: %w", err)
			}
			st.AWS = stringOrList(m["AWS"])
			st.Services = stringOrList(m["Service"])
			for _, a := range st.AWS {
				if a == "*" {
					st.AnyPrincipal = true
				}
			}
		}
	}
	st.Actions, st.NotActions = stringOrList(s.Action), stringOrList(s.NotAction)
	st.Resources, st.NotResources = stringOrList(s.Resource), stringOrList(s.NotResource)
	for op, keys := range s.Condition {
		for key, vals := range keys {
			st.Conditions = append(st.Conditions, policyCondition{
				Operator: op, Key: strings.ToLower(key), Values: stringOrList(vals),
			})
		}
	}
	return st, nil
}

// stringOrList decodes a JSON string, bool, number or list of them into strings.
func stringOrList(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var list []any
	if json.Unmarshal(raw, &list) != nil {
		var one any
		if json.Unmarshal(raw, &one) != nil {
			return nil
		}
		list = []any{one}
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		switch t := v.(type) {
		case string:
			out = append(out, t)
		case bool:
			out = append(out, strconv.FormatBool(t))
		case float64:
			out = append(out, strconv.FormatFloat(t, 'f', -1, 64))
		}
	}
	return out
}

// explicitDeny reports whether some Deny statement applies to the request.
func (d *policyDocument) explicitDeny(ctx evalContext) (policyStatement, bool) {
	return d.firstApplying("Deny", ctx)
}

// firstApplying returns the first statement of the effect that applies to
// the request (none in no policy).
func (d *policyDocument) firstApplying(effect string, ctx evalContext) (policyStatement, bool) {
	if d == nil {
		return policyStatement{}, false
	}
	for _, st := range d.Statements {
		if st.Effect == effect && st.applies(ctx) {
			return st, true
		}
	}
	return policyStatement{}, false
}

// applies reports whether the statement's principal, action, resource and
// conditions all match the request.
func (st policyStatement) applies(ctx evalContext) bool {
	return st.matchesPrincipal(ctx) && st.matchesAction(ctx.Action) &&
		st.matchesResource(ctx.Resource) && st.matchesConditions(ctx.Keys)
}

// matchesPrincipal: "*" matches all callers; an account id or account root
// ARN matches every principal of that account; a user ARN matches that user.
func (st policyStatement) matchesPrincipal(ctx evalContext) bool {
	if st.AnyPrincipal {
		return true
	}
	if ctx.Principal == nil {
		for _, svc := range st.Services {
			if svc == ctx.Service {
				return true
			}
		}
		return false
	}
	for _, a := range st.AWS {
		if a == ctx.Account || a == "arn:aws:iam::"+ctx.Account+":root" || a == ctx.Principal.creds.ARN {
			return true
		}
	}
	return false
}

// matchesAction applies Action / NotAction.
func (st policyStatement) matchesAction(action string) bool {
	if len(st.NotActions) > 0 {
		return !anyMatch(st.NotActions, action, matchAction)
	}
	return anyMatch(st.Actions, action, matchAction)
}

// matchesResource applies Resource / NotResource (ARNs are case-sensitive).
func (st policyStatement) matchesResource(resource string) bool {
	if len(st.NotResources) > 0 {
		return !anyMatch(st.NotResources, resource, bucketconfig.WildcardMatch)
	}
	return anyMatch(st.Resources, resource, bucketconfig.WildcardMatch)
}

// anyMatch reports whether any pattern matches s.
func anyMatch(patterns []string, s string, match func(pattern, s string) bool) bool {
	for _, p := range patterns {
		if match(p, s) {
			return true
		}
	}
	return false
}

// matchesConditions requires every condition to hold.
func (st policyStatement) matchesConditions(keys map[string][]string) bool {
	for _, c := range st.Conditions {
		if !c.holds(keys) {
			return false
		}
	}
	return true
}

// holds evaluates one condition with the IAM rules for absent keys: a missing
// key fails positive operators, satisfies negated ones and ...IfExists ones.
func (c policyCondition) holds(keys map[string][]string) bool {
	op, ifExists := strings.CutSuffix(c.Operator, "IfExists")
	got, present := keys[c.Key]
	if op == "Null" {
		want := len(c.Values) > 0 && strings.EqualFold(c.Values[0], "true")
		return want == !present
	}
	negated := strings.Contains(op, "Not")
	if !present {
		return ifExists || negated
	}
	cmp := comparator(op)
	if cmp == nil {
		return false // an operator we do not model never matches
	}
	matched := false
	for _, g := range got {
		for _, v := range c.Values {
			if cmp(g, v) {
				matched = true
			}
		}
	}
	if negated {
		return !matched
	}
	return matched
}

// comparator returns the value test of a condition operator, with any "Not"
// removed (holds applies the negation), or nil when unsupported.
func comparator(op string) func(got, want string) bool {
	switch strings.Replace(op, "Not", "", 1) {
	case "StringEquals", "ArnEquals":
		return func(g, w string) bool { return g == w }
	case "StringEqualsIgnoreCase":
		return strings.EqualFold
	case "StringLike", "ArnLike":
		return func(g, w string) bool { return bucketconfig.WildcardMatch(w, g) }
	case "Bool":
		return strings.EqualFold
	case "NumericEquals":
		return numeric(func(g, w float64) bool { return g == w })
	case "NumericLessThan":
		return numeric(func(g, w float64) bool { return g < w })
	case "NumericLessThanEquals":
		return numeric(func(g, w float64) bool { return g <= w })
	case "NumericGreaterThan":
		return numeric(func(g, w float64) bool { return g > w })
	case "NumericGreaterThanEquals":
		return numeric(func(g, w float64) bool { return g >= w })
	}
	return nil
}

// numeric lifts a float comparison to strings; unparsable values never match.
func numeric(f func(g, w float64) bool) func(got, want string) bool {
	return func(got, want string) bool {
		g, err1 := strconv.ParseFloat(got, 64)
		w, err2 := strconv.ParseFloat(want, 64)
		return err1 == nil && err2 == nil && f(g, w)
	}
}

// allows reports whether some Allow statement applies to the request (no
// policy allows nothing). Used for service principals, which have no
// identity policy to fall back on.
func (d *policyDocument) allows(ctx evalContext) bool {
	_, ok := d.firstApplying("Allow", ctx)
	return ok
}
