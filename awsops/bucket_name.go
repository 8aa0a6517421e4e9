package awsops

import (
	"errors"
	"fmt"
	"net"
	"strings"
)

// CheckBucketName applies S3's naming rules for general-purpose buckets and
// says which one a name breaks, so a form can explain it while the user
// types: 3–63 characters of a–z, 0–9, '.' and '-', starting and ending with
// a letter or digit, no "..", no dash next to a period, not shaped like an
// IP address, none of the reserved prefixes and suffixes. (The sandbox
// applies the same rules on its side; awsops does not import it.)
func CheckBucketName(name string) error {
	switch {
	case name == "":
		return errors.New("type a bucket name")
	case len(name) < 3:
		return errors.New("a bucket name has at least 3 characters")
	case len(name) > 63:
		return fmt.Errorf("a bucket name has at most 63 characters (this one has %d)", len(name))
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return fmt.Errorf("%q is not allowed: only lower-case letters, digits, '.' and '-'", string(rune(c)))
		}
	}
	if !lowerAlnum(name[0]) || !lowerAlnum(name[len(name)-1]) {
		return errors.New("a bucket name starts and ends with a letter or a digit")
	}
	switch {
	case strings.Contains(name, ".."):
		return errors.New("a bucket name has no two periods in a row")
	case strings.Contains(name, "-.") || strings.Contains(name, ".-"):
		return errors.New("a bucket name has no dash next to a period")
	case net.ParseIP(name) != nil:
		return errors.New("a bucket name is not shaped like an IP address")
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return fmt.Errorf("the prefix %q is reserved by AWS", p)
		}
	}
	for _, s := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"} {
		if strings.HasSuffix(name, s) {
			return fmt.Errorf("the suffix %q is reserved by AWS", s)
		}
	}
	return nil
}

// lowerAlnum reports whether c is a lower-case ASCII letter or a digit.
func lowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
