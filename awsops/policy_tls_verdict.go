package awsops

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// TLSVerdict says what a bucket policy does about requests without TLS.
type TLSVerdict int

const (
	// TLSNotEnforced: no statement is about transport security at all.
	TLSNotEnforced TLSVerdict = iota
	// TLSEnforced: a statement denies every request without TLS.
	TLSEnforced
	// TLSWrong: statements mention aws:SecureTransport or s3:TlsVersion but
	// none of them denies plain HTTP for everyone, everything, everywhere.
	TLSWrong
)

// String names the verdict for reports.
func (v TLSVerdict) String() string {
	switch v {
	case TLSEnforced:
		return "enforced"
	case TLSWrong:
		return "wrong"
	}
	return "not enforced"
}

// TLSAnalysis is the verdict with the reasons, in plain words, why each
// transport statement falls short (empty when enforced or not attempted).
type TLSAnalysis struct {
	Verdict      TLSVerdict
	Explanations []string
	// DeniesHTTPS lists (0-based) the statements that deny requests made
	// WITH TLS (aws:SecureTransport "true"): next to the canonical statement
	// they would deny everything, so a fix must drop them.
	DeniesHTTPS []int
	// Enforcing lists (0-based) the statements that deny plain HTTP for
	// everyone, everything, everywhere (empty unless enforced); MinTLS the
	// faultless statements that deny only old TLS versions. Removing TLS
	// enforcement drops both, so no half-statement is left behind.
	Enforcing []int
	MinTLS    []int
}

// AnalyseTLSPolicy judges a bucket policy's TLS enforcement for the bucket.
// A statement counts only when it has Effect Deny, Principal "*", an Action
// covering all of S3, Resources covering the bucket and all its objects,
// and a Condition made only of Bool/BoolIfExists aws:SecureTransport =
// "false" (optionally with NumericLessThanIfExists s3:TlsVersion, which
// holds on plain HTTP where the key is absent). A statement that tries and
// falls short is explained, never counted.
func AnalyseTLSPolicy(policyJSON, bucket string) TLSAnalysis {
	var doc struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal([]byte(policyJSON), &doc); err != nil {
		return TLSAnalysis{}
	}
	var explanations []string
	var deniesHTTPS, enforcing, minTLS []int
	minTLSOnly := []string{}
	for i, st := range statements(doc.Statement) {
		name := statementName(st, i)
		kind := transportKind(st["Condition"])
		if kind == transportNone {
			continue
		}
		problems := tlsStatementProblems(st, bucket)
		if len(problems) == 0 {
			if kind == transportSecure || minTLSIfExists(st["Condition"]) {
				enforcing = append(enforcing, i)
				continue
			}
			minTLS = append(minTLS, i)
			minTLSOnly = append(minTLSOnly, name)
			continue
		}
		explanations = append(explanations, fmt.Sprintf("%s %s", name, strings.Join(problems, "; ")))
		if values := secureTransportValues(st["Condition"]); st["Effect"] == "Deny" && containsFold(values, "true") && !containsFold(values, "false") {
			deniesHTTPS = append(deniesHTTPS, i)
		}
	}
	if len(enforcing) > 0 {
		// A wrong statement beside a right one is not explained: the right
		// one denies plain HTTP on its own. One that denies HTTPS is still
		// listed, since beside it every request is denied.
		return TLSAnalysis{Verdict: TLSEnforced, Enforcing: enforcing, MinTLS: minTLS, DeniesHTTPS: deniesHTTPS}
	}
	for _, name := range minTLSOnly {
		explanations = append(explanations, name+" denies old TLS versions (s3:TlsVersion) but there is no aws:SecureTransport statement: "+
			"a plain-HTTP request has no TLS version, so it is not denied")
	}
	if len(explanations) == 0 {
		return TLSAnalysis{}
	}
	return TLSAnalysis{Verdict: TLSWrong, Explanations: explanations, DeniesHTTPS: deniesHTTPS, MinTLS: minTLS}
}

// PolicyEnforcesTLS reports whether a bucket policy denies every request
// without TLS to the bucket and all its objects (see AnalyseTLSPolicy).
func PolicyEnforcesTLS(policyJSON, bucket string) bool {
	return AnalyseTLSPolicy(policyJSON, bucket).Verdict == TLSEnforced
}

// statementName is how an explanation names a statement.
func statementName(st map[string]any, i int) string {
	if sid, ok := st["Sid"].(string); ok && sid != "" {
		return fmt.Sprintf("statement %q", sid)
	}
	return fmt.Sprintf("statement %d", i+1)
}

type transportCondition int

const (
	transportNone   transportCondition = iota
	transportSecure                    // tests aws:SecureTransport
	transportMinTLS                    // tests s3:TlsVersion only
)

// transportKind says whether a Condition is about transport security.
func transportKind(v any) transportCondition {
	cond, _ := v.(map[string]any)
	kind := transportNone
	for _, tests := range cond {
		keys, _ := tests.(map[string]any)
		for key := range keys {
			switch {
			case strings.EqualFold(key, "aws:SecureTransport"):
				kind = transportSecure
			case strings.EqualFold(key, "s3:TlsVersion") && kind == transportNone:
				kind = transportMinTLS
			}
		}
	}
	return kind
}

