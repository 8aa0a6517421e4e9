package sandbox

import "sync"

// KMSCallCount is the KMS work S3 did for one bucket's objects, so tests and
// the console can show what an S3 Bucket Key saves (2.5).
type KMSCallCount struct {
	GenerateDataKey int // GenerateDataKey calls S3 made to KMS (writes, bucket-key cache misses)
	Decrypt         int // Decrypt calls S3 made to KMS (reads, part uploads, bucket-key cache misses)
	BucketKeyHits   int // data keys served by a cached bucket key, without any KMS call
}

// kmsCallCounters holds a KMSCallCount per bucket name.
type kmsCallCounters struct {
	mu     sync.Mutex
	counts map[string]KMSCallCount
}

// add applies fn to the bucket's counts.
func (k *kmsCallCounters) add(bucket string, fn func(*KMSCallCount)) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.counts == nil {
		k.counts = map[string]KMSCallCount{}
	}
	c := k.counts[bucket]
	fn(&c)
	k.counts[bucket] = c
}

// get returns the bucket's counts.
func (k *kmsCallCounters) get(bucket string) KMSCallCount {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.counts[bucket]
}

// reset forgets every count (after seeding, so the demo starts at zero).
func (k *kmsCallCounters) reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.counts = nil
}

// KMSCalls returns the KMS calls S3 has made for a bucket's objects since the
// sandbox started (seeding excluded).
func (s *Server) KMSCalls(bucket string) KMSCallCount {
	return s.sse.calls.get(bucket)
}
