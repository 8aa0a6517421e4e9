package awsops

import (
	"strings"
	"testing"
)

// Findings must agree with each other and with what the console allows:
// no advice that another finding (or S3 itself) contradicts.
func TestAnalyseAdviceAgrees(t *testing.T) {
	kmsNoBK := func(s *BucketState) {
		s.Encryption = &Encryption{Algorithm: "aws:kms", BlockedEncryptionTypes: []string{"SSE-C"}}
	}
	tests := []struct {
		name       string
		states     []BucketState
		want       []string          // bucket/id, exactly
		remedyHas  map[string]string // bucket/id -> substring of the remedy
		remedyNot  map[string]string // bucket/id -> substring the remedy must not contain
		messageHas map[string]string
	}{
		{
			name:   "a KMS bucket that is no log target gets the bucket-key advice",
			states: []BucketState{with("data", kmsNoBK)},
			want:   []string{"data/kms-no-bucket-key"},
		},
		{
			name:      "a KMS log target gets only the SSE-S3 advice, not a bucket key",
			states:    []BucketState{with("src", logsTo("logs")), with("logs", kmsNoBK)},
			want:      []string{"src/logging-target-kms"},
			remedyHas: map[string]string{"src/logging-target-kms": `"SSEAlgorithm":"AES256"`},
		},
		{
			name: "when the source's logging is unread the target is not known to be one",
			states: []BucketState{with("src", func(s *BucketState) {
				s.Logging = nil
				s.Errors = map[Facet]*FacetError{FacetLogging: {Code: "AccessDenied", Message: "Access Denied"}}
			}), with("logs", kmsNoBK)},
			want: []string{"src/facet-error", "logs/kms-no-bucket-key"},
		},
		{
			name: "MFA Delete off without lifecycle rules: enable it",
			states: []BucketState{with("v", func(s *BucketState) {
				s.Versioning = &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteDisabled}
			})},
			want:      []string{"v/mfa-delete-off"},
			remedyHas: map[string]string{"v/mfa-delete-off": "MFADelete=Enabled"},
			remedyNot: map[string]string{"v/mfa-delete-off": "lifecycle"},
		},
		{
			name: "MFA Delete off with lifecycle rules: the rules must go first",
			states: []BucketState{with("v", func(s *BucketState) {
				s.Versioning = &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteDisabled}
				s.Lifecycle = &Lifecycle{Rules: 2}
			})},
			want:       []string{"v/mfa-delete-off"},
			messageHas: map[string]string{"v/mfa-delete-off": "cannot be turned on while the bucket has 2 lifecycle rule(s)"},
			remedyHas:  map[string]string{"v/mfa-delete-off": "lifecycle rules removed first (aws s3api delete-bucket-lifecycle --bucket v)"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Analyse(tc.states)
			if k, w := strings.Join(keys(got), " "), strings.Join(sortedCopy(tc.want), " "); k != w {
				t.Fatalf("findings = %s, want %s", k, w)
			}
			check := func(m map[string]string, field func(*Finding) string, want bool) {
				for key, sub := range m {
					f := findingByKey(got, key)
					if f == nil {
						t.Fatalf("no finding %s", key)
					}
					if strings.Contains(field(f), sub) != want {
						t.Errorf("%s: %q contains %q = %v, want %v", key, field(f), sub, !want, want)
					}
				}
			}
			check(tc.remedyHas, func(f *Finding) string { return f.Remedy }, true)
			check(tc.remedyNot, func(f *Finding) string { return f.Remedy }, false)
			check(tc.messageHas, func(f *Finding) string { return f.Message }, true)
		})
	}
}
