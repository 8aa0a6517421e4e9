package bucketconfig

import (
	"net/netip"
	"strings"
)

// conditionOperators are the IAM condition operators (lower case; IAM
// matches them case-insensitively). Each may carry an "IfExists" suffix,
// except Null, and a ForAllValues:/ForAnyValue: set prefix.
var conditionOperators = map[string]bool{
	"stringequals": true, "stringnotequals": true, "stringequalsignorecase": true,
	"stringnotequalsignorecase": true, "stringlike": true, "stringnotlike": true,
	"numericequals": true, "numericnotequals": true, "numericlessthan": true,
	"numericlessthanequals": true, "numericgreaterthan": true, "numericgreaterthanequals": true,
	"dateequals": true, "datenotequals": true, "datelessthan": true, "datelessthanequals": true,
	"dategreaterthan": true, "dategreaterthanequals": true, "bool": true, "binaryequals": true,
	"ipaddress": true, "notipaddress": true, "arnequals": true, "arnlike": true,
	"arnnotequals": true, "arnnotlike": true, "null": true,
}

// conditionOperator splits an operator into its set prefix, base name and
// IfExists flag (all lower case); ok is false for an unknown operator.
func conditionOperator(op string) (set, base string, ifExists, ok bool) {
	base = strings.ToLower(op)
	for _, prefix := range []string{"forallvalues:", "foranyvalue:"} {
		if rest, found := strings.CutPrefix(base, prefix); found {
			set, base = prefix, rest
			break
		}
	}
	if rest, found := strings.CutSuffix(base, "ifexists"); found && rest != "null" {
		base, ifExists = rest, true
	}
	return set, base, ifExists, conditionOperators[base]
}

// s3ConditionKeys are the S3 service condition keys (lower case) a bucket
// policy may use; global aws:* keys are all accepted.
var s3ConditionKeys = map[string]bool{
	"s3:prefix": true, "s3:delimiter": true, "s3:max-keys": true, "s3:versionid": true,
	"s3:locationconstraint": true, "s3:x-amz-acl": true, "s3:x-amz-grant-read": true,
	"s3:x-amz-grant-write": true, "s3:x-amz-grant-read-acp": true, "s3:x-amz-grant-write-acp": true,
	"s3:x-amz-grant-full-control": true, "s3:x-amz-copy-source": true, "s3:x-amz-metadata-directive": true,
	"s3:x-amz-server-side-encryption": true, "s3:x-amz-server-side-encryption-aws-kms-key-id": true,
	"s3:x-amz-server-side-encryption-customer-algorithm": true, "s3:x-amz-storage-class": true,
	"s3:x-amz-website-redirect-location": true, "s3:x-amz-content-sha256": true,
	"s3:x-amz-object-ownership": true, "s3:requestobjecttagkeys": true, "s3:authtype": true,
	"s3:signatureage": true, "s3:signatureversion": true, "s3:tlsversion": true,
	"s3:dataaccesspointaccount": true, "s3:dataaccesspointarn": true, "s3:accesspointnetworkorigin": true,
	"s3:object-lock-mode": true, "s3:object-lock-retain-until-date": true,
	"s3:object-lock-remaining-retention-days": true, "s3:object-lock-legal-hold": true,
	"s3:resourceaccount": true, "s3:if-match": true, "s3:if-none-match": true,
	"s3:objectcreationoperation": true, "s3:existingjobpriority": true, "s3:existingjoboperation": true,
	"s3:jobsuspendedcause": true, "s3:requestjobpriority": true, "s3:requestjoboperation": true,
}

// s3ConditionKeyPrefixes are S3 keys that carry a tag key after the slash.
var s3ConditionKeyPrefixes = []string{"s3:existingobjecttag/", "s3:requestobjecttag/"}

// validConditionKey reports whether a bucket policy may use key.
func validConditionKey(key string) bool {
	k := strings.ToLower(key)
	if rest, ok := strings.CutPrefix(k, "aws:"); ok {
		return rest != ""
	}
	if s3ConditionKeys[k] {
		return true
	}
	for _, p := range s3ConditionKeyPrefixes {
		if rest, ok := strings.CutPrefix(k, p); ok && rest != "" {
			return true
		}
	}
	return false
}

// ipConditionKeys hold addresses: their values must parse as an IP or CIDR.
var ipConditionKeys = map[string]bool{"aws:sourceip": true, "aws:vpcsourceip": true}

// parseIPOrPrefix parses "192.0.2.1", "192.0.2.0/24", "2001:db8::/32"...
func parseIPOrPrefix(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p, err == nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// restrictingConditionKeys make an Allow to "*" non-public when they are
// matched against fixed values ("The meaning of public" in the S3 user
// guide, plus the organisation and principal keys).
var restrictingConditionKeys = map[string]bool{
	"aws:sourceip": true, "aws:sourcearn": true, "aws:sourcevpc": true, "aws:sourcevpce": true,
	"aws:sourceowner": true, "aws:sourceaccount": true, "aws:userid": true,
	"s3:x-amz-server-side-encryption-aws-kms-key-id": true, "aws:principalorgid": true,
	"aws:principalorgpaths": true, "aws:principalaccount": true, "aws:principalarn": true,
	"aws:sourceorgid": true, "aws:sourceorgpaths": true, "s3:dataaccesspointarn": true,
	"s3:dataaccesspointaccount": true,
}

// restrictingOperators only hold when the key is present with a matching value.
var restrictingOperators = map[string]bool{
	"stringequals": true, "stringequalsignorecase": true, "stringlike": true,
	"arnequals": true, "arnlike": true, "ipaddress": true,
}

// Prefix lengths below these are treated as "everyone" rather than a set of
// CIDRs: 0.0.0.0/1 limits nothing in practice.
const (
	minRestrictingIPv4Bits = 8
	minRestrictingIPv6Bits = 32
)

// restricts reports whether one condition entry confines a statement to a
// fixed set of callers.
func restricts(operator, key string, values []string) bool {
	set, base, ifExists, ok := conditionOperator(operator)
	k := strings.ToLower(key)
	if !ok || ifExists || set == "forallvalues:" || !restrictingOperators[base] || !restrictingConditionKeys[k] || len(values) == 0 {
		return false
	}
	for _, v := range values {
		// Wildcards and policy variables make a value not fixed; this also
		// covers the "AROLEID:*" pattern of aws:userid.
		if v == "" || strings.ContainsAny(v, "*?") || strings.Contains(v, "${") {
			return false
		}
		if base == "ipaddress" {
			p, ok := parseIPOrPrefix(v)
			if !ok || (p.Addr().Is4() && p.Bits() < minRestrictingIPv4Bits) ||
				(!p.Addr().Is4() && p.Bits() < minRestrictingIPv6Bits) {
				return false
			}
		}
	}
	return true
}

// conditionValues returns the scalar values of a condition entry as
// strings; ok is false for objects, nulls or nested arrays.
func conditionValues(v *jsonValue) ([]string, bool) {
	scalar := func(x *jsonValue) (string, bool) {
		switch x.kind {
		case jsonString, jsonNumber:
			return x.str, true
		case jsonBool:
			if x.boolean {
				return "true", true
			}
			return "false", true
		}
		return "", false
	}
	if v.kind != jsonArray {
		s, ok := scalar(v)
		return []string{s}, ok
	}
	out := make([]string, 0, len(v.items))
	for _, it := range v.items {
		s, ok := scalar(it)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}
