package otp

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParseHeader checks that ParseHeader never panics, accepts exactly what
// Header can produce, and returns nothing but an ErrInvalidHeader otherwise.
func FuzzParseHeader(f *testing.F) {
	for _, seed := range []string{
		rootSerial + " 123456",
		"GAHT12345678 301749",
		"arn:aws:iam::123456789012:mfa/team/alice 000000",
		"20899872 301749",
		rootSerial + "123456",
		rootSerial + "  123456",
		rootSerial + " 12345",
		rootSerial + " 1234567",
		rootSerial + " 12a456",
		"arn:aws:iam::1234:mfa/x 123456",
		" 123456",
		"",
		"arn:aws:iam::123456789012:mfa/é 123456",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		serial, code, err := ParseHeader(v)
		if err != nil {
			if !errors.Is(err, ErrInvalidHeader) {
				t.Fatalf("ParseHeader(%q) error %q does not wrap ErrInvalidHeader", v, err)
			}
			if serial != "" || code != "" {
				t.Fatalf("ParseHeader(%q) returned (%q, %q) with an error", v, serial, code)
			}
			if _, herr := Header(serialPart(v), codePart(v)); herr == nil && strings.Count(v, " ") == 1 {
				t.Fatalf("ParseHeader(%q) failed but Header accepts its parts", v)
			}
			return
		}
		if ValidateSerial(serial) != nil || ValidateCode(code) != nil {
			t.Fatalf("ParseHeader(%q) accepted invalid parts (%q, %q)", v, serial, code)
		}
		h, herr := Header(serial, code)
		if herr != nil || h != v {
			t.Fatalf("Header(%q, %q) = (%q, %v), want the original %q", serial, code, h, herr, v)
		}
	})
}

func serialPart(v string) string { s, _, _ := strings.Cut(v, " "); return s }
func codePart(v string) string   { _, c, _ := strings.Cut(v, " "); return c }