// tlsStatementProblems lists, in plain words, why one transport statement
// does not deny all plain-HTTP access. A TlsVersion-only statement with no
// other fault has no problems here; the caller judges it.
func tlsStatementProblems(st map[string]any, bucket string) []string {
	var out []string
	values := secureTransportValues(st["Condition"])
	switch st["Effect"] {
	case "Deny":
		if containsFold(values, "true") && !containsFold(values, "false") {
			out = append(out, `denies requests where aws:SecureTransport is "true", i.e. the HTTPS ones, and lets plain HTTP through; the value must be "false"`)
		}
	case "Allow":
		if containsFold(values, "false") {
			out = append(out, "is an Allow that explicitly permits plain-HTTP requests; it denies nothing")
		} else {
			out = append(out, "is an Allow: it grants HTTPS requests but denies nothing, so plain HTTP stays allowed by any other grant; use Effect Deny with \"false\"")
		}
		return out // the other checks are about a deny's reach
	default:
		out = append(out, fmt.Sprintf("has Effect %v; only \"Deny\" (case-sensitive) can refuse plain HTTP", st["Effect"]))
		return out
	}
	if st["NotPrincipal"] != nil {
		out = append(out, "uses NotPrincipal: the principals it names are exempt and may still use plain HTTP")
	} else if !principalIsEveryone(st["Principal"]) {
		out = append(out, "applies only to the principals it names; everyone else may still use plain HTTP (use Principal \"*\")")
	}
	if st["NotAction"] != nil {
		out = append(out, "uses NotAction: the actions it excludes stay allowed over plain HTTP (use Action \"s3:*\")")
	} else if !actionsCoverS3(st["Action"]) {
		out = append(out, fmt.Sprintf("denies only %s; every other S3 action stays allowed over plain HTTP (use Action \"s3:*\")", strings.Join(stringList(st["Action"]), ", ")))
	}
	out = append(out, resourceProblems(st, bucket)...)
	out = append(out, conditionProblems(st["Condition"])...)
	return out
}

// resourceProblems says which of the bucket and its objects the statement
// leaves out.
func resourceProblems(st map[string]any, bucket string) []string {
	if st["NotResource"] != nil {
		return []string{"uses NotResource: the resources it excludes stay reachable over plain HTTP"}
	}
	patterns := stringList(st["Resource"])
	if resourcesCoverBucket(patterns, bucket) {
		return nil
	}
	var out []string
	if !anyGlobMatches(patterns, bucketARN(bucket)) {
		out = append(out, fmt.Sprintf("does not cover the bucket itself (%s), so bucket-level calls such as listing or reading its settings stay allowed over plain HTTP", bucketARN(bucket)))
	}
	covers := false
	for _, p := range patterns {
		covers = covers || globCoversAllSuffixes(p, bucketARN(bucket)+"/")
	}
	if !covers {
		out = append(out, fmt.Sprintf("does not cover all the objects (%s), so object reads and writes stay allowed over plain HTTP", objectsARN(bucket)))
	}
	return out
}

func anyGlobMatches(patterns []string, s string) bool {
	for _, p := range patterns {
		if globMatch(p, s) {
			return true
		}
	}
	return false
}

// conditionProblems names the condition tests that narrow the deny: every
// test of a Condition must hold for the deny to apply, so any test that a
// plain-HTTP request may fail lets such requests through.
func conditionProblems(v any) []string {
	cond, _ := v.(map[string]any)
	var extra []string
	for op, tests := range cond {
		keys, ok := tests.(map[string]any)
		if !ok {
			extra = append(extra, op)
			continue
		}
		for key := range keys {
			switch {
			case (op == "Bool" || op == "BoolIfExists") && strings.EqualFold(key, "aws:SecureTransport"):
			case op == "NumericLessThanIfExists" && strings.EqualFold(key, "s3:TlsVersion"):
			case op == "NumericLessThan" && strings.EqualFold(key, "s3:TlsVersion") && transportKind(v) == transportMinTLS:
				// a TlsVersion-only statement: judged by the caller
			default:
				extra = append(extra, op+" "+key)
			}
		}
	}
	if len(extra) == 0 {
		return nil
	}
	sort.Strings(extra)
	return []string{fmt.Sprintf("has an extra condition (%s) that must also hold for the deny to apply, so plain-HTTP requests that do not match it are allowed", strings.Join(extra, ", "))}
}

// minTLSIfExists reports whether a TlsVersion condition uses the IfExists
// operator, which holds when the key is absent, as on a plain-HTTP request:
// such a statement denies plain HTTP as well as old TLS.
func minTLSIfExists(v any) bool {
	cond, _ := v.(map[string]any)
	_, ok := cond["NumericLessThanIfExists"]
	return ok && len(cond) == 1
}

// secureTransportValues collects the values tested against aws:SecureTransport.
func secureTransportValues(v any) []string {
	cond, _ := v.(map[string]any)
	var out []string
	for op, tests := range cond {
		if op != "Bool" && op != "BoolIfExists" {
			continue
		}
		keys, _ := tests.(map[string]any)
		for key, value := range keys {
			if strings.EqualFold(key, "aws:SecureTransport") {
				out = append(out, boolStrings(value)...)
			}
		}
	}
	return out
}

// containsFold reports whether list holds s, ignoring case (header names,
// policy actions and condition keys are case-insensitive).
func containsFold(list []string, s string) bool {
	for _, e := range list {
		if strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}
