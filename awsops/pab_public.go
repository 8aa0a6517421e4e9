package awsops

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"
)

// PublicStatement is a bucket policy statement that makes the policy public
// in S3's sense ("The meaning of public" in the S3 user guide): an Allow to
// everyone that no condition pins to fixed callers.
type PublicStatement struct {
	Index   int    // position in the Statement list
	Name    string // `statement "Sid"` or `statement N`
	Actions string // what it grants, as written
	Why     string // plain words: who it reaches and why no condition narrows it
}

// publicRestrictingKeys are the condition keys that make an Allow to "*"
// non-public when matched against fixed values: they pin the caller to
// known networks, accounts, organisations or resources.
var publicRestrictingKeys = map[string]bool{
	"aws:sourceip": true, "aws:sourcearn": true, "aws:sourcevpc": true, "aws:sourcevpce": true,
	"aws:sourceowner": true, "aws:sourceaccount": true, "aws:userid": true,
	"aws:principalorgid": true, "aws:principalorgpaths": true, "aws:principalaccount": true,
	"aws:principalarn": true, "aws:sourceorgid": true, "aws:sourceorgpaths": true,
	"s3:x-amz-server-side-encryption-aws-kms-key-id": true,
	"s3:dataaccesspointarn":                          true, "s3:dataaccesspointaccount": true,
}

// publicRestrictingOperators hold only when the key is present with one of
// the listed values (IfExists and negated forms let anyone else through).
var publicRestrictingOperators = map[string]bool{
	"stringequals": true, "stringequalsignorecase": true, "stringlike": true,
	"arnequals": true, "arnlike": true, "ipaddress": true,
}

// PublicStatements lists the statements that make a bucket policy public;
// none for a private policy or text that is not a policy. BlockPublicPolicy
// refuses a policy with any of them, and RestrictPublicBuckets keeps them
// from reaching anyone outside the bucket owner's account.
func PublicStatements(policyJSON string) []PublicStatement {
	var doc struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal([]byte(policyJSON), &doc); err != nil {
		return nil
	}
	var out []PublicStatement
	for i, st := range statements(doc.Statement) {
		if st["Effect"] != "Allow" {
			continue
		}
		who := ""
		switch {
		case st["Principal"] != nil && principalIsEveryone(st["Principal"]):
			who = "allows everyone (Principal \"*\"), anonymous callers included"
		case st["NotPrincipal"] != nil:
			who = "allows everyone except the NotPrincipal list, anonymous callers included"
		default:
			continue
		}
		if restrictingCondition(st["Condition"]) {
			continue
		}
		actions := strings.Join(stringList(st["Action"]), ", ")
		if st["NotAction"] != nil {
			actions = "everything except " + strings.Join(stringList(st["NotAction"]), ", ")
		}
		why := who + ", and no condition limits it to fixed source IPs, VPCs, accounts, organisations or ARNs"
		if st["Condition"] != nil {
			why = who + "; its condition does not limit it to fixed source IPs, VPCs, accounts, organisations or ARNs"
		}
		out = append(out, PublicStatement{Index: i, Name: statementName(st, i), Actions: actions, Why: why})
	}
	return out
}

// restrictingCondition reports whether some condition entry confines the
// statement to fixed callers (a value without wildcards or variables of a
// restricting key under a restricting operator; IP ranges narrower than /8).
func restrictingCondition(v any) bool {
	block, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for op, entries := range block {
		name := strings.ToLower(op)
		if strings.HasPrefix(name, "forallvalues:") || strings.HasSuffix(name, "ifexists") {
			continue
		}
		name = strings.TrimPrefix(name, "foranyvalue:")
		if !publicRestrictingOperators[name] {
			continue
		}
		keys, ok := entries.(map[string]any)
		if !ok {
			continue
		}
		for key, raw := range keys {
			if publicRestrictingKeys[strings.ToLower(key)] && fixedValues(name, conditionStrings(raw)) {
				return true
			}
		}
	}
	return false
}

// fixedValues reports whether condition values name fixed callers: no
// wildcards or policy variables, and IP ranges no wider than /8 (IPv4) or
// /32 (IPv6).
func fixedValues(operator string, values []string) bool {
	if len(values) == 0 {
		return false
	}
	for _, v := range values {
		if v == "" || strings.ContainsAny(v, "*?") || strings.Contains(v, "${") {
			return false
		}
		if operator == "ipaddress" {
			p, err := netip.ParsePrefix(v)
			if err != nil {
				a, aerr := netip.ParseAddr(v)
				if aerr != nil {
					return false
				}
				p = netip.PrefixFrom(a, a.BitLen())
			}
			if (p.Addr().Is4() && p.Bits() < 8) || (!p.Addr().Is4() && p.Bits() < 32) {
				return false
			}
		}
	}
	return true
}

// conditionStrings reads condition values (strings, numbers, booleans).
func conditionStrings(v any) []string {
	var list []any
	if l, ok := v.([]any); ok {
		list = l
	} else {
		list = []any{v}
	}
	var out []string
	for _, e := range list {
		switch t := e.(type) {
		case string:
			out = append(out, t)
		case float64, bool:
			out = append(out, fmt.Sprint(t))
		}
	}
	return out
}

// BlockPublicPolicyRefusal explains, before anything is sent, that S3
// would refuse to store policyJSON on st's bucket because the policy is
// public while the bucket's BlockPublicPolicy is on (PutBucketPolicy answers
// 403 AccessDenied); "" when the bucket-level setting does not stand in the
// way (account-level settings, which the session may not read, can still).
// A policy editor calls it with the lock-out lint, before building a plan.
func BlockPublicPolicyRefusal(st BucketState, policyJSON string) string {
	p := st.PublicAccessBlock
	if p == nil || !p.BlockPublicPolicy {
		return ""
	}
	public := PublicStatements(policyJSON)
	if len(public) == 0 {
		return ""
	}
	names := make([]string, len(public))
	for i, s := range public {
		names[i] = s.Name + " grants " + s.Actions + ": it " + s.Why
	}
	return "S3 would refuse this policy: it is public (" + strings.Join(names, "; ") + ") and BlockPublicPolicy is on for " +
		st.Name + ". Remove the statement, limit it with a condition on fixed values (aws:SourceIp, aws:SourceAccount, aws:PrincipalOrgID ...), " +
		"or turn BlockPublicPolicy off first."
}
