package sandbox_test

import (
	"sync"
	"time"
)

// manualClock is a sandbox clock tests move by hand, so TOTP steps and
// expiry times are exact.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

// Now is the sandbox's Options.Clock.
func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
