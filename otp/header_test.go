package otp

import (
	"errors"
	"testing"
)

const rootSerial = "arn:aws:iam::123456789012:mfa/root-account-mfa-device"

func TestHeader(t *testing.T) {
	tests := []struct {
		name, serial, code, want string
		errHas                   string
		sentinel                 error
	}{
		{"virtual", rootSerial, "123456", rootSerial + " 123456", "", nil},
		{"hardware", "GAHT12345678", "000001", "GAHT12345678 000001", "", nil},
		{"bad serial", "arn:aws:iam::1234:mfa/x", "123456", "", "12 digits", ErrInvalidSerial},
		{"bad code", rootSerial, "12345", "", "has 5 digits", ErrInvalidCode},
		{"serial with space", "GAHT 12345678", "123456", "", "spaces", ErrInvalidSerial},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Header(tt.serial, tt.code)
			checkErr(t, err, tt.errHas, tt.sentinel)
			if got != tt.want {
				t.Errorf("Header = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name, value, serial, code string
		errHas                    string
		alsoWraps                 error
	}{
		{"virtual device", rootSerial + " 123456", rootSerial, "123456", "", nil},
		{"hardware token", "GAHT12345678 301749", "GAHT12345678", "301749", "", nil},
		{"empty", "", "", "", "empty", nil},
		{"only spaces", "   ", "", "", "empty", nil},
		{"missing space", rootSerial + "123456", "", "", "no space", nil},
		{"tab instead of space", rootSerial + "\t123456", "", "", "no space", nil},
		{"two spaces", rootSerial + "  123456", "", "", "2 spaces", nil},
		{"three parts", rootSerial + " 123456 654321", "", "", "2 spaces", nil},
		{"leading space", " 123456", "", "", "empty", ErrInvalidSerial},
		{"code missing", rootSerial + " ", "", "", "empty", ErrInvalidCode},
		{"letters in code", rootSerial + " 12a456", "", "", "'a'", ErrInvalidCode},
		{"five digits", rootSerial + " 12345", "", "", "has 5 digits", ErrInvalidCode},
		{"seven digits", rootSerial + " 1234567", "", "", "has 7 digits", ErrInvalidCode},
		{"bad ARN account", "arn:aws:iam::12345678901:mfa/root-account-mfa-device 123456", "", "", "12 digits", ErrInvalidSerial},
		{"bad ARN resource", "arn:aws:iam::123456789012:user/alice 123456", "", "", "mfa/<device name>", ErrInvalidSerial},
		{"swapped order", "123456 " + rootSerial, "", "", "9 to 256", ErrInvalidSerial},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			serial, code, err := ParseHeader(tt.value)
			var sentinel error
			if tt.errHas != "" {
				sentinel = ErrInvalidHeader
			}
			checkErr(t, err, tt.errHas, sentinel)
			if tt.alsoWraps != nil && !errors.Is(err, tt.alsoWraps) {
				t.Errorf("error %q does not wrap %q", err, tt.alsoWraps)
			}
			if serial != tt.serial || code != tt.code {
				t.Errorf("ParseHeader = (%q, %q), want (%q, %q)", serial, code, tt.serial, tt.code)
			}
		})
	}
}
