package sandbox

import "time"

// Six-digit codes are guessable at hundreds of tries per second, so wrong
// x-amz-mfa codes are throttled per device: after mfaMaxFailures wrong codes
// within mfaFailureWindow, the device refuses every code, right ones
// included, for mfaLockout. AWS's limits are not documented (UNVERIFIED);
// these are small enough to make guessing hopeless and large enough for a
// person who mistypes. Time is Options.Clock, so tests can step it.
const (
	mfaMaxFailures   = 5
	mfaFailureWindow = 5 * time.Minute
	mfaLockout       = 60 * time.Second
)

// mfaVerdict is the outcome of one x-amz-mfa check.
type mfaVerdict int

const (
	mfaAccepted  mfaVerdict = iota
	mfaRejected             // wrong serial, wrong or reused code
	mfaLockedOut            // too many wrong codes lately: not even looked at
)

// mfaAttempts are the recent wrong codes of one device.
type mfaAttempts struct {
	failures    []time.Time // within mfaFailureWindow, oldest first
	lockedUntil time.Time
}

// mfaThrottle counts wrong codes per device serial. Only serials of existing
// devices are counted, so made-up serials cannot grow it. The iamStore's
// lock guards it; its zero value is ready.
type mfaThrottle struct {
	bySerial map[string]*mfaAttempts
}

// locked reports whether the device refuses codes at now.
func (t *mfaThrottle) locked(serial string, now time.Time) bool {
	a := t.bySerial[serial]
	return a != nil && now.Before(a.lockedUntil)
}

// record notes the outcome of a code checked at now: a right code clears
// the count, the mfaMaxFailures-th wrong one within the window starts the
// lock-out.
func (t *mfaThrottle) record(serial string, ok bool, now time.Time) {
	if ok {
		delete(t.bySerial, serial)
		return
	}
	if t.bySerial == nil {
		t.bySerial = map[string]*mfaAttempts{}
	}
	a := t.bySerial[serial]
	if a == nil {
		a = &mfaAttempts{}
		t.bySerial[serial] = a
	}
	kept := a.failures[:0]
	for _, f := range a.failures {
		if now.Sub(f) < mfaFailureWindow {
			kept = append(kept, f)
		}
	}
	a.failures = append(kept, now)
	if len(a.failures) >= mfaMaxFailures {
		a.failures, a.lockedUntil = nil, now.Add(mfaLockout)
	}
}

// forget drops a removed device's count, so a new device under the same
// serial starts clean.
func (t *mfaThrottle) forget(serial string) { delete(t.bySerial, serial) }
