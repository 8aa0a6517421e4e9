package bucketconfig

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
)

// maxPolicyBytes is the bucket policy size limit, measured after normalisation.
const maxPolicyBytes = 20480

// MalformedPolicy messages clients see; S3's own texts.
const (
	msgFirstByte        = "Policies must be valid JSON and the first byte must be '{'"
	msgInvalidJSON      = "This policy contains invalid Json"
	msgEmptyStatement   = "Could not parse the policy: Statement is empty!"
	msgInvalidVersion   = "The policy must contain a valid version string"
	msgInvalidResource  = "Policy has invalid resource"
	msgInvalidAction    = "Policy has invalid action"
	msgActionMismatch   = "Action does not apply to any resource(s) in statement"
	msgInvalidCondKey   = "Policy has an invalid condition key"
	msgInvalidIPAddress = "Invalid IP address in Conditions"
)

// defaultPolicyVersion is the version S3 records for a policy that names none.
const defaultPolicyVersion = "2008-10-17"

// policyMembers and statementMembers are the known members, in the order
// S3's re-serialisation writes them.
var (
	policyMembers    = []string{"Version", "Id", "Statement"}
	statementMembers = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
)

// NormalisePolicy validates a bucket policy for bucket `bucket` per 6.1 and
// returns AWS's re-serialisation: compact, members in the order Version, Id,
// Statement and Sid, Effect, Principal, NotPrincipal, Action, NotAction,
// Resource, NotResource, Condition; a bare account principal becomes its
// root ARN and a missing Version is recorded as 2008-10-17.
// public reports whether the policy grants access publicly: an Allow of a
// "bad action" (s3:Get*, List*, Put*, Delete*, AbortMultipartUpload,
// RestoreObject) to Principal "*" / {"AWS":"*"} (or through NotPrincipal)
// without a condition that pins it to fixed values of aws:SourceIp,
// aws:SourceVpc(e), aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID,
// aws:PrincipalAccount and the like.
func NormalisePolicy(body []byte, bucket string) (normalised []byte, public bool, err *Error) {
	if len(body) == 0 || body[0] != '{' {
		return nil, false, malformedPolicy(msgFirstByte)
	}
	doc, ok := parseJSON(body)
	if !ok || doc.kind != jsonObject {
		return nil, false, malformedPolicy(msgInvalidJSON)
	}
	if err := onlyMembers(doc, policyMembers); err != nil {
		return nil, false, err
	}
	stmts := doc.get("Statement")
	if stmts == nil {
		return nil, false, malformedPolicy("Missing required field Statement")
	}
	var list []*jsonValue
	switch stmts.kind {
	case jsonObject:
		list = []*jsonValue{stmts}
	case jsonArray:
		list = stmts.items
	default:
		return nil, false, malformedPolicy(msgInvalidJSON)
	}
	if len(list) == 0 {
		return nil, false, malformedPolicy(msgEmptyStatement)
	}
	out := &jsonValue{kind: jsonObject}
	version := doc.get("Version")
	if version == nil {
		version = &jsonValue{kind: jsonString, str: defaultPolicyVersion}
	}
	if version.kind != jsonString || (version.str != "2008-10-17" && version.str != "2012-10-17") {
		return nil, false, malformedPolicy(msgInvalidVersion)
	}
	out.members = append(out.members, jsonMember{"Version", version})
	if id := doc.get("Id"); id != nil {
		if id.kind != jsonString {
			return nil, false, malformedPolicy(msgInvalidJSON)
		}
		out.members = append(out.members, jsonMember{"Id", id})
	}
	normStmts := &jsonValue{kind: jsonArray}
	for _, s := range list {
		ns, pub, err := normaliseStatement(s, bucket)
		if err != nil {
			return nil, false, err
		}
		public = public || pub
		normStmts.items = append(normStmts.items, ns)
	}
	if stmts.kind == jsonObject {
		out.members = append(out.members, jsonMember{"Statement", normStmts.items[0]})
	} else {
		out.members = append(out.members, jsonMember{"Statement", normStmts})
	}
	var b bytes.Buffer
	writeJSON(&b, out)
	if b.Len() > maxPolicyBytes {
		return nil, false, malformedPolicy("Normalized policy document exceeds the maximum allowed size of " + strconv.Itoa(maxPolicyBytes) + " bytes")
	}
	return b.Bytes(), public, nil
}

