package awsops

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// policyTopElements and statementElements are the elements of the IAM
// policy grammar a bucket policy may hold; S3 refuses anything else with
// MalformedPolicy, so the editor says so before a plan is built.
var (
	policyTopElements = map[string]bool{"Version": true, "Id": true, "Statement": true}
	statementElements = map[string]bool{
		"Sid": true, "Effect": true, "Principal": true, "NotPrincipal": true,
		"Action": true, "NotAction": true, "Resource": true, "NotResource": true, "Condition": true,
	}
)

// ValidatePolicy checks a bucket policy typed by the user before a plan is
// built: JSON, only known elements, the required ones present, Effect
// spelled as S3 wants it, unique Sids, and the 20 KB limit of the
// normalised document. It returns every problem found, in plain words,
// and the compact document when there is none. S3 checks more (that
// principals exist, that actions match resources); those answers come
// back from PutBucketPolicy and are shown then.
func ValidatePolicy(text string) (compact string, problems []string) {
	doc, err := ParsePolicy(text)
	if err != nil {
		return "", []string{err.Error() + syntaxPosition(text)}
	}
	if len(doc.members) == 0 {
		return "", []string{"the policy is empty; to remove the bucket policy, delete it instead"}
	}
	hasStatement := false
	for _, m := range doc.members {
		switch {
		case m.Key == "Statement":
			hasStatement = true
		case !policyTopElements[m.Key]:
			problems = append(problems, fmt.Sprintf("unknown element %q at the top level (allowed: Version, Id, Statement)", m.Key))
		case m.Key == "Version":
			var v string
			if json.Unmarshal(m.Value, &v) != nil || (v != "2012-10-17" && v != "2008-10-17") {
				problems = append(problems, fmt.Sprintf(`Version is %s; it must be "2012-10-17" (or the legacy "2008-10-17")`, m.Value))
			}
		}
	}
	if !hasStatement || doc.Empty() {
		problems = append(problems, "the policy has no Statement")
	}
	sids := map[string]int{}
	for i, raw := range doc.statements {
		var st map[string]json.RawMessage
		_ = json.Unmarshal(raw, &st) // ParsePolicy checked it is an object
		name := fmt.Sprintf("statement %d", i+1)
		if sid := statementSid(raw); sid != "" {
			name = fmt.Sprintf("statement %d (%q)", i+1, sid)
			if first, dup := sids[sid]; dup {
				problems = append(problems, fmt.Sprintf("%s repeats the Sid of statement %d; Sids must be unique", name, first))
			} else {
				sids[sid] = i + 1
			}
		}
		problems = append(problems, statementProblems(name, st)...)
	}
	if len(problems) > 0 {
		return "", problems
	}
	out, err := doc.JSON()
	if err != nil {
		return "", []string{err.Error()}
	}
	return out, nil
}

// statementProblems checks one statement's elements.
func statementProblems(name string, st map[string]json.RawMessage) []string {
	var out []string
	var unknown []string
	for k := range st {
		if !statementElements[k] {
			unknown = append(unknown, fmt.Sprintf("%q", k))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		out = append(out, fmt.Sprintf("%s has unknown element(s) %s (allowed: Sid, Effect, Principal or NotPrincipal, Action or NotAction, Resource or NotResource, Condition)",
			name, strings.Join(unknown, ", ")))
	}
	var effect string
	if raw, ok := st["Effect"]; !ok {
		out = append(out, name+" has no Effect")
	} else if json.Unmarshal(raw, &effect) != nil || (effect != "Allow" && effect != "Deny") {
		out = append(out, fmt.Sprintf(`%s has Effect %s; it must be "Allow" or "Deny" (case-sensitive)`, name, raw))
	}
	for _, pair := range [][2]string{{"Principal", "NotPrincipal"}, {"Action", "NotAction"}, {"Resource", "NotResource"}} {
		_, a := st[pair[0]]
		_, b := st[pair[1]]
		switch {
		case a && b:
			out = append(out, fmt.Sprintf("%s has both %s and %s; use one", name, pair[0], pair[1]))
		case !a && !b:
			out = append(out, fmt.Sprintf("%s has no %s (a bucket policy statement needs %s or %s)", name, pair[0], pair[0], pair[1]))
		}
	}
	if raw, ok := st["Condition"]; ok {
		var cond map[string]map[string]json.RawMessage
		if json.Unmarshal(raw, &cond) != nil {
			out = append(out, name+`'s Condition must be an object of operators, each an object of keys and values, e.g. {"Bool": {"aws:SecureTransport": "false"}}`)
		}
	}
	return out
}

// syntaxPosition says where a JSON syntax error is, as " (line L, column
// C)", so the user finds it in the editor; "" when the text parses.
func syntaxPosition(text string) string {
	var v any
	var se *json.SyntaxError
	if err := json.Unmarshal([]byte(text), &v); !errors.As(err, &se) {
		return ""
	}
	before := text[:min(int(se.Offset), len(text))]
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndex(before, "\n")+1:]))
	return fmt.Sprintf(" (line %d, column %d)", line, col)
}
