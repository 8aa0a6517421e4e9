package awsops

import (
	"fmt"
	"slices"
	"strings"
)

// corsRuleFindings judges the CORS rules one by one and against each other,
// beyond "any origin" (corsFindings). Severities, and why:
//   - cors-wildcard-authorization, low: any site may send signed requests
//     from a browser. It leaks nothing by itself (a page cannot read another
//     site's credentials), but it is what makes keys embedded in some page,
//     or a token a user pastes, usable from anywhere.
//   - cors-http-origin-tls, low: the bucket refuses plain HTTP, yet trusts a
//     page served over plain HTTP, which anyone on the path can rewrite.
//   - cors-rule-shadowed, low: a rule that never applies misleads whoever
//     reviews or edits it (narrowing it changes nothing).
//   - cors-duplicate-rule, info: harmless repetition, worth tidying.
//   - cors-etag-not-exposed, info: not a risk, a breakage: browser multipart
//     uploads need the ETag of each part.
//   - cors-max-age, info: performance and staleness, not exposure.
func corsRuleFindings(st *BucketState) []Finding {
	c := st.CORS
	if c == nil || len(c.Rules) == 0 {
		return nil
	}
	putCORS := fmt.Sprintf("aws s3api put-bucket-cors --bucket %s --cors-configuration file://cors.json", st.Name)
	var out []Finding
	add := func(id string, sev Severity, rules []int, msg, remedy string) {
		if len(rules) == 0 {
			return
		}
		names := corsRuleNames(c.Rules, rules)
		verbS := "" // msg says "allow{s}": "allows" after one rule
		if len(rules) == 1 {
			verbS = "s"
		}
		msg = strings.ReplaceAll(msg, "{s}", verbS)
		msg = strings.ReplaceAll(msg, "do{es}", map[bool]string{true: "does", false: "do"}[len(rules) == 1])
		out = append(out, Finding{
			ID: id, Severity: sev, Bucket: st.Name,
			Message: fmt.Sprintf("%s: %s %s", st.Name, names, msg),
			Remedy:  strings.ReplaceAll(remedy, "{rules}", names) + ": " + putCORS,
		})
	}

	var authz, etag, httpOrigin, noAge, longAge []int
	for i, r := range c.Rules {
		if anyHostOrigin(r.AllowedOrigins) && corsHeaderAllowed(r.AllowedHeaders, "Authorization") {
			authz = append(authz, i)
		}
		if (slices.Contains(r.AllowedMethods, "PUT") || slices.Contains(r.AllowedMethods, "POST")) && !containsFold(r.ExposeHeaders, "ETag") {
			etag = append(etag, i)
		}
		if st.Policy != nil && st.Policy.TLSEnforced && hasHTTPOrigin(r.AllowedOrigins) {
			httpOrigin = append(httpOrigin, i)
		}
		switch {
		case r.MaxAgeSeconds == nil:
			noAge = append(noAge, i)
		case *r.MaxAgeSeconds > corsMaxUsefulAge:
			longAge = append(longAge, i)
		}
	}
	add("cors-wildcard-authorization", SeverityLow, authz,
		"let{s} every origin send an Authorization header, so any web site can make signed requests from a visitor's browser",
		"drop Authorization (and *) from AllowedHeader in {rules}, or list your own sites in its AllowedOrigin instead of *")
	add("cors-etag-not-exposed", SeverityInfo, etag,
		"allow{s} PUT or POST but do{es} not expose ETag: a browser cannot read part ETags, so browser multipart uploads fail",
		"add ETag to ExposeHeader in {rules}")
	add("cors-http-origin-tls", SeverityLow, httpOrigin,
		"allow{s} an http:// origin although the bucket policy refuses plain HTTP: a page served without TLS can be rewritten by anyone on the network and then acts with the rule's permissions",
		"use the https:// origin instead in {rules}")
	add("cors-max-age", SeverityInfo, noAge,
		"set{s} no MaxAgeSeconds: browsers cache the preflight for a few seconds only and send an OPTIONS before almost every request",
		"set MaxAgeSeconds (for example 3000) in {rules}")
	add("cors-max-age", SeverityInfo, longAge,
		fmt.Sprintf("set{s} MaxAgeSeconds above %d: browsers cap it anyway (Firefox at a day, Chrome at two hours), and a long cache keeps a narrowed or removed rule in effect in browsers that cached it", corsMaxUsefulAge),
		fmt.Sprintf("lower MaxAgeSeconds to %d or less in {rules}", corsMaxUsefulAge))

	dup, shadow := corsRedundant(c.Rules)
	for _, d := range dup {
		add("cors-duplicate-rule", SeverityInfo, []int{d[1]},
			fmt.Sprintf("repeats %s exactly", corsRuleNames(c.Rules, []int{d[0]})), "delete the repeated {rules}")
	}
	for _, s := range shadow {
		add("cors-rule-shadowed", SeverityLow, []int{s[1]},
			fmt.Sprintf("never applies: %s comes first and allows every request it would (S3 uses the first rule that matches)", corsRuleNames(c.Rules, []int{s[0]})),
			"delete {rules}, or move it above the wider rule if its answer (exposed headers, max age) is the one you want")
	}
	return out
}

