package policy

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Error is why Parse refused a document.
type Error struct {
	// Unsupported marks a document AWS accepts but this package cannot
	// evaluate: the sandbox answers 501 NotImplemented. Otherwise the
	// document is malformed (400 MalformedPolicy).
	Unsupported bool
	Message     string
}

// Error implements error.
func (e *Error) Error() string {
	if e.Unsupported {
		return "unsupported policy: " + e.Message
	}
	return "malformed policy: " + e.Message
}

const msgInvalidPrincipal = "Invalid principal in policy"

func malformed(msg string) *Error   { return &Error{Message: msg} }
func unsupported(msg string) *Error { return &Error{Unsupported: true, Message: msg} }

// Parse reads a bucket policy document. The statement elements are
// case-sensitive, as in IAM; a single statement object stands for a list
// of one. It returns a *Error.
func Parse(raw []byte) (*Policy, error) {
	p, err := parse(raw)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// parse is Parse with the concrete error type.
func parse(raw []byte) (*Policy, *Error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil || dec.More() {
		return nil, malformed("This policy contains invalid Json")
	}
	p := &Policy{Version: "2008-10-17"}
	for name, v := range doc {
		switch name {
		case "Version":
			s, ok := v.(string)
			if !ok || (s != "2008-10-17" && s != "2012-10-17") {
				return nil, malformed("The policy must contain a valid version string")
			}
			p.Version = s
		case "Id":
			if _, ok := v.(string); !ok {
				return nil, malformed("This policy contains invalid Json")
			}
		case "Statement":
		default:
			return nil, malformed("Unknown field " + name)
		}
	}
	raws, ok := doc["Statement"]
	if !ok {
		return nil, malformed("Missing required field Statement")
	}
	list, isList := raws.([]any)
	if !isList {
		list = []any{raws}
	}
	if len(list) == 0 {
		return nil, malformed("Could not parse the policy: Statement is empty!")
	}
	for _, rs := range list {
		st, err := parseStatement(rs, p.Version == "2012-10-17")
		if err != nil {
			return nil, err
		}
		p.Statements = append(p.Statements, st)
	}
	return p, nil
}

// parseStatement reads one statement; variables says whether "${...}" is a
// policy variable (Version 2012-10-17) rather than literal text.
func parseStatement(v any, variables bool) (Statement, *Error) {
	var st Statement
	m, ok := v.(map[string]any)
	if !ok {
		return st, malformed("This policy contains invalid Json")
	}
	for name := range m {
		switch name {
		case "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition":
		default:
			return st, malformed("Unknown field " + name)
		}
	}
	if sid, ok := m["Sid"]; ok {
		if st.Sid, ok = sid.(string); !ok {
			return st, malformed("This policy contains invalid Json")
		}
	}
	switch m["Effect"] {
	case "Allow":
		st.Effect = Allow
	case "Deny":
		st.Effect = Deny
	case nil:
		return st, malformed("Missing required field Effect")
	default:
		return st, malformed("Invalid effect")
	}
	pv, name, err := exactlyOne(m, "Principal", "NotPrincipal", msgInvalidPrincipal)
	if err != nil {
		return st, err
	}
	st.notPrincipal = name == "NotPrincipal"
	if st.principals, err = parsePrincipal(pv); err != nil {
		return st, err
	}
	av, name, err := exactlyOne(m, "Action", "NotAction", "Policy has invalid action")
	if err != nil {
		return st, err
	}
	st.notAction = name == "NotAction"
	actions, ok := stringList(av)
	if !ok || len(actions) == 0 {
		return st, malformed("Policy has invalid action")
	}
	for _, a := range actions {
		st.actions = append(st.actions, toLower(a))
	}
	rv, name, err := exactlyOne(m, "Resource", "NotResource", "Policy has invalid resource")
	if err != nil {
		return st, err
	}
	st.notResource = name == "NotResource"
	resources, ok := stringList(rv)
	if !ok || len(resources) == 0 {
		return st, malformed("Policy has invalid resource")
	}
	if st.resources, err = parseTexts(resources, variables); err != nil {
		return st, err
	}
	if c, ok := m["Condition"]; ok {
		if st.conditions, err = parseConditions(c, variables); err != nil {
			return st, err
		}
	}
	return st, nil
}

// exactlyOne returns the one present member of a positive/negative pair.
func exactlyOne(m map[string]any, pos, neg, msg string) (any, string, *Error) {
	pv, hasPos := m[pos]
	nv, hasNeg := m[neg]
	switch {
	case hasPos && hasNeg:
		return nil, "", malformed(msg)
	case hasPos:
		return pv, pos, nil
	case hasNeg:
		return nv, neg, nil
	}
	return nil, "", malformed("Missing required field " + pos)
}

// parseConditions reads a Condition block: operator -> key -> values.
func parseConditions(v any, variables bool) ([]condition, *Error) {
	block, ok := v.(map[string]any)
	if !ok {
		return nil, malformed("This policy contains invalid Json")
	}
	var out []condition
	for op, entries := range block {
		proto, err := parseOperator(op)
		if err != nil {
			return nil, err
		}
		keys, ok := entries.(map[string]any)
		if !ok {
			return nil, malformed("This policy contains invalid Json")
		}
		for key, raw := range keys {
			c := proto
			c.key = toLower(key)
			if !SuppliedKeys[c.key] && !AbsentKeys[c.key] {
				return nil, unsupported("condition key " + key + " is not supplied by the sandbox")
			}
			values, ok := stringList(raw)
			if !ok {
				return nil, malformed("This policy contains invalid Json")
			}
			if c.values, err = parseTexts(values, variables); err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// stringList reads a string, number or boolean, or a list of them, as strings.
func stringList(v any) ([]string, bool) {
	scalar := func(x any) (string, bool) {
		switch t := x.(type) {
		case string:
			return t, true
		case json.Number:
			return t.String(), true
		case bool:
			return strconv.FormatBool(t), true
		}
		return "", false
	}
	if list, ok := v.([]any); ok {
		out := make([]string, 0, len(list))
		for _, x := range list {
			s, ok := scalar(x)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	s, ok := scalar(v)
	if !ok {
		return nil, false
	}
	return []string{s}, true
}
