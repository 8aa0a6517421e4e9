package policy

import (
	"regexp"
	"strings"
)

// template is a policy string with policy variables (Version 2012-10-17):
// ${aws:username}, ${key, 'default'} and ${$} for a literal "$". A nil
// template is plain text.
type template []templatePart

// templatePart is literal text or one variable.
type templatePart struct {
	lit    string
	key    string // lower case; "" for literal text
	def    string
	hasDef bool
}

// variablePattern is the inside of ${...}: a key, optionally a quoted default.
var variablePattern = regexp.MustCompile(`^([A-Za-z0-9:/_.-]+)(?:\s*,\s*'([^']*)')?$`)

// parseTemplate reads s; it returns nil when s holds no variable. ${*} and
// ${?} (a literal wildcard character) are refused as unsupported: the
// matcher has no way to tell them from wildcards.
func parseTemplate(s string) (template, *Error) {
	if !strings.Contains(s, "${") {
		return nil, nil
	}
	var t template
	for rest := s; rest != ""; {
		i := strings.Index(rest, "${")
		if i < 0 {
			t = append(t, templatePart{lit: rest})
			break
		}
		if i > 0 {
			t = append(t, templatePart{lit: rest[:i]})
		}
		end := strings.IndexByte(rest[i:], '}')
		if end < 0 {
			return nil, unsupported("an unterminated policy variable in " + s)
		}
		inner := strings.TrimSpace(rest[i+2 : i+end])
		rest = rest[i+end+1:]
		switch inner {
		case "$":
			t = append(t, templatePart{lit: "$"})
			continue
		case "*", "?":
			return nil, unsupported("the policy variable ${" + inner + "} (a literal wildcard character) is not evaluated by the sandbox")
		}
		m := variablePattern.FindStringSubmatch(inner)
		if m == nil {
			return nil, unsupported("the policy variable ${" + inner + "} is not understood by the sandbox")
		}
		key := toLower(m[1])
		if !SuppliedKeys[key] && !AbsentKeys[key] {
			return nil, unsupported("the policy variable ${" + m[1] + "} names a key the sandbox does not supply")
		}
		t = append(t, templatePart{key: key, def: m[2], hasDef: strings.Contains(inner, ",")})
	}
	return t, nil
}

// resolve substitutes the request's values. ok is false when a variable
// has no single value and no default, or when a value holds a wildcard
// character: the element then matches nothing (a value from the request
// must not widen a pattern; AWS would match it literally, which this
// package cannot express).
func (t template) resolve(keys map[string][]string) (string, bool) {
	var b strings.Builder
	for _, p := range t {
		if p.key == "" {
			b.WriteString(p.lit)
			continue
		}
		v := keys[p.key]
		switch {
		case len(v) == 1:
			if strings.ContainsAny(v[0], "*?") {
				return "", false
			}
			b.WriteString(v[0])
		case p.hasDef:
			b.WriteString(p.def)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// texts is a list of policy strings, some of which may be templates.
type texts struct {
	plain []string
	tmpl  []template // parallel to plain; nil entries (or a nil slice) for plain text
}

// parseTexts reads values, as templates when variables is set.
func parseTexts(values []string, variables bool) (texts, *Error) {
	out := texts{plain: values}
	if !variables {
		return out, nil
	}
	for i, v := range values {
		t, err := parseTemplate(v)
		if err != nil {
			return out, err
		}
		if t != nil {
			if out.tmpl == nil {
				out.tmpl = make([]template, len(values))
			}
			out.tmpl[i] = t
		}
	}
	return out, nil
}

// resolved returns the values for a request: templates substituted, the
// ones that cannot be resolved left out.
func (ts texts) resolved(keys map[string][]string) []string {
	if ts.tmpl == nil {
		return ts.plain
	}
	out := make([]string, 0, len(ts.plain))
	for i, v := range ts.plain {
		if t := ts.tmpl[i]; t != nil {
			var ok bool
			if v, ok = t.resolve(keys); !ok {
				continue
			}
		}
		out = append(out, v)
	}
	return out
}
