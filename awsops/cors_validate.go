package awsops

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Limits of a CORS configuration (S3-BEHAVIOR.md 5.1).
const (
	CORSMaxRules    = 100
	CORSMaxXMLBytes = 64 * 1024
	CORSMaxIDLen    = 255
)

// corsMethods are the only methods a CORS rule may allow, in upper case.
var corsMethods = []string{"GET", "PUT", "POST", "DELETE", "HEAD"}

// CORSProblem is one reason a CORS configuration would be refused (or is
// not what S3 accepts); Rule is the 0-based rule index, -1 for the whole
// configuration, and Field the member at fault ("" for the whole rule).
type CORSProblem struct {
	Rule    int
	Field   string
	Message string
}

func (p CORSProblem) String() string {
	where := "configuration"
	if p.Rule >= 0 {
		where = fmt.Sprintf("rule %d", p.Rule+1)
		if p.Field != "" {
			where += " " + p.Field
		}
	}
	return where + ": " + p.Message
}

// ValidateCORS checks rules before they are sent, so an editor can point at
// the field to fix instead of relaying a 400. It is pure; no problems means
// PutBucketCors should accept the rules.
func ValidateCORS(rules []CORSRule) []CORSProblem {
	var out []CORSProblem
	whole := func(msg string) { out = append(out, CORSProblem{Rule: -1, Message: msg}) }
	if len(rules) == 0 {
		whole("at least one rule is needed (to remove CORS, delete the configuration)")
	}
	if len(rules) > CORSMaxRules {
		whole(fmt.Sprintf("%d rules, at most %d are allowed", len(rules), CORSMaxRules))
	}
	if n := CORSXMLSize(rules); n > CORSMaxXMLBytes {
		whole(fmt.Sprintf("the configuration is %d bytes as XML, at most %d are allowed", n, CORSMaxXMLBytes))
	}
	for i, r := range rules {
		out = append(out, validateCORSRule(i, r)...)
	}
	return out
}

func validateCORSRule(i int, r CORSRule) []CORSProblem {
	var out []CORSProblem
	bad := func(field, format string, a ...any) {
		out = append(out, CORSProblem{Rule: i, Field: field, Message: fmt.Sprintf(format, a...)})
	}
	if len(r.ID) > CORSMaxIDLen {
		bad("ID", "is %d characters, at most %d are allowed", len(r.ID), CORSMaxIDLen)
	}
	if len(r.AllowedOrigins) == 0 {
		bad("AllowedOrigins", "at least one origin is needed")
	}
	for _, o := range r.AllowedOrigins {
		if msg := corsOriginProblem(o); msg != "" {
			bad("AllowedOrigins", "%q %s", o, msg)
		}
	}
	if len(r.AllowedMethods) == 0 {
		bad("AllowedMethods", "at least one method is needed")
	}
	for _, m := range r.AllowedMethods {
		switch {
		case slices.Contains(corsMethods, m):
		case slices.Contains(corsMethods, strings.ToUpper(m)):
			bad("AllowedMethods", "%q must be written in upper case: %s", m, strings.ToUpper(m))
		default:
			bad("AllowedMethods", "%q is not one of %s", m, strings.Join(corsMethods, " "))
		}
	}
	for _, h := range r.AllowedHeaders {
		if msg := corsHeaderProblem(h, true); msg != "" {
			bad("AllowedHeaders", "%q %s", h, msg)
		}
	}
	for _, h := range r.ExposeHeaders {
		if msg := corsHeaderProblem(h, false); msg != "" {
			bad("ExposeHeaders", "%q %s", h, msg)
		}
	}
	if r.MaxAgeSeconds != nil && *r.MaxAgeSeconds < 0 {
		bad("MaxAgeSeconds", "is %d, it must not be negative", *r.MaxAgeSeconds)
	}
	return out
}

// corsOriginProblem: "*" or scheme://host[:port], the host possibly with
// one '*' (https://*.example.com). Returns "" when the origin is fine.
func corsOriginProblem(o string) string {
	if strings.Count(o, "*") > 1 {
		return "has more than one *"
	}
	if o == "*" {
		return ""
	}
	scheme, rest, ok := strings.Cut(o, "://")
	if !ok || scheme == "" {
		return "is not * or scheme://host[:port] (for example https://app.example.com)"
	}
	for j, c := range scheme {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (j == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return fmt.Sprintf("has an invalid scheme %q", scheme)
		}
	}
	if strings.ContainsAny(rest, "/?#") {
		return "must not have a path, query or fragment: a browser's Origin is only scheme://host[:port], so it never matches"
	}
	host, port := rest, ""
	if k := strings.LastIndex(rest, ":"); k >= 0 && !strings.HasSuffix(rest, "]") {
		host, port = rest[:k], rest[k+1:]
		if n, err := strconv.Atoi(port); port != "*" && (err != nil || n < 1 || n > 65535 || port[0] == '+') {
			return fmt.Sprintf("has an invalid port %q", port)
		}
	}
	if host == "" {
		return "has no host"
	}
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		return "" // an IPv6 literal
	}
	for _, c := range host {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '*') {
			return fmt.Sprintf("has an invalid character %q in the host", c)
		}
	}
	return ""
}

// corsHeaderProblem: a header name is an HTTP token; AllowedHeader may use
// one '*' as a wildcard, ExposeHeader none. Returns "" when fine.
func corsHeaderProblem(h string, wildcard bool) string {
	if h == "" {
		return "is empty"
	}
	stars := strings.Count(h, "*")
	switch {
	case !wildcard && stars > 0:
		return "must not contain *: exposed headers are named one by one"
	case stars > 1:
		return "has more than one *"
	}
	for _, c := range h {
		if !isTokenChar(c) {
			return fmt.Sprintf("has %q, which is not allowed in a header name", c)
		}
	}
	return ""
}

// isTokenChar is RFC 9110's tchar.
func isTokenChar(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", c)
}

// corsXMLRule mirrors the PutBucketCors body, to measure its size.
type corsXMLRule struct {
	ID             string   `xml:"ID,omitempty"`
	AllowedOrigins []string `xml:"AllowedOrigin"`
	AllowedMethods []string `xml:"AllowedMethod"`
	AllowedHeaders []string `xml:"AllowedHeader"`
	ExposeHeaders  []string `xml:"ExposeHeader"`
	MaxAgeSeconds  *int32   `xml:"MaxAgeSeconds,omitempty"`
}

// CORSXMLSize is the size in bytes of the PutBucketCors document for rules.
func CORSXMLSize(rules []CORSRule) int {
	doc := struct {
		XMLName xml.Name      `xml:"http://s3.amazonaws.com/doc/2006-03-01/ CORSConfiguration"`
		Rules   []corsXMLRule `xml:"CORSRule"`
	}{}
	for _, r := range rules {
		doc.Rules = append(doc.Rules, corsXMLRule(r))
	}
	b, err := xml.Marshal(doc)
	if err != nil {
		return 0
	}
	return len(xml.Header) + len(b)
}
