package awsops

import (
	"encoding/json"
	"strings"
)

// logDeliveryPrincipal is the service S3 delivers server access logs as.
const logDeliveryPrincipal = "logging.s3.amazonaws.com"

// deliveryVerdict is what a target's bucket policy says about the logging
// service writing one source bucket's logs.
type deliveryVerdict struct {
	allowed  bool   // an Allow statement covers the write
	deniedBy string // the Deny statement that blocks it ("" when none does)
}

// logDeliveryVerdict reads the target's policy the way S3 evaluates the
// logging service's PutObject of a log object of source under prefix: the
// service principal, s3:PutObject on the object's ARN, and the request's
// aws:SourceArn (the source bucket) and aws:SourceAccount. Conditions on
// other keys, or with operators it does not know, are taken as not met, so
// an Allow it cannot prove is reported as missing (the merge that follows
// is harmless when it was not) and a Deny it cannot prove is not reported.
func logDeliveryVerdict(policyJSON, target, prefix, source, account string) deliveryVerdict {
	var doc struct {
		Statement json.RawMessage
	}
	if strings.TrimSpace(policyJSON) == "" || json.Unmarshal([]byte(policyJSON), &doc) != nil {
		return deliveryVerdict{}
	}
	// A key as S3 names the first log object: any key under prefix will do,
	// since the recommended grant covers the whole prefix.
	object := "arn:aws:s3:::" + target + "/" + prefix + "2026-01-01-00-00-00-0123456789ABCDEF"
	ctx := map[string]string{
		"aws:sourcearn":       "arn:aws:s3:::" + source,
		"aws:sourceaccount":   account,
		"aws:securetransport": "true",
		"s3:resourceaccount":  account,
	}
	var v deliveryVerdict
	for i, st := range statements(doc.Statement) {
		if !servicePrincipalMatches(st) || !lockoutActionMatches(st, "s3:PutObject") ||
			!lockoutResourceMatches(st, object) || !conditionsMet(st["Condition"], ctx) {
			continue
		}
		switch effect, _ := st["Effect"].(string); effect {
		case "Deny":
			if v.deniedBy == "" {
				v.deniedBy = statementName(st, i)
			}
		case "Allow":
			v.allowed = true
		}
	}
	return v
}

// servicePrincipalMatches: Principal names everyone or the logging service,
// or NotPrincipal leaves the logging service out.
func servicePrincipalMatches(st map[string]any) bool {
	if np, ok := st["NotPrincipal"]; ok {
		return !namesLogService(np)
	}
	return principalIsEveryone(st["Principal"]) || namesLogService(st["Principal"])
}

// namesLogService reports whether a principal value lists the logging service.
func namesLogService(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, s := range stringList(m["Service"]) {
		if strings.EqualFold(s, logDeliveryPrincipal) {
			return true
		}
	}
	return false
}

// conditionsMet evaluates a Condition block against the known context keys
// (lower-case). Every operator must hold; see logDeliveryVerdict for what
// is not known.
func conditionsMet(cond any, ctx map[string]string) bool {
	block, ok := cond.(map[string]any)
	if !ok {
		return cond == nil
	}
	for op, keys := range block {
		km, ok := keys.(map[string]any)
		if !ok {
			return false
		}
		for k, want := range km {
			if !conditionHolds(op, ctx, strings.ToLower(k), boolStrings(want)) {
				return false
			}
		}
	}
	return true
}

// conditionHolds evaluates one operator on one key.
func conditionHolds(op string, ctx map[string]string, key string, want []string) bool {
	base, ifExists := strings.CutSuffix(op, "IfExists")
	have, present := ctx[key]
	if base == "Null" {
		return containsFold(want, "true") != present
	}
	if !present {
		return ifExists
	}
	anyMatch := func(match func(pattern string) bool) bool {
		for _, w := range want {
			if match(w) {
				return true
			}
		}
		return false
	}
	switch base {
	case "StringEquals", "ArnEquals", "Bool":
		return anyMatch(func(w string) bool { return w == have || (base == "Bool" && strings.EqualFold(w, have)) })
	case "StringEqualsIgnoreCase":
		return anyMatch(func(w string) bool { return strings.EqualFold(w, have) })
	case "StringLike", "ArnLike":
		return anyMatch(func(w string) bool { return globMatch(w, have) })
	case "StringNotEquals", "ArnNotEquals":
		return !anyMatch(func(w string) bool { return w == have })
	case "StringNotLike", "ArnNotLike":
		return !anyMatch(func(w string) bool { return globMatch(w, have) })
	}
	return false
}
