package otp

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidHeader is wrapped by every error ParseHeader returns, so the
// sandbox can answer 400 InvalidArgument for any of them. Errors caused by the
// serial or the code also wrap ErrInvalidSerial or ErrInvalidCode.
var ErrInvalidHeader = errors.New("invalid x-amz-mfa header")

// HeaderName is the HTTP header S3 reads the MFA serial and code from.
const HeaderName = "x-amz-mfa"

// Header builds the x-amz-mfa value "SERIAL CODE" (one space) after validating both.
func Header(serial, code string) (string, error) {
	if err := ValidateSerial(serial); err != nil {
		return "", err
	}
	if err := ValidateCode(code); err != nil {
		return "", err
	}
	return serial + " " + code, nil
}

// ParseHeader splits and validates an x-amz-mfa value; errors say what is wrong in plain words.
func ParseHeader(v string) (serial, code string, err error) {
	const expected = `expected "SERIAL CODE": the device serial number, one space, then the 6-digit code`
	switch n := strings.Count(v, " "); {
	case strings.TrimSpace(v) == "":
		return "", "", fmt.Errorf("%w: it is empty; %s", ErrInvalidHeader, expected)
	case n == 0:
		return "", "", fmt.Errorf("%w: there is no space between the serial number and the code; %s", ErrInvalidHeader, expected)
	case n > 1:
		return "", "", fmt.Errorf("%w: it contains %d spaces; %s", ErrInvalidHeader, n, expected)
	}
	serial, code, _ = strings.Cut(v, " ")
	if err := ValidateSerial(serial); err != nil {
		return "", "", fmt.Errorf("%w: %w", ErrInvalidHeader, err)
	}
	if err := ValidateCode(code); err != nil {
		return "", "", fmt.Errorf("%w: %w", ErrInvalidHeader, err)
	}
	return serial, code, nil
}
