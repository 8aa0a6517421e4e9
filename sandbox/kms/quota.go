package kms

import (
	"sync"
	"time"
)

// quota is the shared request quota of the cryptographic operations: one
// token bucket per (account, region), refilled at rate tokens per second and
// holding at most one second's worth (at least one token).
type quota struct {
	now func() time.Time

	mu      sync.Mutex
	rate    float64 // 0: unlimited
	buckets map[string]*tokenBucket
}

// tokenBucket is one quota's state.
type tokenBucket struct {
	tokens float64
	last   time.Time
}

// newQuota returns a quota of rate requests per second (0 = unlimited).
func newQuota(rate float64, now func() time.Time) *quota {
	return &quota{rate: rate, now: now, buckets: map[string]*tokenBucket{}}
}

// take spends one token of (account, region)'s bucket, or returns the
// ThrottlingException when it is empty; a refused request spends nothing.
func (q *quota) take(account, region string) *Error {
	now := q.now()
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.rate <= 0 {
		return nil
	}
	capacity := max(q.rate, 1)
	k := account + "\x00" + region
	b := q.buckets[k]
	if b == nil {
		b = &tokenBucket{tokens: capacity, last: now}
		q.buckets[k] = b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = min(capacity, b.tokens+elapsed*q.rate)
		b.last = now
	}
	if b.tokens < 1 {
		return newError(ErrThrottling, throttleMessage)
	}
	b.tokens--
	return nil
}

// setRate changes the rate; every bucket starts full again.
func (q *quota) setRate(rate float64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.rate = rate
	clear(q.buckets)
}