// onlyMembers refuses members outside known. The wording of AWS's answer
// for an unknown member is unverified.
func onlyMembers(v *jsonValue, known []string) *Error {
	for _, m := range v.members {
		if !slices.Contains(known, m.key) {
			return malformedPolicy("Unknown field " + m.key)
		}
	}
	return nil
}

// normaliseStatement validates one statement and returns its normalised
// form and whether it grants public access.
func normaliseStatement(s *jsonValue, bucket string) (*jsonValue, bool, *Error) {
	if s.kind != jsonObject {
		return nil, false, malformedPolicy(msgInvalidJSON)
	}
	if err := onlyMembers(s, statementMembers); err != nil {
		return nil, false, err
	}
	out := &jsonValue{kind: jsonObject}
	add := func(key string, v *jsonValue) { out.members = append(out.members, jsonMember{key, v}) }
	if sid := s.get("Sid"); sid != nil {
		if sid.kind != jsonString {
			return nil, false, malformedPolicy(msgInvalidJSON)
		}
		add("Sid", sid)
	}

	effect := s.get("Effect")
	if effect == nil {
		return nil, false, malformedPolicy("Missing required field Effect")
	}
	if effect.kind != jsonString || (effect.str != "Allow" && effect.str != "Deny") {
		return nil, false, malformedPolicy("Invalid effect: " + scalarText(effect))
	}
	add("Effect", effect)

	everyone, err := statementPrincipal(s, add)
	if err != nil {
		return nil, false, err
	}
	actionClasses, bad, err := statementActions(s, add)
	if err != nil {
		return nil, false, err
	}
	resourceClasses, err := statementResources(s, bucket, add)
	if err != nil {
		return nil, false, err
	}
	restricted, err := statementCondition(s, add)
	if err != nil {
		return nil, false, err
	}
	// Each listed action must apply to one of the listed resources; with
	// NotAction or NotResource there is nothing to compare.
	if s.get("Action") != nil && s.get("Resource") != nil {
		for _, c := range actionClasses {
			if c&resourceClasses == 0 {
				return nil, false, malformedPolicy(msgActionMismatch)
			}
		}
	}
	public := effect.str == "Allow" && everyone && bad && !restricted
	return out, public, nil
}

// statementPrincipal validates Principal / NotPrincipal and reports whether
// the statement reaches everyone.
func statementPrincipal(s *jsonValue, add func(string, *jsonValue)) (bool, *Error) {
	principal, notPrincipal := s.get("Principal"), s.get("NotPrincipal")
	if principal == nil && notPrincipal == nil {
		return false, malformedPolicy("Missing required field Principal")
	}
	if principal != nil && notPrincipal != nil {
		return false, malformedPolicy(msgInvalidPrincipal)
	}
	if principal != nil {
		p, all, ok := normalisePrincipal(principal)
		if !ok {
			return false, malformedPolicy(msgInvalidPrincipal)
		}
		add("Principal", p)
		return all, nil
	}
	p, all, ok := normalisePrincipal(notPrincipal)
	if !ok {
		return false, malformedPolicy(msgInvalidPrincipal)
	}
	add("NotPrincipal", p)
	return !all, nil // everyone except a named few
}

