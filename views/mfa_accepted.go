package views

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"time"

	"github.com/s3sec/s3sec/otp"
)

// acceptedCode is the last code AWS accepted for a device, kept as a keyed
// digest (never the code) with its window, so a refusal of the very same
// code can be told from a typo: only the former needs the next code.
type acceptedCode struct {
	digest [sha256.Size]byte
	step   int64
}

// codeDigest is the keyed digest of serial's code; the key is random per
// session, so the digest means nothing outside this process.
func (m *mfaMemory) codeDigest(serial, code string) [sha256.Size]byte {
	if m.digestKey == nil {
		m.digestKey = make([]byte, 32)
		rand.Read(m.digestKey)
	}
	h := hmac.New(sha256.New, m.digestKey)
	h.Write([]byte(serial + "\x00" + code))
	var out [sha256.Size]byte
	copy(out[:], h.Sum(nil))
	return out
}

// accepted records that AWS accepted serial's code sent at t: its window
// is spent (the prompt warns before a reuse).
func (m *mfaMemory) accepted(serial string, digest [sha256.Size]byte, t time.Time) {
	if m.acceptedCodes == nil {
		m.acceptedCodes = map[string]acceptedCode{}
	}
	m.acceptedCodes[serial] = acceptedCode{digest: digest, step: otp.Step(t)}
	m.spent[serial] = otp.Step(t)
}

// sameAsAccepted reports whether the code of digest, sent at t, is the one
// AWS accepted for serial in a window still valid (TOTP accepts one step
// either side).
func (m *mfaMemory) sameAsAccepted(serial string, digest [sha256.Size]byte, t time.Time) bool {
	a, ok := m.acceptedCodes[serial]
	d := otp.Step(t) - a.step
	return ok && hmac.Equal(a.digest[:], digest[:]) && d >= -1 && d <= 1
}
