package otp

import (
	"encoding/base32"
	"testing"
)

func TestNewSeed(t *testing.T) {
	a, err := NewSeed()
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewSeed()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 64 {
		t.Errorf("seed %q has %d characters, want 64", a, len(a))
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(a)
	if err != nil || len(raw) != SeedBytes {
		t.Errorf("seed decodes to %d bytes (%v), want %d", len(raw), err, SeedBytes)
	}
	if norm, err := NormalizeSeed(a); err != nil || norm != a {
		t.Errorf("NormalizeSeed(new seed) = %q, %v; want it unchanged", norm, err)
	}
	if a == b {
		t.Error("two fresh seeds are equal")
	}
}

func TestNormalizeSeed(t *testing.T) {
	tests := []struct {
		in, want string
		errHas   string
	}{
		{"JBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXP", ""},
		{"jbsw y3dp ehpk 3pxp", "JBSWY3DPEHPK3PXP", ""},
		{"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", ""},
		{"MZXW6===", "MZXW6", ""},
		{"", "", "empty"},
		{" = ", "", "empty"},
		{"JBSWY3DPEHPK3PX1", "", "'1'"},
		{"JBSWY3DP-EHPK3PXP", "", "'-'"},
		{"MZX", "", "3 characters"},
		{"MZXW6Y", "", "6 characters"},
		{"JBSWY3DPE", "", "9 characters"},
	}
	for _, tt := range tests {
		got, err := NormalizeSeed(tt.in)
		checkErr(t, err, tt.errHas, ErrInvalidSeed)
		if got != tt.want {
			t.Errorf("NormalizeSeed(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
