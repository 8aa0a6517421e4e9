package otp

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTP parameters of IAM virtual MFA devices (RFC 6238 defaults; the otpauth
// URI IAM issues carries no algorithm/digits/period, so apps use these).
const (
	// Period is the length of one TOTP time step in seconds.
	Period = 30
	// Skew is how many steps before and after the current one Verify accepts.
	Skew = 1
)

// errBeforeEpoch guards the step counter, which RFC 6238 defines only from T0 = 0.
var errBeforeEpoch = errors.New("TOTP is not defined before 1970-01-01")

var totpOpts = totp.ValidateOpts{
	Period:    Period,
	Digits:    otp.DigitsSix,
	Algorithm: otp.AlgorithmSHA1,
}

// Code returns the 6-digit TOTP (SHA1, 30 s, T0 = epoch) of seed at t (github.com/pquerna/otp/totp).
func Code(seed string, t time.Time) (string, error) {
	s, err := NormalizeSeed(seed)
	if err != nil {
		return "", err
	}
	if t.Unix() < 0 {
		return "", errBeforeEpoch
	}
	code, err := totp.GenerateCodeCustom(s, t, totpOpts)
	if err != nil {
		return "", fmt.Errorf("compute TOTP: %w", err)
	}
	return code, nil
}

// SecondsLeft returns the seconds until the current 30-second window ends (1..30).
func SecondsLeft(t time.Time) int {
	return Period - int(floorMod(t.Unix(), Period))
}

// Step returns the time step counter floor(unix/30).
func Step(t time.Time) int64 {
	u := t.Unix()
	return (u - floorMod(u, Period)) / Period
}

// StepStart returns the first instant of time step n.
func StepStart(n int64) time.Time {
	return time.Unix(n*Period, 0)
}

// Verify checks code against seed at t accepting one step of skew either side, and returns the step it matched.
func Verify(seed, code string, t time.Time) (step int64, ok bool) {
	if ValidateCode(code) != nil {
		return 0, false
	}
	now := Step(t)
	// The current step first: it is the one a device in sync shows.
	for _, n := range []int64{now, now - 1, now + 1} {
		if n < 0 {
			continue
		}
		want, err := Code(seed, StepStart(n))
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return n, true
		}
	}
	return 0, false
}

// floorMod is the non-negative remainder of a divided by m, also for a < 0.
func floorMod(a, m int64) int64 {
	r := a % m
	if r < 0 {
		r += m
	}
	return r
}
