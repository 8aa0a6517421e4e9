package policy

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// setQualifier is the ForAllValues:/ForAnyValue: prefix of an operator.
type setQualifier uint8

const (
	singleValued setQualifier = iota
	forAllValues
	forAnyValue
)

// condition is one (operator, key, values) entry of a Condition block.
type condition struct {
	operator string // as written, for messages
	base     string // lower case, without qualifier, IfExists or "not"
	negated  bool
	ifExists bool
	set      setQualifier
	key      string // lower case
	values   texts  // policy values; templates hold policy variables
}

// comparators are the operators this package evaluates, by lower-case
// name without "not": each compares a request value with a policy value.
var comparators = map[string]func(got, want string) bool{
	"stringequals":             func(g, w string) bool { return g == w },
	"stringequalsignorecase":   strings.EqualFold,
	"stringlike":               func(g, w string) bool { return wildcardMatch(w, g) },
	"numericequals":            numeric(func(g, w float64) bool { return g == w }),
	"numericlessthan":          numeric(func(g, w float64) bool { return g < w }),
	"numericlessthanequals":    numeric(func(g, w float64) bool { return g <= w }),
	"numericgreaterthan":       numeric(func(g, w float64) bool { return g > w }),
	"numericgreaterthanequals": numeric(func(g, w float64) bool { return g >= w }),
	"bool":                     strings.EqualFold,
	"arnequals":                arnMatch,
	"arnlike":                  arnMatch,
	"ipaddress":                ipMatch,
	"dateequals":               date(func(g, w time.Time) bool { return g.Equal(w) }),
	"datelessthan":             date(func(g, w time.Time) bool { return g.Before(w) }),
	"datelessthanequals":       date(func(g, w time.Time) bool { return !g.After(w) }),
	"dategreaterthan":          date(func(g, w time.Time) bool { return g.After(w) }),
	"dategreaterthanequals":    date(func(g, w time.Time) bool { return !g.Before(w) }),
}

// negatedNames maps the negated operators to their positive base.
var negatedNames = map[string]string{
	"stringnotequals": "stringequals", "stringnotequalsignorecase": "stringequalsignorecase",
	"stringnotlike": "stringlike", "numericnotequals": "numericequals",
	"arnnotequals": "arnequals", "arnnotlike": "arnlike", "notipaddress": "ipaddress",
	"datenotequals": "dateequals",
}

// unsupportedOperators are valid IAM operators this package does not
// evaluate: AWS accepts them, so the sandbox answers NotImplemented. No key
// the sandbox supplies is binary.
var unsupportedOperators = map[string]bool{"binaryequals": true}

// parseOperator splits an operator name (case-insensitive, as IAM reads it).
func parseOperator(op string) (condition, *Error) {
	c := condition{operator: op}
	name := strings.ToLower(op)
	if rest, ok := strings.CutPrefix(name, "forallvalues:"); ok {
		c.set, name = forAllValues, rest
	} else if rest, ok := strings.CutPrefix(name, "foranyvalue:"); ok {
		c.set, name = forAnyValue, rest
	}
	if rest, ok := strings.CutSuffix(name, "ifexists"); ok && rest != "null" {
		c.ifExists, name = true, rest
	}
	if base, ok := negatedNames[name]; ok {
		c.negated, name = true, base
	}
	c.base = name
	switch {
	case name == "null":
		// AWS's validator accepts a set qualifier on Null; what it means
		// there is undocumented, so it is not guessed.
		if c.set != singleValued {
			return c, unsupported("condition operator " + op + " is not evaluated by the sandbox")
		}
	case comparators[name] != nil:
	case unsupportedOperators[name]:
		return c, unsupported("condition operator " + op + " is not evaluated by the sandbox")
	default:
		return c, malformed("Invalid Condition type : " + op)
	}
	return c, nil
}

// holds evaluates the condition against the request's values of its key,
// with IAM's rules: a missing key makes positive operators false, negated
// ones true and ...IfExists ones true; Null tests presence; ForAllValues
// holds for an empty set and ForAnyValue does not.
func (c condition) holds(got []string, present bool, keys map[string][]string) bool {
	if c.base == "null" {
		want := len(c.values.plain) > 0 && strings.EqualFold(c.values.plain[0], "true")
		return want == !present
	}
	if !present || len(got) == 0 {
		switch {
		case c.ifExists:
			return true
		case c.set == forAllValues:
			return true
		case c.set == forAnyValue:
			return false
		}
		return c.negated
	}
	cmp := comparators[c.base]
	values := c.values.resolved(keys)
	matchOne := func(g string) bool {
		for _, w := range values {
			if cmp(g, w) {
				return true
			}
		}
		return false
	}
	switch c.set {
	case forAllValues:
		for _, g := range got {
			if matchOne(g) == c.negated {
				return false
			}
		}
		return true
	case forAnyValue:
		for _, g := range got {
			if matchOne(g) != c.negated {
				return true
			}
		}
		return false
	}
	any := false
	for _, g := range got {
		any = any || matchOne(g)
	}
	return any != c.negated
}

// numeric lifts a number comparison to strings; what does not parse never matches.
func numeric(f func(g, w float64) bool) func(got, want string) bool {
	return func(got, want string) bool {
		g, err1 := strconv.ParseFloat(got, 64)
		w, err2 := strconv.ParseFloat(want, 64)
		return err1 == nil && err2 == nil && f(g, w)
	}
}

// date lifts a time comparison to strings: ISO 8601 dates and times, or
// seconds since the epoch (as aws:EpochTime carries them); what does not
// parse never matches.
func date(f func(g, w time.Time) bool) func(got, want string) bool {
	return func(got, want string) bool {
		g, ok1 := parseDate(got)
		w, ok2 := parseDate(want)
		return ok1 && ok2 && f(g, w)
	}
}

// dateLayouts are the ISO 8601 forms IAM accepts in date conditions.
var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02"}

// parseDate reads a date condition value.
func parseDate(s string) (time.Time, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0), true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// arnMatch compares ARNs as ArnEquals/ArnLike do (the two behave alike):
// each of the six colon-separated parts separately, with wildcards that do
// not cross a colon of the first five.
func arnMatch(got, want string) bool {
	g, w := strings.SplitN(got, ":", 6), strings.SplitN(want, ":", 6)
	if len(g) != 6 || len(w) != 6 {
		return false
	}
	for i := range g {
		if !wildcardMatch(w[i], g[i]) {
			return false
		}
	}
	return true
}

// ipMatch reports whether the address got lies in want (an address or CIDR).
func ipMatch(got, want string) bool {
	a, err := netip.ParseAddr(got)
	if err != nil {
		return false
	}
	if !strings.Contains(want, "/") {
		w, err := netip.ParseAddr(want)
		return err == nil && w.Unmap() == a.Unmap()
	}
	p, err := netip.ParsePrefix(want)
	return err == nil && p.Contains(a.Unmap())
}
