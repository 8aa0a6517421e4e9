package awsops

import (
	"encoding/json"
	"fmt"
	"strings"
)

// tlsFindings: no policy or no TLS statement (tls-not-enforced), or a
// policy whose transport statements fall short (tls-policy-wrong). A wrong
// statement is explained, never counted as enforcement, and gets only the
// one finding so the two do not repeat each other.
func tlsFindings(st *BucketState) []Finding {
	p := st.Policy
	if p == nil || p.TLSEnforced {
		return nil
	}
	if p.Present {
		if a := AnalyseTLSPolicy(p.JSON, st.Name); a.Verdict == TLSWrong {
			return []Finding{tlsPolicyWrongFinding(st.Name, p.JSON, a)}
		}
	}
	msg := fmt.Sprintf("%s has no bucket policy, so requests over plain HTTP are allowed", st.Name)
	if p.Present {
		msg = fmt.Sprintf("%s's bucket policy does not deny requests over plain HTTP (aws:SecureTransport = false)", st.Name)
	}
	return []Finding{{
		ID: "tls-not-enforced", Severity: SeverityMedium, Bucket: st.Name, Message: msg,
		Remedy: fmt.Sprintf(`add a statement {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::%s","arn:aws:s3:::%s/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}} to the policy (aws s3api put-bucket-policy --bucket %s --policy file://policy.json)`,
			st.Name, st.Name, st.Name),
	}}
}

// tlsPolicyWrongFinding explains why the policy's transport statements do
// not enforce TLS; the remedy is the canonical statement merged into the
// current policy by Sid, so the rest of the policy is kept.
func tlsPolicyWrongFinding(bucket, policy string, a TLSAnalysis) Finding {
	stmt := TLSOnlyStatement(bucket)
	remedy := fmt.Sprintf("add the statement %s (Sid %s)", compactStatement(stmt), stmt.Sid)
	if len(a.DeniesHTTPS) > 0 {
		remedy += " and drop the statement(s) that deny HTTPS, which together with it would deny every request"
	}
	remedy += "; "
	if merged, err := tlsRemedyPolicy(policy, stmt, a.DeniesHTTPS); err == nil {
		remedy += fmt.Sprintf("with the rest of the policy kept: aws s3api put-bucket-policy --bucket %s --policy %s", shellArg(bucket), shellArg(merged))
	} else {
		remedy += fmt.Sprintf("aws s3api put-bucket-policy --bucket %s --policy file://policy.json", bucket)
	}
	return Finding{
		ID: "tls-policy-wrong", Severity: SeverityMedium, Bucket: bucket,
		Message: fmt.Sprintf("%s's bucket policy tries to require TLS but does not deny plain HTTP: %s", bucket, strings.Join(a.Explanations, "; ")),
		Remedy:  remedy,
	}
}

// tlsRemedyPolicy merges the canonical statement into the policy after
// dropping the statements that deny HTTPS.
func tlsRemedyPolicy(policy string, stmt Statement, drop []int) (string, error) {
	d, err := ParsePolicy(policy)
	if err != nil {
		return "", err
	}
	d.RemoveAt(drop)
	if err := d.Upsert(stmt); err != nil {
		return "", err
	}
	return d.JSON()
}

// compactStatement writes one statement as JSON for a remedy line.
// It is what PolicyDoc.Upsert stores for the statement.
func compactStatement(st Statement) string {
	raw, err := json.Marshal(st)
	if err != nil {
		return ""
	}
	return string(raw)
}
