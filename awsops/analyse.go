package awsops

import (
	"fmt"
	"sort"
	"strings"
)

// Analyse returns the findings over all bucket states, sorted by severity
// (high first), then bucket, then id. It is pure. Only facets that loaded
// are judged: a facet that is missing or failed never produces a finding
// other than facet-error, whose severity is real (medium or high, see
// unreadSeverity) so an unread facet never passes for a clean one. Pass every listed bucket, even before any of its
// facets has arrived: a logging target absent from states is reported as
// missing.
func Analyse(states []BucketState) []Finding {
	known := make(map[string]*BucketState, len(states))
	for i := range states {
		known[states[i].Name] = &states[i]
	}
	out := analyseLogging(states, known)
	targets := logTargets(states)
	for i := range states {
		out = append(out, bucketFindings(&states[i], targets)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Bucket != b.Bucket {
			return a.Bucket < b.Bucket
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Message < b.Message
	})
	return out
}

// logTargets is the set of buckets that some bucket sends its access logs to.
func logTargets(states []BucketState) map[string]bool {
	t := map[string]bool{}
	for i := range states {
		if l := states[i].Logging; l != nil && l.Enabled {
			t[l.TargetBucket] = true
		}
	}
	return t
}

// bucketFindings judges the facets of one bucket on their own; logTarget
// says which buckets receive access logs, whose encryption advice differs.
func bucketFindings(st *BucketState, logTarget map[string]bool) []Finding {
	var out []Finding
	out = append(out, encryptionFindings(st, logTarget[st.Name])...)
	out = append(out, versioningFindings(st)...)
	out = append(out, corsFindings(st)...)
	out = append(out, tlsFindings(st)...)
	out = append(out, publicAccessFindings(st)...)
	out = append(out, ownershipFindings(st)...)
	for _, f := range AllFacets {
		if e := st.Errors[f]; e != nil && !e.Unsupported() {
			out = append(out, facetErrorFinding(st.Name, f, e, st.Policy))
		}
	}
	return out
}

// encryptionFindings: KMS without a bucket key, SSE-C not blocked. A log
// target on SSE-KMS gets no bucket-key advice: its fix is SSE-S3, which
// logging-target-kms (on the buckets that log to it) already says.
func encryptionFindings(st *BucketState, logTarget bool) []Finding {
	e := st.Encryption
	if e == nil {
		return nil
	}
	var out []Finding
	if e.Algorithm == "aws:kms" && !e.BucketKey && !logTarget {
		key := e.KMSKeyID
		if key == "" {
			key = "aws/s3"
		}
		out = append(out, Finding{
			ID: "kms-no-bucket-key", Severity: SeverityLow, Bucket: st.Name,
			Message: fmt.Sprintf("%s uses SSE-KMS (%s) without an S3 Bucket Key: every object read and write is a KMS call, counted against the KMS request quota and billed", st.Name, key),
			Remedy:  fmt.Sprintf("aws s3api put-bucket-encryption --bucket %s --server-side-encryption-configuration '%s'", st.Name, encryptionRuleJSON(*e, true, e.BlockedEncryptionTypes)),
		})
	}
	if !e.SSECBlocked() {
		out = append(out, Finding{
			ID: "ssec-allowed", Severity: SeverityInfo, Bucket: st.Name,
			Message: fmt.Sprintf("%s accepts uploads encrypted with customer-provided keys (SSE-C): such data is unrecoverable if the keys are lost; AWS blocks SSE-C by default on new buckets since April 2026", st.Name),
			Remedy:  fmt.Sprintf("aws s3api put-bucket-encryption --bucket %s --server-side-encryption-configuration '%s'", st.Name, encryptionRuleJSON(*e, e.BucketKey, []string{"SSE-C"})),
		})
	}
	return out
}

// encryptionRuleJSON writes the current default-encryption rule with the
// given bucket key setting and block list, for a remedy command line.
func encryptionRuleJSON(e Encryption, bucketKey bool, blocked []string) string {
	alg := e.Algorithm
	if alg == "" {
		alg = "AES256"
	}
	def := fmt.Sprintf(`{"SSEAlgorithm":%q`, alg)
	if e.KMSKeyID != "" {
		def += fmt.Sprintf(`,"KMSMasterKeyID":%q`, e.KMSKeyID)
	}
	def += "}"
	rule := fmt.Sprintf(`{"ApplyServerSideEncryptionByDefault":%s,"BucketKeyEnabled":%t`, def, bucketKey)
	if len(blocked) > 0 {
		rule += fmt.Sprintf(`,"BlockedEncryptionTypes":{"EncryptionType":["%s"]}`, strings.Join(blocked, `","`))
	}
	return `{"Rules":[` + rule + `}]}`
}

// versioningFindings: never versioned, suspended, MFA Delete off, and MFA
// Delete together with lifecycle rules.
func versioningFindings(st *BucketState) []Finding {
	v := st.Versioning
	if v == nil {
		return nil
	}
	enable := fmt.Sprintf("aws s3api put-bucket-versioning --bucket %s --versioning-configuration Status=Enabled", st.Name)
	var out []Finding
	switch v.Status {
	case VersioningNever:
		out = append(out, Finding{
			ID: "versioning-off", Severity: SeverityLow, Bucket: st.Name,
			Message: fmt.Sprintf("%s has never been versioned: an overwrite or delete loses the previous data for good", st.Name),
			Remedy:  enable,
		})
	case VersioningSuspended:
		out = append(out, Finding{
			ID: "versioning-suspended", Severity: SeverityMedium, Bucket: st.Name,
			Message: fmt.Sprintf("%s has versioning suspended: new overwrites and deletes no longer keep the previous version", st.Name),
			Remedy:  enable,
		})
	}
	versioned := v.Status == VersioningEnabled || v.Status == VersioningSuspended
	if versioned && v.MFADelete != MFADeleteEnabled {
		out = append(out, mfaDeleteOffFinding(st))
	}
	if v.MFADelete == MFADeleteEnabled && st.Lifecycle != nil && st.Lifecycle.Rules > 0 {
		out = append(out, Finding{
			ID: "mfa-delete-lifecycle-conflict", Severity: SeverityHigh, Bucket: st.Name,
			Message: fmt.Sprintf("%s has MFA Delete enabled and %d lifecycle rule(s): AWS does not support lifecycle configurations on MFA Delete buckets", st.Name, st.Lifecycle.Rules),
			Remedy:  fmt.Sprintf("remove the lifecycle rules (aws s3api delete-bucket-lifecycle --bucket %s) or, as the root user, disable MFA Delete", st.Name),
		})
	}
	return out
}

// mfaDeleteOffFinding advises MFA Delete, except that S3 does not support it
// together with lifecycle rules (and the console refuses to enable it
// there): for such a bucket the advice is that the rules must go first.
func mfaDeleteOffFinding(st *BucketState) Finding {
	f := Finding{
		ID: "mfa-delete-off", Severity: SeverityLow, Bucket: st.Name,
		Message: fmt.Sprintf("%s is versioned but MFA Delete is off: whoever may delete object versions can erase every copy without a second factor", st.Name),
		Remedy: fmt.Sprintf("as the root user, with its MFA device: aws s3api put-bucket-versioning --bucket %s "+
			"--versioning-configuration Status=Enabled,MFADelete=Enabled --mfa 'SERIAL CODE'", st.Name),
	}
	if st.Lifecycle != nil && st.Lifecycle.Rules > 0 {
		f.Message += fmt.Sprintf("; it cannot be turned on while the bucket has %d lifecycle rule(s), which AWS does not support on MFA Delete buckets", st.Lifecycle.Rules)
		f.Remedy = fmt.Sprintf("decide whether the lifecycle rules or MFA Delete matter more: MFA Delete needs the lifecycle rules removed first "+
			"(aws s3api delete-bucket-lifecycle --bucket %s), then, as the root user with its MFA device: aws s3api put-bucket-versioning --bucket %s "+
			"--versioning-configuration Status=Enabled,MFADelete=Enabled --mfa 'SERIAL CODE'", st.Name, st.Name)
	}
	return f
}

// corsFindings: any origin, and any origin allowed to write.
func corsFindings(st *BucketState) []Finding {
	c := st.CORS
	if c == nil {
		return nil
	}
	var out []Finding
	putCORS := fmt.Sprintf("aws s3api put-bucket-cors --bucket %s --cors-configuration file://cors.json", st.Name)
	if c.WildcardOrigin() {
		out = append(out, Finding{
			ID: "cors-wildcard-origin", Severity: SeverityMedium, Bucket: st.Name,
			Message: fmt.Sprintf("%s allows cross-origin requests from any web site (AllowedOrigin *)", st.Name),
			Remedy:  "list the sites that need access in AllowedOrigin instead of *: " + putCORS,
		})
	}
	if methods := anyHostWriteMethods(*c); len(methods) > 0 {
		out = append(out, Finding{
			ID: "cors-wildcard-write", Severity: SeverityHigh, Bucket: st.Name,
			Message: fmt.Sprintf("%s lets any web site send %s requests from a visitor's browser (a CORS rule allows every origin)", st.Name, strings.Join(methods, ", ")),
			Remedy:  "limit AllowedOrigin to your own sites in the rules that allow PUT, POST or DELETE: " + putCORS,
		})
	}
	return append(out, corsRuleFindings(st)...)
}

// anyHostProbes are origins no one configures on purpose: a pattern that
// matches them matches every host.
var anyHostProbes = []string{"https://attacker.invalid", "http://attacker.invalid"}

// anyHostWriteMethods returns the write methods (PUT, POST, DELETE) allowed
// by rules whose origins include an any-host pattern ("*", "http*", "https://*").
func anyHostWriteMethods(c CORS) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range c.Rules {
		if !anyHostOrigin(r.AllowedOrigins) {
			continue
		}
		for _, m := range r.AllowedMethods {
			m = strings.ToUpper(m)
			if (m == "PUT" || m == "POST" || m == "DELETE") && !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	sort.Strings(out)
	return out
}

// anyHostOrigin reports whether one of the origin patterns matches any host.
func anyHostOrigin(origins []string) bool {
	for _, o := range origins {
		for _, probe := range anyHostProbes {
			if strings.Contains(o, "*") && globMatch(strings.ToLower(o), probe) {
				return true
			}
		}
	}
	return false
}

// pabOff names the Block Public Access settings that are off.
func pabOff(p PublicAccessBlock) []string {
	var off []string
	for _, s := range []struct {
		name string
		on   bool
	}{
		{"BlockPublicAcls", p.BlockPublicAcls},
		{"IgnorePublicAcls", p.IgnorePublicAcls},
		{"BlockPublicPolicy", p.BlockPublicPolicy},
		{"RestrictPublicBuckets", p.RestrictPublicBuckets},
	} {
		if !s.on {
			off = append(off, s.name)
		}
	}
	return off
}
