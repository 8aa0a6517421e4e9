package cmd

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/s3sec/s3sec/awsops"
)

// writeReportText prints the report as a table of bucket states followed by
// the findings of each bucket, for humans and for CI logs.
func writeReportText(w io.Writer, r *report) error {
	who := r.identity.ARN
	if r.identity.IsRoot {
		who += " (root)"
	}
	fmt.Fprintf(w, "Endpoint: %s\n", r.endpoint)
	if off := r.unsupported(); len(off) > 0 {
		fmt.Fprintf(w, "Not supported by this endpoint (shown as n/a): %s\n", strings.Join(off, ", "))
	}
	fmt.Fprintf(w, "Identity: %s\n\n", who)

	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "BUCKET\tREGION\tENCRYPTION\tVERSIONING\tMFA DELETE\tLOGGING\tCORS\tTLS-ONLY\tBPA\tACLS\tLIFECYCLE\tFINDINGS")
	for _, s := range r.states {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			s.Name, orDash(s.Region), textEncryption(s), textVersioning(s), textMFA(s),
			textLogging(s), textCORS(s), textTLS(s), textPAB(s), textACLs(s), textLifecycle(s),
			textCounts(r.findingsFor(s.Name), len(awsops.UnreadFacets(&s))))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	t := r.totals()
	fmt.Fprintf(w, "\n%d buckets; findings: %d high, %d medium, %d low, %d info",
		len(r.states), t[awsops.SeverityHigh], t[awsops.SeverityMedium], t[awsops.SeverityLow], t[awsops.SeverityInfo])
	if n := len(r.unread()); n > 0 {
		fmt.Fprintf(w, "; INCOMPLETE: %d setting(s) could not be read (facet-error below)", n)
	}
	fmt.Fprintln(w)
	for _, s := range r.states {
		fs := r.findingsFor(s.Name)
		if len(fs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", s.Name)
		for _, f := range fs {
			fmt.Fprintf(w, "  [%-6s] %s: %s\n", strings.ToUpper(f.Severity.String()), f.ID, f.Message)
			if f.Remedy != "" {
				fmt.Fprintf(w, "           fix: %s\n", f.Remedy)
			}
		}
	}
	return nil
}

// facetErr returns the error code of a failed facet, shown in its cell only.
func facetErr(s awsops.BucketState, f awsops.Facet) string {
	if e := s.Errors[f]; e.Unsupported() {
		return "n/a" // the endpoint does not implement it (see the endpoint line)
	} else if e != nil {
		return "ERR " + e.Code
	}
	return "?"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func textEncryption(s awsops.BucketState) string {
	e := s.Encryption
	if e == nil {
		return facetErr(s, awsops.FacetEncryption)
	}
	var out string
	switch e.Algorithm {
	case "AES256":
		out = "SSE-S3"
	case "aws:kms":
		out = "SSE-KMS"
	case "aws:kms:dsse":
		out = "DSSE-KMS"
	default:
		out = e.Algorithm
	}
	if e.KMSKeyID != "" {
		out += " " + shortKeyID(e.KMSKeyID)
	} else if strings.HasPrefix(e.Algorithm, "aws:kms") {
		out += " aws/s3"
	}
	if e.BucketKey && strings.HasPrefix(e.Algorithm, "aws:kms") {
		out += " +BK"
	}
	return out
}

// shortKeyID shows an alias as is and a key id or ARN by its first 8 characters.
func shortKeyID(id string) string {
	if i := strings.LastIndex(id, ":alias/"); i >= 0 {
		return id[i+1:]
	}
	if strings.HasPrefix(id, "alias/") {
		return id
	}
	if i := strings.LastIndex(id, "key/"); i >= 0 {
		id = id[i+4:]
	}
	if len(id) > 8 {
		return id[:8] + "…"
	}
	return id
}

func textVersioning(s awsops.BucketState) string {
	if s.Versioning == nil {
		return facetErr(s, awsops.FacetVersioning)
	}
	return string(s.Versioning.Status)
}

func textMFA(s awsops.BucketState) string {
	if s.Versioning == nil {
		return facetErr(s, awsops.FacetVersioning)
	}
	return string(s.Versioning.MFADelete)
}

func textLogging(s awsops.BucketState) string {
	l := s.Logging
	if l == nil {
		return facetErr(s, awsops.FacetLogging)
	}
	if !l.Enabled {
		return "off"
	}
	if l.TargetBucket == s.Name {
		return "→ itself (loop)"
	}
	return "→ " + l.TargetBucket
}

func textCORS(s awsops.BucketState) string {
	c := s.CORS
	if c == nil {
		return facetErr(s, awsops.FacetCORS)
	}
	if len(c.Rules) == 0 {
		return "none"
	}
	out := fmt.Sprintf("%d rule", len(c.Rules))
	if len(c.Rules) > 1 {
		out += "s"
	}
	if c.WildcardOrigin() {
		out += " (*)"
	}
	return out
}

func textTLS(s awsops.BucketState) string {
	if s.Policy == nil {
		return facetErr(s, awsops.FacetPolicy)
	}
	switch {
	case s.Policy.TLSEnforced:
		return "yes"
	case s.Policy.TLSWrong: // explained by the tls-policy-wrong finding
		return "wrong"
	}
	return "no"
}

func textPAB(s awsops.BucketState) string {
	p := s.PublicAccessBlock
	if p == nil {
		return facetErr(s, awsops.FacetPublicAccessBlock)
	}
	switch {
	case !p.Configured:
		return "none"
	case p.AllOn():
		return "all on"
	default:
		return "partial"
	}
}

// textACLs is "off" when Object Ownership disables ACLs, "on" otherwise.
func textACLs(s awsops.BucketState) string {
	if s.Ownership == nil {
		return facetErr(s, awsops.FacetOwnership)
	}
	if s.Ownership.ACLsEnabled() {
		return "on"
	}
	return "off"
}

func textLifecycle(s awsops.BucketState) string {
	if s.Lifecycle == nil {
		return facetErr(s, awsops.FacetLifecycle)
	}
	return fmt.Sprintf("%d", s.Lifecycle.Rules)
}

// textCounts summarises findings as the console's Findings cell does:
// "2H 1M 3L 1i", most urgent first, info notes included; "none" only for a
// bucket whose every facet was read, and a count of unread facets otherwise,
// so a bucket the report could not fully see never looks clean.
func textCounts(fs []awsops.Finding, unread int) string {
	var n [4]int
	for _, f := range fs {
		if f.Severity >= awsops.SeverityInfo && f.Severity <= awsops.SeverityHigh {
			n[f.Severity]++
		}
	}
	var parts []string
	for _, c := range []struct {
		sev    awsops.Severity
		letter string
	}{{awsops.SeverityHigh, "H"}, {awsops.SeverityMedium, "M"}, {awsops.SeverityLow, "L"}, {awsops.SeverityInfo, "i"}} {
		if n[c.sev] > 0 {
			parts = append(parts, fmt.Sprintf("%d%s", n[c.sev], c.letter))
		}
	}
	if unread > 0 {
		parts = append(parts, fmt.Sprintf("(%d unread)", unread))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}
