package awsops

import (
	"strings"
	"testing"
)

// goodPreflight is an input where every check passes.
func goodPreflight() PreflightInput {
	return PreflightInput{
		Bucket:     "acme-records",
		Identity:   Identity{Account: "111122223333", ARN: "arn:aws:iam::111122223333:root", IsRoot: true},
		Endpoint:   "https://s3.amazonaws.com",
		Versioning: &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteNever},
		Lifecycle:  &Lifecycle{},
		Devices:    []MFADevice{{Serial: testSerial, Type: MFADeviceVirtual}},
	}
}

func TestEvaluatePreflight(t *testing.T) {
	type want struct {
		name           string
		ok, blocking   bool
		detail, fixSub string
	}
	cases := []struct {
		name    string
		mutate  func(*PreflightInput)
		want    want
		blocked bool
	}{
		{"all good", func(*PreflightInput) {}, want{CheckRootUser, true, true, "root user", ""}, false},
		{"IAM user", func(in *PreflightInput) {
			in.Identity = Identity{ARN: "arn:aws:iam::111122223333:user/admin"}
		}, want{CheckRootUser, false, true, "aws:MultiFactorAuthPresent", "root user's access keys"}, true},
		{"identity unknown", func(in *PreflightInput) {
			in.Identity, in.IdentityErr = Identity{}, "RequestError: connection refused"
		}, want{CheckRootUser, false, true, "connection refused", "GetCallerIdentity"}, true},
		{"temporary credentials", func(in *PreflightInput) { in.SessionToken = true },
			want{CheckLongTermKeys, false, true, "DevPay and Mfa are mutually exclusive", "without AWS_SESSION_TOKEN"}, true},
		{"plain HTTP", func(in *PreflightInput) { in.Endpoint = "http://127.0.0.1:9000" },
			want{CheckHTTPS, false, true, "only over HTTPS", "https://"}, true},
		{"endpoint not a URL", func(in *PreflightInput) { in.Endpoint = "localhost" },
			want{CheckHTTPS, false, true, "not a URL", "https://"}, true},
		{"versioning never", func(in *PreflightInput) { in.Versioning = &Versioning{Status: VersioningNever} },
			want{CheckVersioning, false, false, "never been enabled", "same plan"}, false},
		{"versioning suspended", func(in *PreflightInput) { in.Versioning = &Versioning{Status: VersioningSuspended} },
			want{CheckVersioning, false, false, "suspended", "same plan"}, false},
		{"versioning unread", func(in *PreflightInput) { in.Versioning, in.VersioningErr = nil, "AccessDenied: Access Denied" },
			want{CheckVersioning, false, false, "AccessDenied", "same plan"}, false},
		{"lifecycle rules", func(in *PreflightInput) { in.Lifecycle = &Lifecycle{Rules: 2} },
			want{CheckNoLifecycle, false, true, "2 lifecycle rule(s)", "delete-bucket-lifecycle --bucket acme-records"}, true},
		{"lifecycle unread", func(in *PreflightInput) { in.Lifecycle, in.LifecycleErr = nil, "AccessDenied: Access Denied" },
			want{CheckNoLifecycle, false, false, "could not read", "no lifecycle rules"}, false},
		{"no device", func(in *PreflightInput) { in.Devices = nil },
			want{CheckMFADeviceFound, false, true, "no MFA device", "create and enable"}, true},
		{"only FIDO", func(in *PreflightInput) {
			in.Devices = []MFADevice{{Serial: "arn:aws:iam::111122223333:u2f/root/key", Type: MFADeviceFIDO}}
		}, want{CheckMFADeviceFound, false, true, "cannot produce", "TOTP"}, true},
		{"devices unlisted", func(in *PreflightInput) { in.Devices, in.DevicesErr = nil, "NotImplemented: no IAM" },
			want{CheckMFADeviceFound, false, false, "NotImplemented", "serial"}, false},
		{"hardware device", func(in *PreflightInput) { in.Devices = []MFADevice{{Serial: "GAHT12345678", Type: MFADeviceHardware}} },
			want{CheckMFADeviceFound, true, false, "hardware device GAHT12345678", ""}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := goodPreflight()
			c.mutate(&in)
			checks := EvaluatePreflight(in)
			names := []string{CheckRootUser, CheckLongTermKeys, CheckHTTPS, CheckVersioning, CheckNoLifecycle, CheckMFADeviceFound}
			if len(checks) != len(names) {
				t.Fatalf("%d checks", len(checks))
			}
			for i, n := range names {
				if checks[i].Name != n {
					t.Errorf("check %d = %q, want %q", i, checks[i].Name, n)
				}
				// Every check but the one under test passes.
				if n != c.want.name && !checks[i].OK {
					t.Errorf("%s failed: %+v", n, checks[i])
				}
				if checks[i].Detail == "" {
					t.Errorf("%s has no detail", n)
				}
				if !checks[i].OK && checks[i].Fix == "" {
					t.Errorf("%s failed without a fix", n)
				}
			}
			var got Check
			for _, ch := range checks {
				if ch.Name == c.want.name {
					got = ch
				}
			}
			if got.OK != c.want.ok || got.Blocking != c.want.blocking {
				t.Errorf("%s: OK=%v Blocking=%v, want %v %v", got.Name, got.OK, got.Blocking, c.want.ok, c.want.blocking)
			}
			if !strings.Contains(got.Detail, c.want.detail) || !strings.Contains(got.Fix, c.want.fixSub) {
				t.Errorf("%s: detail %q fix %q, want %q / %q", got.Name, got.Detail, got.Fix, c.want.detail, c.want.fixSub)
			}
			if PreflightBlocked(checks) != c.blocked {
				t.Errorf("PreflightBlocked = %v, want %v", !c.blocked, c.blocked)
			}
		})
	}
}
