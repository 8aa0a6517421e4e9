package sandbox

import (
	"sort"
	"sync"
)

// store holds every bucket in memory. One RWMutex guards it all: reads (GET,
// HEAD, listings) share it, writes take it exclusively. Cross-bucket checks
// (logging targets) therefore see a consistent state, and the sandbox's
// request rates are far below where a finer lock would matter.
type store struct {
	mu      sync.RWMutex
	buckets map[string]*bucket
}

// newStore returns an empty store.
func newStore() *store {
	return &store{buckets: map[string]*bucket{}}
}

// get returns the bucket or nil; the caller holds mu.
func (st *store) get(name string) *bucket {
	return st.buckets[name]
}

// sortedNames lists bucket names in lexical order; the caller holds mu.
func (st *store) sortedNames() []string {
	names := make([]string, 0, len(st.buckets))
	for n := range st.buckets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