// statementActions validates Action / NotAction against the catalogue. It
// returns the resource classes of each listed action and whether a "bad
// action" is granted (NotAction counts as one: it grants nearly everything).
func statementActions(s *jsonValue, add func(string, *jsonValue)) ([]resourceClass, bool, *Error) {
	action, notAction := s.get("Action"), s.get("NotAction")
	if action == nil && notAction == nil {
		return nil, false, malformedPolicy("Missing required field Action")
	}
	if action != nil && notAction != nil {
		return nil, false, malformedPolicy(msgInvalidAction)
	}
	name, v := "Action", action
	if action == nil {
		name, v = "NotAction", notAction
	}
	names, ok := v.stringList()
	if !ok {
		return nil, false, malformedPolicy(msgInvalidAction)
	}
	classes := make([]resourceClass, 0, len(names))
	bad := action == nil
	for _, n := range names {
		m, ok := matchAction(n)
		if !ok {
			return nil, false, malformedPolicy(msgInvalidAction)
		}
		classes = append(classes, m.classes)
		bad = bad || m.bad
	}
	add(name, v)
	return classes, bad, nil
}

// statementResources validates Resource / NotResource: every entry must be
// this bucket's ARN or an object ARN inside it.
func statementResources(s *jsonValue, bucket string, add func(string, *jsonValue)) (resourceClass, *Error) {
	resource, notResource := s.get("Resource"), s.get("NotResource")
	if resource == nil && notResource == nil {
		return 0, malformedPolicy("Missing required field Resource")
	}
	if resource != nil && notResource != nil {
		return 0, malformedPolicy(msgInvalidResource)
	}
	name, v := "Resource", resource
	if resource == nil {
		name, v = "NotResource", notResource
	}
	values, ok := v.stringList()
	if !ok {
		return 0, malformedPolicy(msgInvalidResource)
	}
	var classes resourceClass
	for _, r := range values {
		c, ok := bucketResource(r, bucket)
		if !ok {
			return 0, malformedPolicy(msgInvalidResource)
		}
		classes |= c
	}
	add(name, v)
	return classes, nil
}

// bucketResource classifies a Resource value for bucket: the bucket ARN, an
// object ARN inside it, or invalid (another bucket, "*", not an S3 ARN).
func bucketResource(resource, bucket string) (resourceClass, bool) {
	rest, ok := strings.CutPrefix(resource, "arn:aws:s3:::")
	if !ok {
		return 0, false
	}
	if rest == bucket {
		return appliesToBucket, true
	}
	if strings.HasPrefix(rest, bucket+"/") {
		return appliesToObject, true
	}
	return 0, false
}

// statementCondition validates the Condition block (operators, keys, IP
// values) and reports whether it confines the statement to fixed callers.
func statementCondition(s *jsonValue, add func(string, *jsonValue)) (bool, *Error) {
	cond := s.get("Condition")
	if cond == nil {
		return false, nil
	}
	if cond.kind != jsonObject {
		return false, malformedPolicy(msgInvalidJSON)
	}
	restricted := false
	for _, op := range cond.members {
		if _, _, _, ok := conditionOperator(op.key); !ok {
			return false, malformedPolicy("Invalid Condition type : " + op.key)
		}
		if op.value.kind != jsonObject {
			return false, malformedPolicy(msgInvalidJSON)
		}
		for _, entry := range op.value.members {
			if !validConditionKey(entry.key) {
				return false, malformedPolicy(msgInvalidCondKey)
			}
			values, ok := conditionValues(entry.value)
			if !ok {
				return false, malformedPolicy(msgInvalidJSON)
			}
			if ipConditionKeys[strings.ToLower(entry.key)] {
				for _, ip := range values {
					if _, ok := parseIPOrPrefix(ip); !ok {
						return false, malformedPolicy(msgInvalidIPAddress)
					}
				}
			}
			restricted = restricted || restricts(op.key, entry.key, values)
		}
	}
	add("Condition", cond)
	return restricted, nil
}

// scalarText renders a JSON value for an error message.
func scalarText(v *jsonValue) string {
	if v.kind == jsonString {
		return v.str
	}
	var b bytes.Buffer
	writeJSON(&b, v)
	return b.String()
}
