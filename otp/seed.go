package otp

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidSeed is wrapped by every error NormalizeSeed returns.
var ErrInvalidSeed = errors.New("invalid TOTP secret")

// SeedBytes is the size of the secrets IAM issues for virtual MFA devices
// (40 random bytes, 64 base32 characters).
const SeedBytes = 40

// seedEncoding is RFC 4648 base32 without padding, the form of IAM's Base32StringSeed.
var seedEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewSeed returns a fresh base32 TOTP secret of 40 random bytes (64 characters, no padding), as IAM issues.
func NewSeed() (string, error) {
	b := make([]byte, SeedBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate TOTP secret: %w", err)
	}
	return seedEncoding.EncodeToString(b), nil
}

// NormalizeSeed returns seed in IAM's canonical form (upper case, no padding)
// after checking that it is base32. Spaces, line breaks and '=' padding are
// dropped and lower case is accepted, because people paste secrets copied from
// screens that group or pad them.
func NormalizeSeed(seed string) (string, error) {
	s := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '=':
			return -1
		}
		return r
	}, strings.ToUpper(seed))
	if s == "" {
		return "", fmt.Errorf("%w: it is empty", ErrInvalidSeed)
	}
	if r, bad := firstBadRune(s, isBase32Char); bad {
		return "", fmt.Errorf("%w: it contains %q; base32 uses only the letters A-Z and the digits 2-7", ErrInvalidSeed, r)
	}
	// Base32 packs 5 bytes into 8 characters; a last group of 1, 3 or 6
	// characters encodes no whole byte. encoding/base32 without padding does
	// not reject those, so check here.
	if n := len(s) % 8; n == 1 || n == 3 || n == 6 {
		return "", fmt.Errorf("%w: %d characters cannot be a complete base32 value; part of it may be missing", ErrInvalidSeed, len(s))
	}
	return s, nil
}

func isBase32Char(r rune) bool {
	return r >= 'A' && r <= 'Z' || r >= '2' && r <= '7'
}
