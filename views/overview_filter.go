package views

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// The overview's filter matches what the grid shows, not only the names:
// "SSE-KMS", "Suspended", "loop" or "denied" find the buckets whose cells
// say so, in the long or the short form of the cell.

// filterColumns are the columns whose text the filter matches besides the
// bucket name. Findings is left out: its counts ("1H") are no words.
var filterColumns = [...]column{colRegion, colEncryption, colVersioning, colMFA, colLogging, colCORS, colTLS}

// plainStyles renders cells without any escape, for matching.
var plainStyles = &ui.Styles{}

// filterText is the lower-case text the filter matches for one bucket: its
// name and every cell, at the widest and the narrowest width of its column.
// Loops found through a chain of buckets (a finding, not the state) are
// matched apart, in matchesFilter, so the text depends on the state only.
func filterText(s *awsops.BucketState) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(s.Name))
	e := cellEnv{st: plainStyles}
	for _, c := range filterColumns {
		f, _ := c.facet()
		if !s.Loaded(f) && s.Errors[f] == nil {
			continue
		}
		spec := columnSpecs[c]
		seen := ""
		for _, w := range []int{max(spec.Max, maxLoggingWidth), spec.Min} {
			e.width = w
			t := ansi.Strip(cell(c, s, e))
			if t == seen {
				continue
			}
			seen = t
			b.WriteByte('\n')
			b.WriteString(strings.ToLower(t))
		}
		if c == colEncryption && s.Encryption != nil {
			b.WriteByte('\n')
			b.WriteString(strings.ToLower(encryptionLabel(*s.Encryption)))
		}
	}
	return b.String()
}

// filterKey identifies the facet values a filterText was built from. Facet
// values are replaced, never changed in place, so equal pointers mean the
// same text: the cache needs no invalidation by the code that streams.
type filterKey struct {
	region string
	enc    *awsops.Encryption
	ver    *awsops.Versioning
	log    *awsops.Logging
	cors   *awsops.CORS
	pol    *awsops.Policy
	errs   [len(filterColumns)]*awsops.FacetError
}

func filterKeyOf(s *awsops.BucketState) filterKey {
	k := filterKey{region: s.Region, enc: s.Encryption, ver: s.Versioning, log: s.Logging, cors: s.CORS, pol: s.Policy}
	for i, c := range filterColumns {
		f, _ := c.facet()
		k.errs[i] = s.Errors[f]
	}
	return k
}

// filterEntry is one cached filterText.
type filterEntry struct {
	name string // the bucket it was built for
	key  filterKey
	text string
}

// matchesFilter reports whether bucket i of the store matches needle (in
// lower case; "" matches every bucket). Texts are cached per bucket, by its
// index in the store (27 µs each to build; 50,000 buckets are filtered on
// every keystroke).
func (o *Overview) matchesFilter(i int, needle string) bool {
	if needle == "" {
		return true
	}
	s := &o.store.states[i]
	if len(o.filterCache) != len(o.store.states) {
		o.filterCache = make([]filterEntry, len(o.store.states)) // a new listing
	}
	k := filterKeyOf(s)
	ent := &o.filterCache[i]
	if ent.name != s.Name || ent.key != k {
		*ent = filterEntry{name: s.Name, key: k, text: filterText(s)}
	}
	if strings.Contains(ent.text, needle) {
		return true
	}
	if s.Logging != nil && s.Logging.Enabled && hasFinding(o.store.findings[s.Name], "logging-loop") {
		return strings.Contains("↻ loop\n↻ "+strings.ToLower(s.Logging.TargetBucket), needle)
	}
	return false
}
