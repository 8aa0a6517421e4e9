package views

import (
	"cmp"
	"slices"
	"strings"

	"github.com/s3sec/s3sec/awsops"
)

// sortRows orders row indices (into states) by column c; rows whose value
// is not known yet (loading or failed) go last in both directions, and
// ties keep name order so the grid does not jitter while facets stream in.
// Keys are computed once per row, not once per comparison.
func sortRows(rows []int, states []awsops.BucketState, findings map[string][]awsops.Finding, c column, desc bool) {
	type entry struct {
		row  int
		k    sortVal
		ok   bool
		name string
	}
	es := make([]entry, len(rows))
	for i, r := range rows {
		s := &states[r]
		k, ok := sortKey(c, s, findings[s.Name])
		es[i] = entry{row: r, k: k, ok: ok, name: s.Name}
	}
	slices.SortFunc(es, func(a, b entry) int {
		switch {
		case a.ok && !b.ok:
			return -1
		case !a.ok && b.ok:
			return 1
		}
		r := 0
		if a.ok && b.ok {
			r = compareKeys(a.k, b.k)
		}
		if desc {
			r = -r
		}
		if r == 0 {
			r = strings.Compare(a.name, b.name)
		}
		return r
	})
	for i, e := range es {
		rows[i] = e.row
	}
}

// sortVal is a sort key: a number first, then a string.
type sortVal struct {
	n int
	s string
}

func compareKeys(a, b sortVal) int {
	if c := cmp.Compare(a.n, b.n); c != 0 {
		return c
	}
	return strings.Compare(a.s, b.s)
}

// sortKey returns the key of one cell and whether its value is known.
func sortKey(c column, s *awsops.BucketState, fs []awsops.Finding) (sortVal, bool) {
	if c == colBucket {
		return sortVal{s: s.Name}, true
	}
	if c == colFindings {
		if missing(s) > 0 {
			return sortVal{}, false
		}
		// Weight by severity so one high outranks any number of lows.
		n := 0
		for _, f := range fs {
			n += []int{1, 1_000, 1_000_000, 1_000_000_000}[max(0, min(int(f.Severity), 3))]
		}
		return sortVal{n: n}, true
	}
	f, _ := c.facet()
	if !s.Loaded(f) || s.Errors[f] != nil {
		return sortVal{}, false
	}
	switch c {
	case colRegion:
		return sortVal{s: s.Region}, true
	case colEncryption:
		return sortVal{s: encryptionLabel(*s.Encryption)}, true
	case colVersioning:
		return sortVal{n: versioningRank(s.Versioning.Status)}, true
	case colMFA:
		return sortVal{n: mfaRank(s.Versioning.MFADelete)}, true
	case colLogging:
		if !s.Logging.Enabled {
			return sortVal{}, true
		}
		return sortVal{n: 1, s: s.Logging.TargetBucket}, true
	case colCORS:
		n := len(s.CORS.Rules) * 2
		if s.CORS.WildcardOrigin() {
			n++
		}
		return sortVal{n: n}, true
	case colTLS:
		switch { // a policy that tries and falls short sorts with "no", after it
		case s.Policy.TLSEnforced:
			return sortVal{n: 2}, true
		case s.Policy.TLSWrong:
			return sortVal{n: 1}, true
		}
		return sortVal{}, true
	case colBucket, colFindings, numColumns:
	}
	return sortVal{}, false
}

func versioningRank(v awsops.VersioningStatus) int {
	switch v {
	case awsops.VersioningNever:
		return 0
	case awsops.VersioningSuspended:
		return 1
	case awsops.VersioningEnabled:
		return 2
	}
	return -1
}

func mfaRank(v awsops.MFADeleteStatus) int {
	switch v {
	case awsops.MFADeleteNever:
		return 0
	case awsops.MFADeleteDisabled:
		return 1
	case awsops.MFADeleteEnabled:
		return 2
	}
	return -1
}
