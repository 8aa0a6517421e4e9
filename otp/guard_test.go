package otp

import (
	"errors"
	"sync"
	"testing"
	"time"
)

func TestGuardRejectsReuse(t *testing.T) {
	var g Guard
	now := time.Unix(1_700_000_015, 0)
	code, _ := Code(rfcSeed, now)

	if err := g.Check(rootSerial, rfcSeed, code, now); err != nil {
		t.Fatalf("first use: %v", err)
	}
	if err := g.Check(rootSerial, rfcSeed, code, now.Add(5*time.Second)); !errors.Is(err, ErrReused) {
		t.Fatalf("second use in the same window: %v, want ErrReused", err)
	}
	// Still the same step, reached through the skew window one step later.
	if err := g.Check(rootSerial, rfcSeed, code, now.Add(Period*time.Second)); !errors.Is(err, ErrReused) {
		t.Fatalf("reuse one step later: %v, want ErrReused", err)
	}
	// Another device with the same seed has its own history.
	other := "arn:aws:iam::123456789012:mfa/alice"
	if err := g.Check(other, rfcSeed, code, now); err != nil {
		t.Fatalf("other device: %v", err)
	}
	// The next code of the first device is fine.
	later := now.Add(Period * time.Second)
	next, _ := Code(rfcSeed, later)
	if err := g.Check(rootSerial, rfcSeed, next, later); err != nil {
		t.Fatalf("next code: %v", err)
	}
}

func TestGuardErrors(t *testing.T) {
	var g Guard
	now := time.Unix(1_700_000_015, 0)
	code, _ := Code(rfcSeed, now)
	stale, _ := Code(rfcSeed, now.Add(-2*Period*time.Second))

	if err := g.Check(rootSerial, rfcSeed, stale, now); !errors.Is(err, ErrWrongCode) {
		t.Errorf("code two steps old: %v, want ErrWrongCode", err)
	}
	if err := g.Check(rootSerial, rfcSeed, "12345", now); !errors.Is(err, ErrWrongCode) {
		t.Errorf("malformed code: %v, want ErrWrongCode", err)
	}
	if err := g.Check(rootSerial, "", code, now); !errors.Is(err, ErrInvalidSeed) {
		t.Errorf("empty seed: %v, want ErrInvalidSeed", err)
	}
	// Refused attempts must not use up the code.
	if err := g.Check(rootSerial, rfcSeed, code, now); err != nil {
		t.Errorf("genuine code after refusals: %v", err)
	}
}

func TestGuardForgetsOldSteps(t *testing.T) {
	var g Guard
	start := time.Unix(1_700_000_015, 0)
	for i := 0; i < 10; i++ {
		at := start.Add(time.Duration(i) * Period * time.Second)
		code, _ := Code(rfcSeed, at)
		if err := g.Check(rootSerial, rfcSeed, code, at); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	// Only the steps Verify can still match (current and one before) remain.
	if n := g.remembered(); n != Skew+1 {
		t.Errorf("guard remembers %d steps, want %d", n, Skew+1)
	}
	far := start.Add(time.Hour)
	code, _ := Code(rfcSeed, far)
	if err := g.Check("arn:aws:iam::123456789012:mfa/bob", rfcSeed, code, far); err != nil {
		t.Fatal(err)
	}
	if n := g.remembered(); n != 1 {
		t.Errorf("after an hour the guard remembers %d steps, want only the new one", n)
	}
}

func TestGuardConcurrentSingleAcceptance(t *testing.T) {
	var g Guard
	now := time.Unix(1_700_000_015, 0)
	code, _ := Code(rfcSeed, now)
	const n = 16
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = g.Check(rootSerial, rfcSeed, code, now)
		}()
	}
	wg.Wait()
	accepted := 0
	for _, err := range errs {
		switch {
		case err == nil:
			accepted++
		case !errors.Is(err, ErrReused):
			t.Errorf("unexpected error: %v", err)
		}
	}
	if accepted != 1 {
		t.Errorf("%d concurrent uses accepted, want exactly 1", accepted)
	}
}

// remembered reports how many (device, step) pairs the guard holds.
func (g *Guard) remembered() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, steps := range g.used {
		n += len(steps)
	}
	return n
}
