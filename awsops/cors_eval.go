package awsops

import (
	"slices"
	"strconv"
	"strings"
)

// This file is the console's own CORS evaluation (S3-BEHAVIOR.md 5.2/5.3).
// It is written independently of the sandbox's evaluator on purpose: the
// console compares its local answer with what the endpoint sends, and two
// copies of one implementation would agree on the same mistakes.

// CORSVary is the Vary value S3 sends with every matched CORS answer.
const CORSVary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"

// CORSRequest is a browser request as CORS sees it.
type CORSRequest struct {
	Origin string // the Origin header; empty means none
	Method string // Access-Control-Request-Method for a preflight, else the real method
	// Headers are the names from Access-Control-Request-Headers (already
	// split); an actual request normally has none.
	Headers   []string
	Preflight bool // an OPTIONS preflight rather than the actual request
}

// CORSHeader is one response header, kept in the order S3 sends them.
type CORSHeader struct {
	Name, Value string
}

// CORSDecision is the outcome of evaluating the rules for one request.
type CORSDecision struct {
	Allowed bool
	Rule    int    // index of the matching rule, -1 when none matched
	RuleID  string // its ID, "" when it has none
	Headers []CORSHeader
	// Reason says in words why nothing matched (empty when allowed).
	Reason string
}

// EvaluateCORS walks the rules in order and returns the first that allows
// the request, with the Access-Control-* headers S3 would answer. It is pure.
func EvaluateCORS(rules []CORSRule, req CORSRequest) CORSDecision {
	no := CORSDecision{Rule: -1}
	switch {
	case req.Origin == "":
		no.Reason = "the request has no Origin header, so CORS does not apply"
		return no
	case len(rules) == 0:
		no.Reason = "the bucket has no CORS configuration"
		return no
	}
	for i, r := range rules {
		if corsRuleAllows(r, req) {
			return CORSDecision{Allowed: true, Rule: i, RuleID: r.ID, Headers: corsAnswer(r, req)}
		}
	}
	no.Reason = corsRefusal(rules, req)
	return no
}

// corsRuleAllows: origin, method and every requested header must pass.
func corsRuleAllows(r CORSRule, req CORSRequest) bool {
	if !corsOriginAllowed(r.AllowedOrigins, req.Origin) {
		return false
	}
	if !slices.Contains(r.AllowedMethods, req.Method) {
		return false
	}
	for _, h := range req.Headers {
		if !corsHeaderAllowed(r.AllowedHeaders, h) {
			return false
		}
	}
	return true
}

// corsOriginAllowed: origins are compared literally (case-sensitive,
// anchored at both ends), '*' matching any run of characters.
func corsOriginAllowed(patterns []string, origin string) bool {
	for _, p := range patterns {
		if corsWildcard(p, origin) {
			return true
		}
	}
	return false
}

// corsHeaderAllowed: header names compare case-insensitively.
func corsHeaderAllowed(patterns []string, name string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, p := range patterns {
		if corsWildcard(strings.ToLower(p), name) {
			return true
		}
	}
	return false
}

// corsWildcard matches s against a pattern in which every '*' stands for any
// (possibly empty) run of characters; everything else is literal.
func corsWildcard(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	first, last := parts[0], parts[len(parts)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	mid := s[len(first) : len(s)-len(last)]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(mid, p)
		if i < 0 {
			return false
		}
		mid = mid[i+len(p):]
	}
	return true
}

// corsAnswer builds the headers of a matched answer, in S3's order.
func corsAnswer(r CORSRule, req CORSRequest) []CORSHeader {
	var out []CORSHeader
	add := func(n, v string) { out = append(out, CORSHeader{n, v}) }
	if slices.Contains(r.AllowedOrigins, "*") {
		add("Access-Control-Allow-Origin", "*")
	} else {
		add("Access-Control-Allow-Origin", req.Origin)
		add("Access-Control-Allow-Credentials", "true")
	}
	add("Access-Control-Allow-Methods", strings.Join(r.AllowedMethods, ", "))
	if req.Preflight && len(req.Headers) > 0 {
		lower := make([]string, len(req.Headers))
		for i, h := range req.Headers {
			lower[i] = strings.ToLower(strings.TrimSpace(h))
		}
		add("Access-Control-Allow-Headers", strings.Join(lower, ", "))
	}
	if len(r.ExposeHeaders) > 0 {
		add("Access-Control-Expose-Headers", strings.Join(r.ExposeHeaders, ", "))
	}
	if r.MaxAgeSeconds != nil {
		add("Access-Control-Max-Age", strconv.Itoa(int(*r.MaxAgeSeconds)))
	}
	add("Vary", CORSVary)
	return out
}

// corsRefusal names the first check that no rule passes, so the tester can
// say what to change: origin, then method, then headers.
func corsRefusal(rules []CORSRule, req CORSRequest) string {
	var byOrigin []CORSRule
	for _, r := range rules {
		if corsOriginAllowed(r.AllowedOrigins, req.Origin) {
			byOrigin = append(byOrigin, r)
		}
	}
	if len(byOrigin) == 0 {
		return "no rule allows origin " + req.Origin
	}
	var byMethod []CORSRule
	for _, r := range byOrigin {
		if slices.Contains(r.AllowedMethods, req.Method) {
			byMethod = append(byMethod, r)
		}
	}
	if len(byMethod) == 0 {
		return "no rule allowing origin " + req.Origin + " allows method " + req.Method
	}
	for _, h := range req.Headers {
		allowed := false
		for _, r := range byMethod {
			allowed = allowed || corsHeaderAllowed(r.AllowedHeaders, h)
		}
		if !allowed {
			return "no rule allowing " + req.Method + " from " + req.Origin + " allows header " + strings.ToLower(strings.TrimSpace(h))
		}
	}
	return "no single rule allows all the requested headers together with origin " + req.Origin + " and method " + req.Method
}
