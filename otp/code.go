package otp

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrInvalidCode is wrapped by every error ValidateCode returns.
var ErrInvalidCode = errors.New("invalid MFA code")

// Digits is the length of every MFA code (IAM's AuthenticationCode and the
// code in x-amz-mfa).
const Digits = 6

// ValidateCode accepts exactly six ASCII digits. Error messages are
// user-facing and say what was expected.
func ValidateCode(c string) error {
	if c == "" {
		return fmt.Errorf("%w: it is empty; expected the %d-digit code shown by the MFA device", ErrInvalidCode, Digits)
	}
	if r, bad := firstBadRune(c, isASCIIDigit); bad {
		return fmt.Errorf("%w: it contains %q; expected exactly %d digits 0-9", ErrInvalidCode, r, Digits)
	}
	if n := utf8.RuneCountInString(c); n != Digits {
		return fmt.Errorf("%w: it has %d digits; expected exactly %d", ErrInvalidCode, n, Digits)
	}
	return nil
}

func isASCIIDigit(r rune) bool {
	return r >= '0' && r <= '9'
}
