package awsops

import (
	"encoding/json"
	"fmt"
	"strings"
)

// policyManagementActions are the calls needed to repair a bucket policy.
var policyManagementActions = []string{"s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"}

// LockoutCaller is who will use the bucket after the policy is applied.
type LockoutCaller struct {
	ARN     string // caller identity ARN, e.g. arn:aws:iam::111122223333:user/alice
	OverTLS bool   // whether the caller's requests use HTTPS (an HTTP-only sandbox does not)
}

// LockoutWarning is one way a policy would shut people out.
type LockoutWarning struct {
	Sid         string   // the statement responsible ("" when it has none)
	Actions     []string // the policy management actions denied to the caller
	DeniesAll   bool     // the statement denies every principal everything
	Explanation string
}

// rootOnlyRecovery is what every lock-out warning ends with.
const rootOnlyRecovery = "only the bucket owner account's root user could then read, replace or delete the policy to recover"

// LockoutLint reports, before a policy is written, whether it would deny
// the caller the calls needed to repair it (Get/Put/DeleteBucketPolicy), or
// deny every principal everything. Conditions are judged only for
// aws:SecureTransport (against caller.OverTLS); a statement with any other
// condition might or might not apply and is not reported, so this lint
// finds certain lock-outs, not every possible one.
func LockoutLint(policyJSON, bucket string, caller LockoutCaller) []LockoutWarning {
	var doc struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal([]byte(policyJSON), &doc); err != nil {
		return nil
	}
	var out []LockoutWarning
	for i, st := range statements(doc.Statement) {
		if st["Effect"] != "Deny" || !lockoutConditionApplies(st["Condition"], caller.OverTLS) {
			continue
		}
		sid, _ := st["Sid"].(string)
		name := statementName(st, i)
		if principalIsEveryone(st["Principal"]) && st["NotPrincipal"] == nil && st["NotAction"] == nil &&
			actionsCoverS3(st["Action"]) && st["NotResource"] == nil && resourcesCoverBucket(stringList(st["Resource"]), bucket) {
			out = append(out, LockoutWarning{Sid: sid, DeniesAll: true, Actions: policyManagementActions,
				Explanation: fmt.Sprintf("%s denies every principal every action on %s%s; %s", name, bucket, transportNote(st["Condition"], caller.OverTLS), rootOnlyRecovery)})
			continue
		}
		if !lockoutPrincipalMatches(st, caller.ARN) || !lockoutResourceMatches(st, bucketARN(bucket)) {
			continue
		}
		var denied []string
		for _, a := range policyManagementActions {
			if lockoutActionMatches(st, a) {
				denied = append(denied, a)
			}
		}
		if len(denied) > 0 {
			out = append(out, LockoutWarning{Sid: sid, Actions: denied,
				Explanation: fmt.Sprintf("%s denies you (%s) %s%s; %s", name, caller.ARN, strings.Join(denied, ", "), transportNote(st["Condition"], caller.OverTLS), rootOnlyRecovery)})
		}
	}
	return out
}

// transportNote names the transport a condition that applies to the
// caller denies (lockoutConditionApplies judges only aws:SecureTransport
// conditions, matched against the caller's transport); no condition, or an
// empty one, denies on every transport.
func transportNote(v any, overTLS bool) string {
	if cond, ok := v.(map[string]any); v == nil || ok && len(cond) == 0 {
		return ""
	}
	if overTLS {
		return " over HTTPS, which is how you connect"
	}
	return " over plain HTTP, which is how you connect"
}

// lockoutConditionApplies: no condition applies always; a condition made
// only of aws:SecureTransport applies when its value matches the caller's
// transport; any other condition is not judged (false).
func lockoutConditionApplies(v any, overTLS bool) bool {
	if v == nil {
		return true
	}
	cond, ok := v.(map[string]any)
	if !ok || len(cond) == 0 {
		return true
	}
	want := "false"
	if overTLS {
		want = "true"
	}
	for op, tests := range cond {
		keys, ok := tests.(map[string]any)
		if !ok || (op != "Bool" && op != "BoolIfExists") {
			return false
		}
		for key, value := range keys {
			if !strings.EqualFold(key, "aws:SecureTransport") || !containsFold(boolStrings(value), want) {
				return false
			}
		}
	}
	return true
}

// lockoutPrincipalMatches: Principal names the caller, or NotPrincipal
// does not.
func lockoutPrincipalMatches(st map[string]any, callerARN string) bool {
	if np := st["NotPrincipal"]; np != nil {
		return !principalNames(np, callerARN)
	}
	return principalNames(st["Principal"], callerARN)
}

// principalNames reports whether a Principal value covers the caller: "*",
// the caller's ARN (wildcards allowed), its account (id or :root), or for an
// assumed-role session the role's ARN.
func principalNames(v any, callerARN string) bool {
	if principalIsEveryone(v) {
		return true
	}
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	account, roleARN := callerAccountAndRole(callerARN)
	for _, p := range stringList(m["AWS"]) {
		switch {
		case globMatch(p, callerARN):
			return true
		case account != "" && (p == account || p == "arn:aws:iam::"+account+":root"):
			return true
		case roleARN != "" && globMatch(p, roleARN):
			return true
		}
	}
	return false
}

// callerAccountAndRole reads the account id of an IAM/STS ARN and, for an
// assumed-role session, the ARN of its role.
func callerAccountAndRole(arn string) (account, role string) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 {
		return "", ""
	}
	account = parts[4]
	if parts[2] == "sts" && strings.HasPrefix(parts[5], "assumed-role/") {
		if name, _, ok := strings.Cut(strings.TrimPrefix(parts[5], "assumed-role/"), "/"); ok {
			role = "arn:" + parts[1] + ":iam::" + account + ":role/" + name
		}
	}
	return account, role
}

// lockoutActionMatches: Action covers the action, or NotAction does not.
func lockoutActionMatches(st map[string]any, action string) bool {
	if na := st["NotAction"]; na != nil {
		return !actionListMatches(stringList(na), action)
	}
	return actionListMatches(stringList(st["Action"]), action)
}

func actionListMatches(patterns []string, action string) bool {
	for _, p := range patterns {
		if globMatch(strings.ToLower(p), strings.ToLower(action)) {
			return true
		}
	}
	return false
}

// lockoutResourceMatches: Resource covers the bucket ARN, or NotResource does not.
func lockoutResourceMatches(st map[string]any, arn string) bool {
	if nr := st["NotResource"]; nr != nil {
		return !anyGlobMatches(stringList(nr), arn)
	}
	return anyGlobMatches(stringList(st["Resource"]), arn)
}
