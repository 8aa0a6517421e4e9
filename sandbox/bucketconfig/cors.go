package bucketconfig

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CORSRule is one CORSRule of a bucket CORS configuration. Slices keep the
// order and letter case that were sent; nil means the element was absent.
type CORSRule struct {
	ID                                                            string
	AllowedOrigins, AllowedMethods, AllowedHeaders, ExposeHeaders []string
	MaxAgeSeconds                                                 *int
}

// CORS is a CORSConfiguration document.
type CORS struct{ Rules []CORSRule }

// Limits of a CORS configuration [DOC]. AWS's answers when they are exceeded
// are unverified; MalformedXML is used, as moto does for >100 rules.
const (
	maxCORSBytes = 64 * 1024
	maxCORSRules = 100
	maxCORSIDLen = 255
)

// corsMethods are the only methods a CORS rule may allow (exact, upper case).
var corsMethods = []string{"GET", "PUT", "POST", "DELETE", "HEAD"}

// ParseCORS validates a PutBucketCors body: all validations of 5.1 incl. 64 KB, 100 rules, methods, wildcards, ID length, negative MaxAge.
func ParseCORS(body []byte) (CORS, *Error) {
	if len(body) > maxCORSBytes {
		return CORS{}, MalformedXML()
	}
	root, ok := parseXML(body)
	if !ok || root.name != "CORSConfiguration" || !root.hasChildren(childSpec{"CORSRule", 1, maxCORSRules}) {
		return CORS{}, MalformedXML()
	}
	var c CORS
	for _, n := range root.all("CORSRule") {
		rule, ok := parseCORSRule(n)
		if !ok {
			return CORS{}, MalformedXML()
		}
		c.Rules = append(c.Rules, rule)
	}
	// Semantic checks run only once the document is schema-valid, rule by
	// rule in document order.
	for _, r := range c.Rules {
		if err := r.check(); err != nil {
			return CORS{}, err
		}
	}
	return c, nil
}

// parseCORSRule reads one rule and applies the schema-level limits.
func parseCORSRule(n *xmlNode) (CORSRule, bool) {
	if !n.hasChildren(opt("ID"), many("AllowedOrigin", 1), many("AllowedMethod", 1),
		many("AllowedHeader", 0), many("ExposeHeader", 0), opt("MaxAgeSeconds")) {
		return CORSRule{}, false
	}
	var r CORSRule
	var ok bool
	if id := n.first("ID"); id != nil {
		if r.ID, ok = id.leaf(); !ok || utf8.RuneCountInString(r.ID) > maxCORSIDLen {
			return CORSRule{}, false
		}
	}
	lists := []struct {
		name string
		dst  *[]string
	}{
		{"AllowedOrigin", &r.AllowedOrigins},
		{"AllowedMethod", &r.AllowedMethods},
		{"AllowedHeader", &r.AllowedHeaders},
		{"ExposeHeader", &r.ExposeHeaders},
	}
	for _, l := range lists {
		for _, e := range n.all(l.name) {
			v, ok := e.leaf()
			if !ok {
				return CORSRule{}, false
			}
			*l.dst = append(*l.dst, v)
		}
	}
	if m := n.first("MaxAgeSeconds"); m != nil {
		s, ok := m.token()
		if !ok {
			return CORSRule{}, false
		}
		v, err := strconv.ParseInt(s, 10, 32)
		if err != nil || v < 0 {
			return CORSRule{}, false
		}
		age := int(v)
		r.MaxAgeSeconds = &age
	}
	return r, true
}

// check applies the InvalidRequest validations of a rule.
func (r CORSRule) check() *Error {
	for _, m := range r.AllowedMethods {
		if !slices.Contains(corsMethods, m) {
			return invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + m)
		}
	}
	for _, o := range r.AllowedOrigins {
		if strings.Count(o, "*") > 1 {
			return invalidRequest(`AllowedOrigin "` + o + `" can not have more than one wildcard.`)
		}
	}
	for _, h := range r.AllowedHeaders {
		if strings.Count(h, "*") > 1 {
			return invalidRequest(`AllowedHeader "` + h + `" can not have more than one wildcard.`)
		}
	}
	for _, h := range r.ExposeHeaders {
		if strings.Contains(h, "*") {
			return invalidRequest(`ExposeHeader "` + h + `" contains wildcard. We currently do not support wildcard for ExposeHeader.`)
		}
	}
	return nil
}

// XML renders the GetBucketCors document: exactly what was stored, only
// the members that were set.
func (c CORS) XML() []byte {
	d := newXMLDoc("CORSConfiguration")
	for _, r := range c.Rules {
		d.open("CORSRule")
		if r.ID != "" {
			d.elem("ID", r.ID)
		}
		for _, v := range r.AllowedOrigins {
			d.elem("AllowedOrigin", v)
		}
		for _, v := range r.AllowedMethods {
			d.elem("AllowedMethod", v)
		}
		for _, v := range r.AllowedHeaders {
			d.elem("AllowedHeader", v)
		}
		for _, v := range r.ExposeHeaders {
			d.elem("ExposeHeader", v)
		}
		if r.MaxAgeSeconds != nil {
			d.elem("MaxAgeSeconds", strconv.Itoa(*r.MaxAgeSeconds))
		}
		d.close("CORSRule")
	}
	return d.bytes()
}
