package views

import (
	"maps"

	"github.com/s3sec/s3sec/awsops"
)

// store holds every bucket's state and findings. It is owned by the
// overview, read by the detail screen, and changed only in Update.
type store struct {
	states   []awsops.BucketState // in ListBuckets order
	index    map[string]int
	findings map[string][]awsops.Finding
	severity [4]int // findings per awsops.Severity
	pending  int    // facets not loaded yet, over every bucket

	// stale holds the previous read of buckets being read again (R, r),
	// shown dimmed in their cells until the fresh values arrive.
	stale map[string]awsops.BucketState
}

func newStore() *store {
	return &store{index: map[string]int{}, findings: map[string][]awsops.Finding{}}
}

// reset replaces the buckets with a fresh listing; nothing is loaded yet
// except what ListBuckets said (the region, when the endpoint sends it).
func (s *store) reset(buckets []awsops.Bucket) {
	old, prevStale := s.states, s.stale
	s.stale = make(map[string]awsops.BucketState, len(old))
	for _, st := range old {
		if missing(&st) < len(awsops.AllFacets) {
			s.stale[st.Name] = st
		} else if prev, ok := prevStale[st.Name]; ok { // was being refreshed
			s.stale[st.Name] = prev
		}
	}
	s.states = make([]awsops.BucketState, len(buckets))
	s.index = make(map[string]int, len(buckets))
	s.findings = map[string][]awsops.Finding{}
	s.severity = [4]int{}
	s.pending = 0
	for i, b := range buckets {
		s.states[i] = awsops.BucketState{Name: b.Name, Region: b.Region, CreationDate: b.CreationDate}
		s.index[b.Name] = i
		s.pending += missing(&s.states[i])
	}
}

// missing counts the facets of one bucket that have not arrived.
func missing(st *awsops.BucketState) int {
	n := 0
	for _, f := range awsops.AllFacets {
		if !st.Loaded(f) {
			n++
		}
	}
	return n
}

// get returns the state of a bucket.
func (s *store) get(name string) (*awsops.BucketState, bool) {
	i, ok := s.index[name]
	if !ok {
		return nil, false
	}
	return &s.states[i], true
}

// apply merges one facet update; it reports whether the bucket is known.
func (s *store) apply(u awsops.FacetUpdate) bool {
	st, ok := s.get(u.Bucket)
	if !ok {
		return false
	}
	was := st.Loaded(u.Facet)
	st.Apply(u)
	if !was && st.Loaded(u.Facet) {
		s.pending--
	}
	return true
}

// clearFacets forgets what was read about one bucket while it is read
// again; its cells show the previous values dimmed until then.
func (s *store) clearFacets(name string) {
	st, ok := s.get(name)
	if !ok {
		return
	}
	before := missing(st)
	if s.stale == nil {
		s.stale = map[string]awsops.BucketState{}
	}
	s.stale[name] = *st
	*st = awsops.BucketState{Name: st.Name, Region: st.Region, CreationDate: st.CreationDate}
	s.pending += missing(st) - before
}

// replace puts a complete fresh read of one bucket in place.
func (s *store) replace(fresh awsops.BucketState) {
	st, ok := s.get(fresh.Name)
	if !ok {
		return
	}
	before := missing(st)
	if fresh.CreationDate.IsZero() {
		fresh.CreationDate = st.CreationDate
	}
	if fresh.Region == "" {
		fresh.Region = st.Region
	}
	*st = fresh
	delete(s.stale, fresh.Name)
	s.pending += missing(st) - before
}

// staleOf returns the previous read of a bucket being read again; nil when
// there is none.
func (s *store) staleOf(name string) *awsops.BucketState {
	if st, ok := s.stale[name]; ok {
		return &st
	}
	return nil
}

// dropStale forgets the previous reads: the read they stood in for ended.
func (s *store) dropStale() { s.stale = nil }

// snapshot copies the states for the analysis command, which runs outside
// Update: the facet values are never mutated in place, but the error maps are.
func (s *store) snapshot() []awsops.BucketState {
	out := make([]awsops.BucketState, len(s.states))
	copy(out, s.states)
	for i := range out {
		if out[i].Errors != nil {
			out[i].Errors = maps.Clone(out[i].Errors)
		}
	}
	return out
}

// setFindings replaces the findings with a fresh analysis.
func (s *store) setFindings(fs []awsops.Finding) {
	s.findings = make(map[string][]awsops.Finding, len(s.states))
	s.severity = [4]int{}
	for _, f := range fs {
		s.findings[f.Bucket] = append(s.findings[f.Bucket], f)
		if f.Severity >= 0 && int(f.Severity) < len(s.severity) {
			s.severity[f.Severity]++
		}
	}
}

// complete reports whether every facet of a bucket has arrived.
func (s *store) complete(name string) bool {
	st, ok := s.get(name)
	return ok && missing(st) == 0
}
