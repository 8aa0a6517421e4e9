package otp

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateSerial(t *testing.T) {
	long := "arn:aws:iam::123456789012:mfa/" + strings.Repeat("a", 227)
	tests := []struct {
		name    string
		serial  string
		virtual bool
		errHas  string // "" means valid
	}{
		{"root device ARN", "arn:aws:iam::123456789012:mfa/root-account-mfa-device", true, ""},
		{"named device", "arn:aws:iam::123456789012:mfa/alice", true, ""},
		{"name with all punctuation", "arn:aws:iam::123456789012:mfa/a_b+c=d,e.f@g-h", true, ""},
		{"device with path", "arn:aws:iam::123456789012:mfa/division/team/alice", true, ""},
		{"china partition", "arn:aws-cn:iam::123456789012:mfa/alice", true, ""},
		{"govcloud partition", "arn:aws-us-gov:iam::123456789012:mfa/alice", true, ""},
		{"hardware serial", "GAHT12345678", false, ""},
		{"hardware serial 9 digits", "123456789", false, ""},
		{"hardware serial 256 chars", strings.Repeat("A", 256), false, ""},
		{"hardware serial punctuation", "SN:a/b+c=d,e.f@g_h-i", false, ""},
		{"empty", "", false, "empty"},
		{"hardware serial 8 chars", "20899872", false, "9 to 256 characters"},
		{"hardware serial 257 chars", strings.Repeat("A", 257), false, "9 to 256 characters"},
		{"hardware serial with bang", "GAHT1234!678", false, "'!'"},
		{"hardware serial with umlaut", "GAHTÄ12345678", false, "'Ä'"},
		{"space inside", "GAHT 12345678", false, "spaces"},
		{"trailing newline", "GAHT12345678\n", false, "spaces"},
		{"short account", "arn:aws:iam::12345678901:mfa/alice", false, "12 digits"},
		{"letters in account", "arn:aws:iam::12345678901x:mfa/alice", false, "12 digits"},
		{"missing account", "arn:aws:iam:::mfa/alice", false, "12 digits"},
		{"region given", "arn:aws:iam:us-east-1:123456789012:mfa/alice", false, "no region"},
		{"wrong service", "arn:aws:sts::123456789012:mfa/alice", false, "service"},
		{"unknown partition", "arn:aws-xx:iam::123456789012:mfa/alice", false, "partition"},
		{"user not mfa", "arn:aws:iam::123456789012:user/alice", false, "mfa/<device name>"},
		{"fido key", "arn:aws:iam::123456789012:u2f/user/alice/key-ABC", false, "FIDO"},
		{"no device name", "arn:aws:iam::123456789012:mfa/", false, "missing"},
		{"trailing slash", "arn:aws:iam::123456789012:mfa/team/", false, "ends with '/'"},
		{"empty path segment", "arn:aws:iam::123456789012:mfa/team//alice", false, "empty segment"},
		{"bad name char", "arn:aws:iam::123456789012:mfa/al*ce", false, "'*'"},
		{"colon in name", "arn:aws:iam::123456789012:mfa/al:ce", false, "':'"},
		{"too few colons", "arn:aws:iam:123456789012:mfa/alice", false, "arn:aws:iam::<12-digit account id>"},
		{"upper-case ARN prefix", "ARN:aws:iam::123456789012:mfa/alice", false, "arn:aws:iam::<12-digit account id>"},
		{"name too long", long, false, "at most 256"},
		{"ARN too long", "arn:aws:iam::123456789012:mfa/" + strings.Repeat("p/", 100) + strings.Repeat("n", 30), false, "at most 256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateSerial(tt.serial)
			checkErr(t, err, tt.errHas, ErrInvalidSerial)
			if got := IsVirtualSerial(tt.serial); got != tt.virtual {
				t.Errorf("IsVirtualSerial(%q) = %v, want %v", tt.serial, got, tt.virtual)
			}
		})
	}
}

func TestValidateCode(t *testing.T) {
	tests := []struct {
		code   string
		errHas string
	}{
		{"123456", ""},
		{"000000", ""},
		{"", "empty"},
		{"12345", "has 5 digits"},
		{"1234567", "has 7 digits"},
		{"12a456", "'a'"},
		{" 23456", "' '"},
		{"12345 ", "' '"},
		{"-12345", "'-'"},
		{"١٢٣٤٥٦", "'١'"}, // Arabic-Indic digits are not ASCII digits
		{"１２３４５６", "'１'"}, // nor are full-width ones
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			checkErr(t, ValidateCode(tt.code), tt.errHas, ErrInvalidCode)
		})
	}
}

// checkErr asserts that err is nil when errHas is empty, and otherwise that it
// wraps sentinel and its message contains errHas.
func checkErr(t *testing.T, err error, errHas string, sentinel error) {
	t.Helper()
	if errHas == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, want one containing %q", errHas)
	}
	if !errors.Is(err, sentinel) {
		t.Errorf("error %q does not wrap %q", err, sentinel)
	}
	if !strings.Contains(err.Error(), errHas) {
		t.Errorf("error %q does not contain %q", err, errHas)
	}
}