// corsMaxUsefulAge is the longest preflight cache any browser honours
// (Firefox: 24 hours; Chromium caps at 2 hours).
const corsMaxUsefulAge = 86400

// corsRedundant returns pairs {earlier, later}: later rules identical to an
// earlier one (dup), and later rules entirely covered by an earlier one
// (shadow). A rule is reported once, against the first rule that covers it.
func corsRedundant(rules []CORSRule) (dup, shadow [][2]int) {
	for j := range rules {
		for i := 0; i < j; i++ {
			if !corsRuleCovers(rules[i], rules[j]) {
				continue
			}
			if corsSameRule(rules[i], rules[j]) {
				dup = append(dup, [2]int{i, j})
			} else {
				shadow = append(shadow, [2]int{i, j})
			}
			break
		}
	}
	return dup, shadow
}

// corsRuleCovers: every request rule b allows, a allows too — each origin,
// method and header pattern of b is covered by one of a's. A pattern is
// matched as text against a's patterns, as a request's origin or header
// would be: that is exact when each has at most one '*' (the limit S3
// enforces), so "https://*" covers "https://*.example.com". A b without
// headers only matches requests without headers, which a matches as well.
func corsRuleCovers(a, b CORSRule) bool {
	for _, o := range b.AllowedOrigins {
		if !corsOriginAllowed(a.AllowedOrigins, o) {
			return false
		}
	}
	for _, m := range b.AllowedMethods {
		if !slices.Contains(a.AllowedMethods, m) {
			return false
		}
	}
	for _, h := range b.AllowedHeaders {
		if !corsHeaderAllowed(a.AllowedHeaders, h) {
			return false
		}
	}
	return true
}

// corsSameRule: the same rule but for its ID (the lists compared as sets).
func corsSameRule(a, b CORSRule) bool {
	sameAge := (a.MaxAgeSeconds == nil) == (b.MaxAgeSeconds == nil) &&
		(a.MaxAgeSeconds == nil || *a.MaxAgeSeconds == *b.MaxAgeSeconds)
	return sameAge && sameSet(a.AllowedOrigins, b.AllowedOrigins, false) && sameSet(a.AllowedMethods, b.AllowedMethods, false) &&
		sameSet(a.AllowedHeaders, b.AllowedHeaders, true) && sameSet(a.ExposeHeaders, b.ExposeHeaders, true)
}

func sameSet(a, b []string, fold bool) bool {
	set := func(l []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range l {
			if fold {
				s = strings.ToLower(s)
			}
			m[s] = true
		}
		return m
	}
	x, y := set(a), set(b)
	if len(x) != len(y) {
		return false
	}
	for k := range x {
		if !y[k] {
			return false
		}
	}
	return true
}

func hasHTTPOrigin(origins []string) bool {
	for _, o := range origins {
		if strings.HasPrefix(strings.ToLower(o), "http://") {
			return true
		}
	}
	return false
}

// corsRuleNames names rules for a reader: 1-based position, with the ID.
func corsRuleNames(rules []CORSRule, idx []int) string {
	parts := make([]string, len(idx))
	for k, i := range idx {
		parts[k] = fmt.Sprintf("rule %d", i+1)
		if id := rules[i].ID; id != "" {
			parts[k] += fmt.Sprintf(" (%q)", id)
		}
	}
	if len(parts) == 1 {
		return "CORS " + parts[0]
	}
	return "CORS rules " + strings.ReplaceAll(strings.Join(parts, ", "), "rule ", "")
}
