package otp

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"time"
)

// rfcSeed is the RFC 4226/6238 SHA1 test key "12345678901234567890" in base32.
var rfcSeed = base32.StdEncoding.EncodeToString([]byte("12345678901234567890"))

// TestCodeRFC6238 uses the SHA1 column of RFC 6238 Appendix B. Those codes
// have 8 digits; 6-digit codes are the same value mod 10^6, i.e. the last six.
func TestCodeRFC6238(t *testing.T) {
	vectors := []struct {
		unix  int64
		eight string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, v := range vectors {
		got, err := Code(rfcSeed, time.Unix(v.unix, 0))
		if err != nil {
			t.Fatalf("Code at %d: %v", v.unix, err)
		}
		if want := v.eight[2:]; got != want {
			t.Errorf("Code at %d = %s, want %s", v.unix, got, want)
		}
	}
}

// TestCodeMatchesHandWrittenHOTP cross-checks pquerna's TOTP against the
// RFC 4226 algorithm written out here, for the RFC 4226 vectors and for a
// fresh IAM-sized seed at a spread of times.
func TestCodeMatchesHandWrittenHOTP(t *testing.T) {
	rfc4226 := []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}
	for counter, want := range rfc4226 {
		if got := hotp([]byte("12345678901234567890"), uint64(counter)); got != want {
			t.Fatalf("hand-written HOTP(counter %d) = %s, want %s (test helper broken)", counter, got, want)
		}
		got, err := Code(rfcSeed, StepStart(int64(counter)))
		if err != nil || got != want {
			t.Errorf("Code at step %d = %q, %v; want %s", counter, got, err, want)
		}
	}
	seed, err := NewSeed()
	if err != nil {
		t.Fatal(err)
	}
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(seed)
	if err != nil {
		t.Fatal(err)
	}
	for unix := int64(0); unix < 4_000_000_000; unix += 123_456_789 {
		got, err := Code(seed, time.Unix(unix, 0))
		if err != nil {
			t.Fatal(err)
		}
		if want := hotp(key, uint64(unix/30)); got != want {
			t.Errorf("Code(seed, %d) = %s, hand-written HOTP says %s", unix, got, want)
		}
	}
}

// hotp is RFC 4226 section 5.3 with 6 digits.
func hotp(key []byte, counter uint64) string {
	mac := hmac.New(sha1.New, key)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", bin%1_000_000)
}

func TestCodeSeedForms(t *testing.T) {
	at := time.Unix(1111111111, 0)
	want, _ := Code(rfcSeed, at)
	grouped := strings.ToLower(rfcSeed[:8] + " " + rfcSeed[8:16] + "\n" + rfcSeed[16:])
	for _, seed := range []string{grouped, rfcSeed + "===="} {
		if got, err := Code(seed, at); err != nil || got != want {
			t.Errorf("Code(%q) = %q, %v; want %s like the canonical seed", seed, got, err, want)
		}
	}
	for _, seed := range []string{"", "GEZDGNB1", "GEZ"} {
		if _, err := Code(seed, at); err == nil {
			t.Errorf("Code(%q) succeeded, want an invalid-seed error", seed)
		}
	}
	if _, err := Code(rfcSeed, time.Unix(-1, 0)); err == nil {
		t.Error("Code before 1970 succeeded, want an error")
	}
}

func TestStepAndSecondsLeft(t *testing.T) {
	tests := []struct {
		unix  int64
		nanos int64
		step  int64
		left  int
	}{
		{0, 0, 0, 30},
		{1, 0, 0, 29},
		{29, 999_999_999, 0, 1},
		{30, 0, 1, 30},
		{59, 0, 1, 1},
		{1234567890, 0, 41152263, 30},
		{1234567899, 500_000_000, 41152263, 21},
		{-1, 0, -1, 1},
		{-30, 0, -1, 30},
		{-31, 0, -2, 1},
		{-60, 0, -2, 30},
	}
	for _, tt := range tests {
		at := time.Unix(tt.unix, tt.nanos)
		if got := Step(at); got != tt.step {
			t.Errorf("Step(%d.%09d) = %d, want %d", tt.unix, tt.nanos, got, tt.step)
		}
		if got := SecondsLeft(at); got != tt.left {
			t.Errorf("SecondsLeft(%d.%09d) = %d, want %d", tt.unix, tt.nanos, got, tt.left)
		}
		if start := StepStart(tt.step); start.After(at) || !start.Add(Period*time.Second).After(at) {
			t.Errorf("StepStart(%d) = %d does not contain %d", tt.step, start.Unix(), tt.unix)
		}
	}
}

func TestVerifySkew(t *testing.T) {
	// Mid-window and exactly on a window boundary.
	for _, now := range []time.Time{time.Unix(1_700_000_015, 0), time.Unix(1_700_000_010, 0)} {
		base := Step(now)
		for offset := int64(-3); offset <= 3; offset++ {
			code, err := Code(rfcSeed, now.Add(time.Duration(offset)*Period*time.Second))
			if err != nil {
				t.Fatal(err)
			}
			step, ok := Verify(rfcSeed, code, now)
			wantOK := offset >= -Skew && offset <= Skew
			if ok != wantOK {
				t.Errorf("now %d, code of step %+d: ok = %v, want %v", now.Unix(), offset, ok, wantOK)
			}
			if ok && step != base+offset {
				t.Errorf("now %d, code of step %+d: matched step %d, want %d", now.Unix(), offset, step, base+offset)
			}
		}
	}
}

func TestVerifyRejects(t *testing.T) {
	now := time.Unix(1_700_000_015, 0)
	good, _ := Code(rfcSeed, now)
	wrong := fmt.Sprintf("%06d", (atoi(good)+1)%1_000_000)
	otherSeed := base32.StdEncoding.EncodeToString([]byte("another secret value"))
	cases := map[string]struct{ seed, code string }{
		"wrong code":      {rfcSeed, wrong},
		"other device":    {otherSeed, good},
		"five digits":     {rfcSeed, good[:5]},
		"code with space": {rfcSeed, " " + good},
		"invalid seed":    {"not base32!", good},
	}
	for name, c := range cases {
		if _, ok := Verify(c.seed, c.code, now); ok {
			t.Errorf("%s: Verify accepted it", name)
		}
	}
	if _, ok := Verify(rfcSeed, good, now); !ok {
		t.Error("the genuine code was refused")
	}
}

func TestVerifyAtEpoch(t *testing.T) {
	code, _ := Code(rfcSeed, time.Unix(0, 0))
	if step, ok := Verify(rfcSeed, code, time.Unix(5, 0)); !ok || step != 0 {
		t.Errorf("Verify at epoch = %d, %v; want step 0 accepted", step, ok)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
