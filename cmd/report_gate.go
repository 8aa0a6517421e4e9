package cmd

import (
	"fmt"
	"io"

	"github.com/s3sec/s3sec/awsops"
)

// exitIncomplete is the status of `report --fail-on` when no finding reached
// the threshold but some facet could not be read: the gate cannot vouch for
// what it did not see, so an incomplete report never exits 0. (The other
// shared exit codes are in root.go.)
const exitIncomplete = 4

// failOnStatus decides the exit status of `report --fail-on threshold`:
//
//	a finding about a bucket's settings at or above threshold -> 3 (exitFindings)
//	otherwise, any facet unread (unread > 0)                   -> 4 (exitIncomplete)
//	otherwise                                                  -> 0
//
// Findings that stand for an unread facet (facet-error) count as
// incompleteness, never as a matched finding, whatever their severity: 3
// always means "a problem was found", 4 "something could not be checked".
func failOnStatus(threshold awsops.Severity, findings []awsops.Finding, unread int) int {
	if len(tripping(threshold, findings)) > 0 {
		return exitFindings
	}
	if unread > 0 {
		return exitIncomplete
	}
	return exitOK
}

// tripping returns the findings about bucket settings at or above threshold.
func tripping(threshold awsops.Severity, findings []awsops.Finding) []awsops.Finding {
	var out []awsops.Finding
	for _, f := range findings {
		if !f.Unread() && f.Severity >= threshold {
			out = append(out, f)
		}
	}
	return out
}

// unreadFacet is one facet of one bucket that the report could not read.
type unreadFacet struct {
	bucket string
	facet  awsops.Facet
	err    *awsops.FacetError // nil when the facet never arrived
}

// unread lists every facet the report could not read, bucket by bucket.
func (r *report) unread() []unreadFacet {
	var out []unreadFacet
	for i := range r.states {
		s := &r.states[i]
		for _, f := range awsops.UnreadFacets(s) {
			out = append(out, unreadFacet{bucket: s.Name, facet: f, err: s.Errors[f]})
		}
	}
	return out
}

// unreadRemedy is the remedy of the facet-error finding of u, if any.
func (r *report) unreadRemedy(u unreadFacet) string {
	for _, f := range r.findings {
		if f.Unread() && f.Bucket == u.bucket && f.Facet == u.facet {
			return f.Remedy
		}
	}
	return ""
}

// writeGateReasons prints, on w (stderr), what made `--fail-on` fail: the
// findings at or above the threshold, then the facets that could not be read.
func writeGateReasons(w io.Writer, r *report, threshold awsops.Severity, code int) {
	if code == exitOK {
		return
	}
	if trip := tripping(threshold, r.findings); len(trip) > 0 {
		fmt.Fprintf(w, "s3sec report: --fail-on %s: %d finding(s) at or above %s (exit %d):\n", threshold, len(trip), threshold, exitFindings)
		for _, f := range trip {
			fmt.Fprintf(w, "  %s: %s [%s]\n", f.Bucket, f.ID, f.Severity)
		}
	}
	writeUnread(w, r)
	if code == exitIncomplete {
		fmt.Fprintf(w, "s3sec report: --fail-on %s: nothing at or above %s among what was read, but the report is incomplete (exit %d)\n",
			threshold, threshold, exitIncomplete)
	}
}

// writeUnread prints the facets that could not be read, with why and what
// is missing, or nothing when the report is complete.
func writeUnread(w io.Writer, r *report) {
	un := r.unread()
	if len(un) == 0 {
		return
	}
	fmt.Fprintf(w, "s3sec report: incomplete: %d facet(s) could not be read, so nothing is known of them:\n", len(un))
	for _, u := range un {
		why := "not read"
		if u.err != nil {
			why = u.err.Error()
		}
		fmt.Fprintf(w, "  %s %s: %s\n", u.bucket, u.facet, why)
		if fix := r.unreadRemedy(u); fix != "" {
			fmt.Fprintf(w, "    fix: %s\n", fix)
		}
	}
}
