package awsops

import (
	"context"
	"sync"
)

// States is Scan assembled per bucket: fn gets one complete BucketState per
// bucket as soon as its last facet arrives (a failed facet counts as
// arrived; its error is in Errors). fn is called from worker goroutines,
// possibly at the same time. After a cancellation every bucket still
// arrives, with RequestCanceled errors on the facets that were not read.
func (s *Session) States(ctx context.Context, buckets []Bucket, parallel int, fn func(BucketState)) {
	buckets = uniqueBuckets(buckets)
	var mu sync.Mutex
	states := make(map[string]*BucketState, len(buckets))
	missing := make(map[string]int, len(buckets))
	for _, b := range buckets {
		states[b.Name] = &BucketState{Name: b.Name, Region: b.Region, CreationDate: b.CreationDate}
		missing[b.Name] = len(AllFacets)
	}
	s.Scan(ctx, buckets, parallel, func(u FacetUpdate) {
		mu.Lock()
		st := states[u.Bucket]
		st.Apply(u)
		missing[u.Bucket]--
		complete := missing[u.Bucket] == 0
		var done BucketState
		if complete {
			// No update arrives for this bucket any more: the copy owns its maps and pointers.
			done = *st
			delete(states, u.Bucket)
		}
		mu.Unlock()
		if complete {
			fn(done)
		}
	})
}

// State reads every facet of one bucket (a refresh).
func (s *Session) State(ctx context.Context, b Bucket) BucketState {
	var out BucketState
	s.States(ctx, []Bucket{b}, len(AllFacets), func(st BucketState) { out = st })
	return out
}
