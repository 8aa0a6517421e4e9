package awsops

import "fmt"

// Severity ranks a finding. The zero value is Info.
type Severity int

// Severities from least to most urgent.
const (
	SeverityInfo Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
)

// String returns the lower-case name used in reports and JSON.
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityLow:
		return "low"
	case SeverityMedium:
		return "medium"
	case SeverityHigh:
		return "high"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads a severity name as printed by String.
func ParseSeverity(s string) (Severity, error) {
	for _, v := range []Severity{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh} {
		if v.String() == s {
			return v, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want high, medium, low or info)", s)
}

// Finding is one problem (or note) about one bucket, with what to do about it.
type Finding struct {
	ID       string // stable identifier, e.g. "logging-loop"
	Severity Severity
	Bucket   string
	Message  string
	Remedy   string
	Facet    Facet // for facet-error: the facet that could not be read; "" otherwise
}
