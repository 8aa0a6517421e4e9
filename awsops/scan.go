package awsops

import (
	"context"
	"sync"
)

// DefaultParallel is the number of concurrent calls a scan makes when the
// caller passes zero or less.
const DefaultParallel = 16

// job is one call of a scan: one facet of one bucket, to be read with a
// client for region.
type job struct {
	bucket string
	facet  Facet
	region string
}

// jobQueue feeds the workers. Facet jobs go before region lookups, so that
// buckets complete one after the other instead of all at the very end.
// The queue closes itself when no job is queued or running any more.
type jobQueue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	facets  []job
	regions []job
	pending int // queued + running
}

// newJobQueue returns an empty queue.
func newJobQueue() *jobQueue {
	q := &jobQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// push queues a job.
func (q *jobQueue) push(j job) {
	q.mu.Lock()
	if j.facet == FacetRegion {
		q.regions = append(q.regions, j)
	} else {
		q.facets = append(q.facets, j)
	}
	q.pending++
	q.mu.Unlock()
	q.cond.Signal()
}

// pop waits for the next job; false means every job is done.
func (q *jobQueue) pop() (job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if len(q.facets) > 0 {
			j := q.facets[0]
			q.facets = q.facets[1:]
			return j, true
		}
		if len(q.regions) > 0 {
			j := q.regions[0]
			q.regions = q.regions[1:]
			return j, true
		}
		if q.pending == 0 {
			return job{}, false
		}
		q.cond.Wait()
	}
}

// done marks a popped job finished (after it pushed any follow-up jobs).
func (q *jobQueue) done() {
	q.mu.Lock()
	q.pending--
	last := q.pending == 0
	q.mu.Unlock()
	if last {
		q.cond.Broadcast()
	}
}

// Scan reads every facet of every bucket through a pool of parallel workers
// that work on (bucket, facet) calls, and calls onFacet once per facet and
// bucket as each arrives. onFacet is called from worker goroutines, possibly
// at the same time: it must be safe for that and cheap.
//
// The region comes first: from Bucket.Region when ListBuckets gave it (no
// call), else from GetBucketLocation. The other facets then go to the S3
// client of that region (clients are cached per region). When the region
// cannot be read the facets are still tried with the session's region, and
// an error of one facet never stops the others.
//
// Scan returns when all facets have arrived. When ctx is canceled, calls in
// flight end and every facet not read yet arrives as a FacetError with code
// RequestCanceled.
func (s *Session) Scan(ctx context.Context, buckets []Bucket, parallel int, onFacet func(FacetUpdate)) {
	if parallel <= 0 {
		parallel = DefaultParallel
	}
	q := newJobQueue()
	for _, b := range uniqueBuckets(buckets) {
		if b.Region != "" {
			onFacet(FacetUpdate{Bucket: b.Name, Facet: FacetRegion, Value: b.Region})
			s.pushFacets(q, b.Name, b.Region)
		} else {
			q.push(job{bucket: b.Name, facet: FacetRegion})
		}
	}
	var wg sync.WaitGroup
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j, ok := q.pop()
				if !ok {
					return
				}
				s.run(ctx, q, j, onFacet)
				q.done()
			}
		}()
	}
	wg.Wait()
}

// pushFacets queues every facet but the region for one bucket.
func (s *Session) pushFacets(q *jobQueue, bucket, region string) {
	for _, f := range AllFacets {
		if f != FacetRegion {
			q.push(job{bucket: bucket, facet: f, region: region})
		}
	}
}

// run performs one job and reports its facet.
func (s *Session) run(ctx context.Context, q *jobQueue, j job, onFacet func(FacetUpdate)) {
	u := FacetUpdate{Bucket: j.bucket, Facet: j.facet}
	if err := ctx.Err(); err != nil {
		u.Err = Classify(err)
		onFacet(u)
		if j.facet == FacetRegion {
			s.pushFacets(q, j.bucket, "")
		}
		return
	}
	if j.facet == FacetRegion {
		var region string
		err := s.bounded(ctx, "GetBucketLocation", func(ctx context.Context) (err error) {
			region, err = s.readRegion(ctx, j.bucket)
			return err
		})
		if err != nil {
			u.Err = Classify(err)
		} else {
			u.Value = region
		}
		onFacet(u)
		s.pushFacets(q, j.bucket, region)
		return
	}
	if fe := s.knownUnsupported(j.facet); fe != nil {
		u.Err = fe // the endpoint said so already: do not ask every bucket again
		onFacet(u)
		return
	}
	// Each facet has its own deadline (see bounded), so a call the endpoint
	// never answers fails that facet only, in bounded time.
	var v any
	err := s.bounded(ctx, string(j.facet), func(ctx context.Context) (err error) {
		v, err = facetReaders[j.facet](s, ctx, s.s3Client(j.region), j.bucket)
		return err
	})
	if fe := s.facetAnswer(j.facet, err); fe != nil {
		u.Err = fe
	} else {
		u.Value = v
	}
	onFacet(u)
}

// uniqueBuckets drops repeated names, keeping the first entry.
func uniqueBuckets(buckets []Bucket) []Bucket {
	seen := make(map[string]bool, len(buckets))
	out := make([]Bucket, 0, len(buckets))
	for _, b := range buckets {
		if !seen[b.Name] {
			seen[b.Name] = true
			out = append(out, b)
		}
	}
	return out
}
