package awsops

import (
	"fmt"
	"slices"
	"strings"
)

// CORSNote is one lint finding about one CORS rule, worded short enough to
// sit under the rule in an 80-column table or an editor's list. The report
// words the same checks in full (corsFindings, corsRuleFindings); ID is the
// finding id the report uses, so a reader can look it up there.
type CORSNote struct {
	ID       string
	Severity Severity
	Text     string // what is wrong and what to do, in one short sentence
}

// CORSRuleNotes lints rules the way the report does, per rule: notes[i]
// are rule i's notes, most severe first. tlsEnforced is the bucket
// policy's verdict (Policy.TLSEnforced), which turns http:// origins into
// a finding. It is pure, so an editor can lint rules before they are sent.
func CORSRuleNotes(rules []CORSRule, tlsEnforced bool) [][]CORSNote {
	notes := make([][]CORSNote, len(rules))
	add := func(i int, id string, sev Severity, format string, a ...any) {
		notes[i] = append(notes[i], CORSNote{ID: id, Severity: sev, Text: fmt.Sprintf(format, a...)})
	}
	for i, r := range rules {
		anyHost := anyHostOrigin(r.AllowedOrigins)
		if w := writeMethods(r.AllowedMethods); anyHost && len(w) > 0 {
			add(i, "cors-wildcard-write", SeverityHigh, "any web site may send %s: list your own origins", strings.Join(w, ", "))
		}
		if slices.Contains(r.AllowedOrigins, "*") {
			add(i, "cors-wildcard-origin", SeverityMedium, "origin * lets any web site read through browsers")
		}
		if anyHost && corsHeaderAllowed(r.AllowedHeaders, "Authorization") {
			add(i, "cors-wildcard-authorization", SeverityLow, "any origin may send Authorization: drop it or list origins")
		}
		if tlsEnforced && hasHTTPOrigin(r.AllowedOrigins) {
			add(i, "cors-http-origin-tls", SeverityLow, "http:// origin on a TLS-only bucket: use https://")
		}
		if (slices.Contains(r.AllowedMethods, "PUT") || slices.Contains(r.AllowedMethods, "POST")) && !containsFold(r.ExposeHeaders, "ETag") {
			add(i, "cors-etag-not-exposed", SeverityInfo, "PUT/POST without ETag exposed: browser multipart uploads fail")
		}
		switch {
		case r.MaxAgeSeconds == nil:
			add(i, "cors-max-age", SeverityInfo, "no max age: a preflight before almost every request")
		case *r.MaxAgeSeconds > corsMaxUsefulAge:
			add(i, "cors-max-age", SeverityInfo, "max age over %d s: browsers cap it; stale rules linger", corsMaxUsefulAge)
		}
	}
	dup, shadow := corsRedundant(rules)
	for _, d := range dup {
		add(d[1], "cors-duplicate-rule", SeverityInfo, "repeats rule %d: delete it", d[0]+1)
	}
	for _, s := range shadow {
		add(s[1], "cors-rule-shadowed", SeverityLow, "never applies: rule %d above allows all it does", s[0]+1)
	}
	for i := range notes {
		slices.SortStableFunc(notes[i], func(a, b CORSNote) int { return int(b.Severity) - int(a.Severity) })
	}
	return notes
}

// writeMethods are the methods of a rule that change objects, in the
// rule's order, upper case.
func writeMethods(methods []string) []string {
	var out []string
	for _, m := range methods {
		m = strings.ToUpper(m)
		if (m == "PUT" || m == "POST" || m == "DELETE") && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}
