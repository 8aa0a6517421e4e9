package otp

import (
	"net/url"
	"strings"
	"testing"
)

func TestURI(t *testing.T) {
	tests := []struct {
		device, account, seed string
		want                  string
	}{
		{"root-account-mfa-device", "123456789012", "JBSWY3DPEHPK3PXP",
			"otpauth://totp/root-account-mfa-device@123456789012?secret=JBSWY3DPEHPK3PXP"},
		{"alice.phone_1", "alice", "JBSWY3DPEHPK3PXP",
			"otpauth://totp/alice.phone_1@alice?secret=JBSWY3DPEHPK3PXP"},
		// '@' and '+' are legal in IAM names; they must not read as separator or space.
		{"a@b+c=d,e", "bob@example.com", "JBSWY3DPEHPK3PXP",
			"otpauth://totp/a%40b%2Bc%3Dd%2Ce@bob%40example.com?secret=JBSWY3DPEHPK3PXP"},
		{"my device/1", "ünï", "AB&C",
			"otpauth://totp/my%20device%2F1@%C3%BCn%C3%AF?secret=AB%26C"},
	}
	for _, tt := range tests {
		got := URI(tt.device, tt.account, tt.seed)
		if got != tt.want {
			t.Errorf("URI(%q, %q, %q)\n got %s\nwant %s", tt.device, tt.account, tt.seed, got, tt.want)
		}
		// A standard parser recovers every part, and the raw path has exactly one '@'.
		u, err := url.Parse(got)
		if err != nil {
			t.Fatalf("url.Parse(%q): %v", got, err)
		}
		if u.Scheme != "otpauth" || u.Host != "totp" || u.Query().Get("secret") != tt.seed {
			t.Errorf("%s parses to scheme %q host %q secret %q", got, u.Scheme, u.Host, u.Query().Get("secret"))
		}
		rawDevice, rawAccount, ok := strings.Cut(strings.TrimPrefix(u.EscapedPath(), "/"), "@")
		if !ok || strings.Contains(rawAccount, "@") {
			t.Fatalf("%s: label does not split at a single '@'", got)
		}
		device, _ := url.PathUnescape(rawDevice)
		account, _ := url.PathUnescape(rawAccount)
		if device != tt.device || account != tt.account {
			t.Errorf("%s: label decodes to (%q, %q), want (%q, %q)", got, device, account, tt.device, tt.account)
		}
	}
}
