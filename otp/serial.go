package otp

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrInvalidSerial is wrapped by every error ValidateSerial returns.
var ErrInvalidSerial = errors.New("invalid MFA serial number")

// Limits of IAM's SerialNumber member (EnableMFADevice, ListMFADevices). The
// upper one also bounds device names (IAM allows 226 characters, which is
// exactly what fits after "arn:aws:iam::123456789012:mfa/").
const (
	minSerialLen = 9
	maxSerialLen = 256
)

// serialExample is quoted in error messages so the user sees the expected shape.
const serialExample = "arn:aws:iam::123456789012:mfa/device-name"

// ValidateSerial accepts a virtual device ARN (arn:aws:iam::<12 digits>:mfa/<path/name>,
// name chars [\w+=,.@-]) or a hardware token serial (AWS pattern [\w+=/:,.@-]+,
// 9–256 chars). Error messages are user-facing and say what was expected.
//
// Anything that starts with "arn:" is checked as an ARN, so a mistyped ARN is
// reported as such instead of slipping through as a "hardware serial" (the
// hardware pattern admits ':' and '/').
func ValidateSerial(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("%w: it is empty; expected a virtual MFA device ARN such as %s or the serial number printed on a hardware token", ErrInvalidSerial, serialExample)
	case strings.ContainsAny(s, " \t\r\n"):
		return fmt.Errorf("%w: it must not contain spaces or line breaks", ErrInvalidSerial)
	case looksLikeARN(s):
		return validateDeviceARN(s)
	default:
		return validateHardwareSerial(s)
	}
}

// IsVirtualSerial reports whether the serial is a valid virtual MFA device ARN
// (the console shows a countdown only for those).
func IsVirtualSerial(s string) bool {
	return looksLikeARN(s) && validateDeviceARN(s) == nil
}

func looksLikeARN(s string) bool {
	return len(s) >= 4 && strings.EqualFold(s[:4], "arn:")
}

// validateDeviceARN checks arn:<partition>:iam::<account>:mfa/[<path>/]<name>
// piece by piece so that the message names the piece that is wrong.
func validateDeviceARN(s string) error {
	if len(s) > maxSerialLen {
		return fmt.Errorf("%w: it is %d characters long; at most %d are allowed", ErrInvalidSerial, len(s), maxSerialLen)
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return fmt.Errorf("%w: expected an ARN of the form arn:aws:iam::<12-digit account id>:mfa/<device name>, e.g. %s", ErrInvalidSerial, serialExample)
	}
	partition, service, region, account, resource := parts[1], parts[2], parts[3], parts[4], parts[5]
	if !knownPartition(partition) {
		return fmt.Errorf("%w: unknown partition %q in the ARN; expected aws, aws-cn or aws-us-gov", ErrInvalidSerial, partition)
	}
	if service != "iam" {
		return fmt.Errorf("%w: the ARN names service %q; an MFA device ARN has service iam", ErrInvalidSerial, service)
	}
	if region != "" {
		return fmt.Errorf("%w: IAM ARNs have no region; expected \"iam::\" followed by the account id", ErrInvalidSerial)
	}
	if !isDigits(account, 12) {
		return fmt.Errorf("%w: the account id in the ARN must be exactly 12 digits, got %q", ErrInvalidSerial, account)
	}
	if strings.HasPrefix(resource, "u2f/") {
		return fmt.Errorf("%w: %q is a FIDO security key, which cannot produce the 6-digit codes MFA Delete needs; use a virtual or hardware TOTP device", ErrInvalidSerial, resource)
	}
	pathAndName, ok := strings.CutPrefix(resource, "mfa/")
	if !ok {
		return fmt.Errorf("%w: the ARN resource must be mfa/<device name>, got %q", ErrInvalidSerial, resource)
	}
	return validateDevicePath(pathAndName)
}

// validateDevicePath checks "[<path>/]<name>". Path segments are held to the
// name alphabet because the whole serial must also match IAM's SerialNumber
// pattern [\w+=/:,.@-]+.
func validateDevicePath(pathAndName string) error {
	if pathAndName == "" {
		return fmt.Errorf("%w: the device name after mfa/ is missing", ErrInvalidSerial)
	}
	segments := strings.Split(pathAndName, "/")
	name := segments[len(segments)-1]
	if name == "" {
		return fmt.Errorf("%w: the ARN ends with '/'; expected a device name after the path", ErrInvalidSerial)
	}
	for _, seg := range segments {
		if seg == "" {
			return fmt.Errorf("%w: the device path contains an empty segment (\"//\")", ErrInvalidSerial)
		}
		if r, bad := firstBadRune(seg, isNameChar); bad {
			return fmt.Errorf("%w: the device name or path contains %q; allowed are letters, digits and + = , . @ _ -", ErrInvalidSerial, r)
		}
	}
	return nil
}

func validateHardwareSerial(s string) error {
	if r, bad := firstBadRune(s, isSerialChar); bad {
		return fmt.Errorf("%w: it contains %q; a hardware token serial may contain letters, digits and + = / : , . @ _ -", ErrInvalidSerial, r)
	}
	if n := len(s); n < minSerialLen || n > maxSerialLen {
		return fmt.Errorf("%w: a hardware token serial must be %d to %d characters long, got %d; a virtual device is given by its ARN, e.g. %s", ErrInvalidSerial, minSerialLen, maxSerialLen, n, serialExample)
	}
	return nil
}

func knownPartition(p string) bool {
	return p == "aws" || p == "aws-cn" || p == "aws-us-gov"
}

// isNameChar is IAM's [\w+=,.@-] (\w being ASCII letters, digits and '_').
func isNameChar(r rune) bool {
	return r < utf8.RuneSelf && (isASCIIAlnum(byte(r)) || strings.ContainsRune("_+=,.@-", r))
}

// isSerialChar is IAM's SerialNumber alphabet [\w+=/:,.@-].
func isSerialChar(r rune) bool {
	return isNameChar(r) || r == '/' || r == ':'
}

func isASCIIAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func firstBadRune(s string, ok func(rune) bool) (rune, bool) {
	for _, r := range s {
		if !ok(r) {
			return r, true
		}
	}
	return 0, false
}

// isDigits reports whether s is exactly n ASCII digits.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
