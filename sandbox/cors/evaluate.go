package cors

import (
	"strconv"
	"strings"
)

// Rule is one CORS rule: the four lists in the order and letter case they
// were configured, and MaxAgeSeconds when it was set.
type Rule struct {
	AllowedOrigins, AllowedMethods, AllowedHeaders, ExposeHeaders []string
	MaxAgeSeconds                                                 *int
}

// Request is what S3 evaluates of a request.
type Request struct {
	// Origin is the Origin header; an empty Origin never matches a rule
	// (a request without Origin is not a CORS request).
	Origin string
	// Method is Access-Control-Request-Method for a preflight; for an actual
	// request, that header if present, else the request's own method.
	Method string
	// Headers are the names listed in Access-Control-Request-Headers
	// (see SplitHeaderList); empty when the header is absent.
	Headers []string
	// Preflight selects the preflight answer, which adds
	// Access-Control-Allow-Headers when headers were requested.
	Preflight bool
}

// Header is one response header, kept in a slice so the order is stable.
type Header struct{ Name, Value string }

// Result is the outcome: whether a rule matched, which one (index into the
// rules), and the headers to add to the response (none when nothing matched).
type Result struct {
	Matched bool
	Rule    int
	Headers []Header
}

// VaryValue is the Vary header S3 sends with every matched CORS answer.
const VaryValue = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"

// Evaluate walks the rules in order; the first rule that matches wins.
func Evaluate(rules []Rule, req Request) Result {
	if req.Origin == "" {
		return Result{Rule: -1}
	}
	for i, r := range rules {
		if r.matches(req) {
			return Result{Matched: true, Rule: i, Headers: r.headers(req)}
		}
	}
	return Result{Rule: -1}
}

// matches applies the three tests of 5.2 step 4: origin, method, headers.
func (r Rule) matches(req Request) bool {
	return r.allowsOrigin(req.Origin) && r.allowsMethod(req.Method) && r.allowsHeaders(req.Headers)
}

// allowsOrigin: equal to an AllowedOrigin, or matching it with '*' as a
// wildcard, anchored at both ends and case-sensitive (scheme, host and port
// literally).
func (r Rule) allowsOrigin(origin string) bool {
	for _, pattern := range r.AllowedOrigins {
		if Match(pattern, origin) {
			return true
		}
	}
	return false
}

// allowsMethod: exact, upper case as configured.
func (r Rule) allowsMethod(method string) bool {
	for _, m := range r.AllowedMethods {
		if m == method {
			return true
		}
	}
	return false
}

// allowsHeaders: every requested name matches some AllowedHeader,
// case-insensitively; a rule without AllowedHeader allows no requested header.
func (r Rule) allowsHeaders(requested []string) bool {
	for _, h := range requested {
		name := strings.ToLower(strings.TrimSpace(h))
		if name == "" {
			continue
		}
		ok := false
		for _, pattern := range r.AllowedHeaders {
			if Match(strings.ToLower(pattern), name) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// headers builds the response headers of a matched rule (5.2 step 6, 5.3).
func (r Rule) headers(req Request) []Header {
	allowOrigin := req.Origin
	for _, o := range r.AllowedOrigins {
		if o == "*" {
			allowOrigin = "*"
			break
		}
	}
	hs := []Header{{"Access-Control-Allow-Origin", allowOrigin}}
	if allowOrigin != "*" {
		hs = append(hs, Header{"Access-Control-Allow-Credentials", "true"})
	}
	hs = append(hs, Header{"Access-Control-Allow-Methods", strings.Join(r.AllowedMethods, ", ")})
	if req.Preflight {
		if names := lowerNames(req.Headers); len(names) > 0 {
			hs = append(hs, Header{"Access-Control-Allow-Headers", strings.Join(names, ", ")})
		}
	}
	if len(r.ExposeHeaders) > 0 {
		hs = append(hs, Header{"Access-Control-Expose-Headers", strings.Join(r.ExposeHeaders, ", ")})
	}
	if r.MaxAgeSeconds != nil {
		hs = append(hs, Header{"Access-Control-Max-Age", strconv.Itoa(*r.MaxAgeSeconds)})
	}
	return append(hs, Header{"Vary", VaryValue})
}

// lowerNames trims and lower-cases the requested names, in request order,
// dropping empty entries.
func lowerNames(names []string) []string {
	var out []string
	for _, n := range names {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// SplitHeaderList splits an Access-Control-Request-Headers value at commas,
// with or without spaces after them; empty entries are dropped.
func SplitHeaderList(value string) []string {
	var out []string
	for _, part := range strings.Split(value, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// Match reports whether s matches pattern, where each '*' in pattern stands
// for any run of characters (also none) and everything else is literal.
// S3 allows one '*' per value; more are handled the same way so that any
// input is answered without surprise.
func Match(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	first, last := parts[0], parts[len(parts)-1]
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}
