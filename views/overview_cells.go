package views

import (
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"fmt"
	"strings"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// column is one column of the overview grid.
type column int

// The overview's columns, in display order.
const (
	colBucket column = iota
	colRegion
	colEncryption
	colVersioning
	colMFA
	colLogging
	colCORS
	colTLS
	colFindings
	numColumns
)

// columnSpecs size the columns. The MFA Delete column is never narrower
// than its longest word ("Disabled"), so it says what the Versioning & MFA
// pane says; TLS-only grows no wider than its title (it would take the
// room first), leaving it to the Logging column, whose Max follows the
// longest log target. When the terminal is narrow, columns first
// shrink to their minimum and are then dropped in this order: Region,
// MFA Delete, CORS, Logging, TLS-only, Versioning, Encryption. Bucket and
// Findings are never dropped. At 80 columns Region and MFA Delete are gone.
var columnSpecs = [numColumns]ui.Column{
	colBucket:     {Title: "Bucket", Min: 20, Priority: 100, Flex: true},
	colRegion:     {Title: "Region", Min: 9, Max: 14, Priority: 10},
	colEncryption: {Title: "Encryption", Short: "Enc", Min: 10, Max: 24, Priority: 90},
	colVersioning: {Title: "Versioning", Short: "Vers", Min: 9, Max: 10, Priority: 80},
	colMFA:        {Title: "MFA Delete", Short: "MFA", Min: 8, Max: 10, Priority: 40},
	colLogging:    {Title: "Logging", Short: "Log", Min: 8, Max: 22, Priority: 60},
	colCORS:       {Title: "CORS", Min: 6, Max: 12, Priority: 50},
	colTLS:        {Title: "TLS-only", Short: "TLS", Min: 6, Max: 8, Priority: 70},
	colFindings:   {Title: "Findings", Short: "Find", Min: 8, Max: 11, Priority: 99},
}

// facetOf is the facet a column shows; colBucket and colFindings have none.
func (c column) facet() (awsops.Facet, bool) {
	switch c {
	case colRegion:
		return awsops.FacetRegion, true
	case colEncryption:
		return awsops.FacetEncryption, true
	case colVersioning, colMFA:
		return awsops.FacetVersioning, true
	case colLogging:
		return awsops.FacetLogging, true
	case colCORS:
		return awsops.FacetCORS, true
	case colTLS:
		return awsops.FacetPolicy, true
	case colBucket, colFindings, numColumns:
	}
	return "", false
}

// cellEnv is what a cell needs besides the bucket state.
type cellEnv struct {
	st      *ui.Styles
	spin    string // spinner frame for facets still loading
	width   int    // width of the cell, for short forms
	loading bool   // the bucket is being read
	// analysing is set while the findings lag behind the states (the
	// debounced analysis has not caught up): an empty count means "not
	// known yet", not "none".
	analysing bool
	findings  []awsops.Finding
	stale     *awsops.BucketState // the previous read while the bucket is read again; nil when none
}

// cell renders one cell: while its facet loads, the previous value dimmed
// (R, r) or a spinner; the error code when its facet failed; otherwise the value.
func cell(c column, s *awsops.BucketState, e cellEnv) string {
	if c == colBucket {
		return s.Name
	}
	if c == colFindings {
		return findingsCell(s, e)
	}
	f, _ := c.facet()
	if fe := s.Errors[f]; fe != nil {
		return e.st.Error.Render(errorCell(fe.Code, e.width))
	}
	if !s.Loaded(f) {
		if e.loading && e.stale != nil && e.stale.Loaded(f) {
			// Being read again: the old value, dimmed, rather than a blank.
			old := e
			old.stale = nil
			return e.st.Muted.Render(ansi.Strip(cell(c, e.stale, old)))
		}
		if e.loading {
			return e.spin
		}
		return e.st.Muted.Render("–")
	}
	return valueCell(c, s, e)
}

// valueCell renders a loaded facet.
func valueCell(c column, s *awsops.BucketState, e cellEnv) string {
	st := e.st
	switch c {
	case colRegion:
		return s.Region
	case colEncryption:
		if s.Encryption.Algorithm == "" {
			return st.Bad.Render("none")
		}
		// A truncated key name says nothing: drop it when it does not fit.
		if l := encryptionLabel(*s.Encryption); len(l) <= e.width {
			return l
		}
		return encryptionMode(*s.Encryption)
	case colVersioning:
		return versioningCell(st, s.Versioning.Status)
	case colMFA:
		return mfaCell(st, s.Versioning.MFADelete)
	case colLogging:
		return loggingCell(s, e)
	case colCORS:
		return corsCell(st, *s.CORS)
	case colTLS:
		switch {
		case s.Policy.TLSEnforced:
			return st.Good.Render("yes")
		case s.Policy.TLSWrong: // a statement tries and falls short: never counted
			return st.Bad.Render("wrong")
		}
		return st.Warn.Render("no")
	case colBucket, colFindings, numColumns:
	}
	return ""
}

func versioningCell(st *ui.Styles, v awsops.VersioningStatus) string {
	switch v {
	case awsops.VersioningEnabled:
		return st.Good.Render(string(v))
	case awsops.VersioningSuspended:
		return st.Warn.Render(string(v))
	case awsops.VersioningNever:
		return st.Muted.Render(string(v))
	}
	return string(v)
}

func mfaCell(st *ui.Styles, v awsops.MFADeleteStatus) string {
	switch v {
	case awsops.MFADeleteEnabled:
		return st.Good.Render(string(v))
	case awsops.MFADeleteDisabled, awsops.MFADeleteNever:
		return st.Muted.Render(string(v))
	}
	return string(v)
}

// errorCell is an error code that fits the cell: the code itself when it
// does, else a short word for the common codes. The detail pane always
// shows the full code and message.
func errorCell(code string, width int) string {
	if len(code) <= width {
		return code
	}
	short := map[string]string{
		"AccessDenied":                 "denied",
		"AccessDeniedException":        "denied",
		awsops.CodeNotImplemented:      "n/a",
		awsops.CodeRequestCanceled:     "cancel",
		awsops.CodeRequestError:        "neterr",
		awsops.CodeTimeout:             "t/o",
		"SlowDown":                     "slow",
		"ThrottlingException":          "thrott",
		"NoSuchBucket":                 "gone",
		"InternalError":                "500",
		"ServiceUnavailable":           "503",
		"AuthorizationHeaderMalformed": "region",
		"PermanentRedirect":            "region",
	}[code]
	if short != "" {
		return short
	}
	return code
}

// loggingCell shows "off", "→ target", or "↻ target" for a loop: a bucket
// logging into itself, or a loop the analysis found through a chain.
func loggingCell(s *awsops.BucketState, e cellEnv) string {
	l := s.Logging
	if !l.Enabled {
		return e.st.Muted.Render("off")
	}
	if l.TargetBucket == s.Name || hasFinding(e.findings, "logging-loop") {
		text := "↻ " + l.TargetBucket
		if ansi.StringWidth(text) > e.width {
			text = "↻ loop"
		}
		return e.st.Bad.Render(text)
	}
	return "→ " + l.TargetBucket
}

// Widths of the Logging column: at least its minimum, at most the widest
// useful (a bucket name is at most 63 characters).
const maxLoggingWidth = 2 + 63

// loggingWidth is the width that shows s's log target whole ("→ " or "↻ "
// and the bucket name); 0 when logging is off or not read.
func loggingWidth(s *awsops.BucketState) int {
	if s.Logging == nil || !s.Logging.Enabled {
		return 0
	}
	return min(maxLoggingWidth, 2+ansi.StringWidth(s.Logging.TargetBucket))
}

// corsCell shows the rule count, with "*" when any rule allows every origin.
func corsCell(st *ui.Styles, c awsops.CORS) string {
	if len(c.Rules) == 0 {
		return st.Muted.Render("none")
	}
	if c.WildcardOrigin() {
		return st.Warn.Render(fmt.Sprintf("%d *", len(c.Rules)))
	}
	return fmt.Sprint(len(c.Rules))
}

// findingsCell counts the bucket's findings by severity, most urgent first;
// colour is never the only signal, the letter says the severity. It spins,
// never says "none", while the bucket's facets load or its analysis is pending.
func findingsCell(s *awsops.BucketState, e cellEnv) string {
	incomplete := missing(s) > 0
	if incomplete && e.loading {
		return e.spin
	}
	var n [4]int
	for _, f := range e.findings {
		if f.Severity >= 0 && int(f.Severity) < len(n) {
			n[f.Severity]++
		}
	}
	var parts []string
	add := func(sev awsops.Severity, letter string) {
		if n[sev] > 0 {
			parts = append(parts, severityStyle(e.st, sev).Render(fmt.Sprintf("%d%s", n[sev], letter)))
		}
	}
	add(awsops.SeverityHigh, "H")
	add(awsops.SeverityMedium, "M")
	add(awsops.SeverityLow, "L")
	add(awsops.SeverityInfo, "i")
	switch {
	case len(parts) == 0 && e.analysing:
		return e.spin
	case len(parts) == 0 && incomplete:
		// Facets that were never read cannot vouch for the bucket.
		return e.st.Muted.Render("–")
	case len(parts) == 0:
		return e.st.Good.Render("none")
	case incomplete:
		parts = append(parts, e.st.Muted.Render("+?"))
	}
	return strings.Join(parts, " ")
}

func hasFinding(fs []awsops.Finding, id string) bool {
	for _, f := range fs {
		if f.ID == id {
			return true
		}
	}
	return false
}

// severityStyle is the theme style of a finding severity.
func severityStyle(st *ui.Styles, s awsops.Severity) lipgloss.Style {
	switch s {
	case awsops.SeverityHigh:
		return st.SevHigh
	case awsops.SeverityMedium:
		return st.SevMedium
	case awsops.SeverityLow:
		return st.SevLow
	case awsops.SeverityInfo:
		return st.SevInfo
	}
	return st.Text
}
