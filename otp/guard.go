package otp

import (
	"errors"
	"sync"
	"time"
)

// ErrWrongCode means the code matches none of the accepted time steps.
var ErrWrongCode = errors.New("the MFA code is not valid for this device at this time")

// ErrReused means the code was already accepted once for this device and step.
var ErrReused = errors.New("this MFA code was already used; wait for the device to show the next code")

// Guard rejects reuse: a code accepted once for a device may not be accepted
// again for the same step (models AWS's "don't use the same token twice").
// Safe for concurrent use; forgets steps older than the skew window.
// The zero value is ready to use.
type Guard struct {
	mu   sync.Mutex
	used map[string]map[int64]struct{} // serial -> accepted steps
}

// Check verifies code for the device serial with the given seed at t and
// records the matched step. It returns ErrWrongCode, ErrReused, or an
// ErrInvalidSeed error when the stored seed itself is unusable.
//
// Forgetting is driven by t, so callers should pass the current time; a t far
// in the past could accept a step already forgotten.
func (g *Guard) Check(serial, seed, code string, t time.Time) error {
	if _, err := NormalizeSeed(seed); err != nil {
		return err
	}
	step, ok := Verify(seed, code, t)
	if !ok {
		return ErrWrongCode
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.forgetBefore(Step(t) - Skew)
	if g.used == nil {
		g.used = make(map[string]map[int64]struct{})
	}
	steps := g.used[serial]
	if _, seen := steps[step]; seen {
		return ErrReused
	}
	if steps == nil {
		steps = make(map[int64]struct{})
		g.used[serial] = steps
	}
	steps[step] = struct{}{}
	return nil
}

// forgetBefore drops steps that Verify can no longer match, and devices left
// with none, so memory stays bounded by the number of recently active devices.
func (g *Guard) forgetBefore(oldest int64) {
	for serial, steps := range g.used {
		for s := range steps {
			if s < oldest {
				delete(steps, s)
			}
		}
		if len(steps) == 0 {
			delete(g.used, serial)
		}
	}
}
