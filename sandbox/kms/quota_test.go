package kms

import (
	"testing"
	"time"
)

func TestQuotaTokenBucket(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	q := newQuota(4, func() time.Time { return now })
	take := func() bool { return q.take("111122223333", "us-east-1") == nil }

	// A full second's worth to start with, then refusals that spend nothing.
	for i := range 4 {
		if !take() {
			t.Fatalf("request %d refused within the burst", i)
		}
	}
	for range 3 {
		if e := q.take("111122223333", "us-east-1"); e == nil || e.Type != ErrThrottling || e.Message != throttleMessage {
			t.Fatalf("over quota: %v", e)
		}
	}
	// A quarter second refills one token at 4/s.
	now = now.Add(250 * time.Millisecond)
	if !take() || take() {
		t.Fatal("a quarter second should allow exactly one more request")
	}
	// Refill stops at capacity.
	now = now.Add(time.Hour)
	n := 0
	for take() {
		n++
	}
	if n != 4 {
		t.Fatalf("after a long pause %d requests passed, want 4", n)
	}
	// Other Regions and accounts have their own buckets.
	if q.take("111122223333", "eu-west-1") != nil || q.take("444455556666", "us-east-1") != nil {
		t.Fatal("separate quotas were charged")
	}
}

func TestQuotaBelowOnePerSecond(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	q := newQuota(0.5, func() time.Time { return now })
	if q.take("a", "r") != nil || q.take("a", "r") == nil {
		t.Fatal("capacity should be one request")
	}
	now = now.Add(time.Second)
	if q.take("a", "r") == nil {
		t.Fatal("half a token is not a request")
	}
	now = now.Add(time.Second)
	if q.take("a", "r") != nil {
		t.Fatal("two seconds at 0.5/s make one request")
	}
}

func TestQuotaUnlimited(t *testing.T) {
	q := newQuota(0, time.Now)
	for range 10000 {
		if q.take("a", "r") != nil {
			t.Fatal("an unlimited quota refused a request")
		}
	}
}

func TestQuotaSetRate(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	q := newQuota(0, func() time.Time { return now })
	for range 100 {
		if q.take("a", "r") != nil {
			t.Fatal("unlimited quota refused")
		}
	}
	q.setRate(2)
	if q.take("a", "r") != nil || q.take("a", "r") != nil || q.take("a", "r") == nil {
		t.Fatal("a fresh 2/s quota should allow exactly two requests")
	}
	q.setRate(0)
	if q.take("a", "r") != nil {
		t.Fatal("quota 0 should be unlimited again")
	}
}
