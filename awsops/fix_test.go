package awsops

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixPlanRegistry: each fixable finding builds the plan of the builder
// it reuses, on a bucket that has the finding, and applying that plan's
// change to the state makes the finding go away (judged by Analyse).
func TestFixPlanRegistry(t *testing.T) {
	root := FixOptions{MFASerial: "arn:aws:iam::111122223333:mfa/root", Caller: LockoutCaller{ARN: "arn:aws:iam::111122223333:root", OverTLS: true}, CallerIsRoot: true}
	for _, tc := range []struct {
		id      string
		state   func(*BucketState)
		api     string
		cli     string // part of the first step's CLI
		needMFA bool
		warn    string // part of a warning, "" for none asserted
	}{
		{"kms-no-bucket-key", func(s *BucketState) {
			s.Encryption = &Encryption{Algorithm: AlgorithmKMS, KMSKeyID: "alias/k", BlockedEncryptionTypes: []string{"SSE-C"}}
		},
			"s3:PutBucketEncryption", `"BucketKeyEnabled":true`, false, "fewer KMS requests"},
		{"ssec-allowed", func(s *BucketState) {
			s.Encryption = &Encryption{Algorithm: AlgorithmKMS, KMSKeyID: "alias/k", BucketKey: true, BlockedEncryptionTypes: []string{"NONE"}}
		},
			"s3:PutBucketEncryption", `"BlockedEncryptionTypes":{"EncryptionType":["SSE-C"]}`, false, ""},
		{"versioning-off", func(s *BucketState) { s.Versioning = &Versioning{Status: VersioningNever, MFADelete: MFADeleteNever} },
			"s3:PutBucketVersioning", "Status=Enabled", false, "never return to unversioned"},
		{"versioning-suspended", func(s *BucketState) {
			s.Versioning = &Versioning{Status: VersioningSuspended, MFADelete: MFADeleteEnabled}
		},
			"s3:PutBucketVersioning", "Status=Enabled,MFADelete=Enabled", true, "MFA Delete is on"},
		{"mfa-delete-off", func(s *BucketState) {
			s.Versioning = &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteDisabled}
		},
			"s3:PutBucketVersioning", "MFADelete=Enabled", true, "only the root user"},
		{"tls-not-enforced", func(s *BucketState) { s.Policy = &Policy{} },
			"s3:PutBucketPolicy", "aws:SecureTransport", false, ""},
		{"public-access-block-off", func(s *BucketState) { s.PublicAccessBlock = &PublicAccessBlock{} },
			"s3:PutPublicAccessBlock", "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true", false, ""},
		{FindingACLsEnabled, func(s *BucketState) { s.Ownership = &ObjectOwnership{Setting: "ObjectWriter"} },
			"s3:PutBucketOwnershipControls", "ObjectOwnership=BucketOwnerEnforced", false, "InvalidBucketAclWithObjectOwnership"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			st := with("b", tc.state)
			if !HasFinding(tc.id, st, nil) {
				t.Fatalf("the test state has no %s finding: %+v", tc.id, Analyse([]BucketState{st}))
			}
			p, err := FixPlan(tc.id, st, []BucketState{st, clean("other")}, root)
			if err != nil {
				t.Fatal(err)
			}
			if p.Bucket != "b" || len(p.Steps) != 1 || p.Steps[0].API != tc.api || !strings.Contains(p.Steps[0].CLI, tc.cli) {
				t.Fatalf("plan %q: %d steps, first %s %q; want one %s with %q", p.Title, len(p.Steps), p.Steps[0].API, p.Steps[0].CLI, tc.api, tc.cli)
			}
			if p.NeedsMFA() != tc.needMFA {
				t.Errorf("NeedsMFA %t, want %t", p.NeedsMFA(), tc.needMFA)
			}
			if tc.needMFA && !strings.Contains(p.Steps[0].CLI, "--mfa") {
				t.Errorf("an MFA step's CLI lacks --mfa: %s", p.Steps[0].CLI)
			}
			if tc.warn != "" && !strings.Contains(strings.Join(p.Warnings, "\n"), tc.warn) {
				t.Errorf("warnings lack %q:\n%s", tc.warn, strings.Join(p.Warnings, "\n"))
			}
			if FixDescription(tc.id) == "" {
				t.Error("no description")
			}
		})
	}
}

// TestFixPlanRefusals: findings that need a person's choice, unknown ids,
// buckets without the finding and missing MFA devices get a clear error
// and no plan.
func TestFixPlanRefusals(t *testing.T) {
	corsy := with("b", func(s *BucketState) {
		s.CORS = &CORS{Rules: []CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT"}}}}
	})
	for _, tc := range []struct {
		name, id string
		st       BucketState
		o        FixOptions
		want     string
		notFix   bool
	}{
		{"cors needs an origin", "cors-wildcard-write", corsy, FixOptions{}, "which origins", true},
		{"a loop needs a target", "logging-loop", clean("b"), FixOptions{}, "Logging pane", true},
		{"public policy is a choice", "policy-public", clean("b"), FixOptions{}, "meant to be public", true},
		{"unknown id", "no-such-thing", clean("b"), FixOptions{}, "unknown finding \"no-such-thing\": fixable findings are acls-enabled", false},
		{"absent finding", "tls-not-enforced", clean("b"), FixOptions{}, "does not have this finding", false},
		{"mfa delete without a device", "mfa-delete-off",
			with("b", func(s *BucketState) {
				s.Versioning = &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteDisabled}
			}),
			FixOptions{}, "needs the root user's MFA device", false},
		{"mfa delete as a user", "mfa-delete-off",
			with("b", func(s *BucketState) {
				s.Versioning = &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteDisabled}
			}),
			FixOptions{MFASerial: "arn:aws:iam::1:mfa/x"}, "only the root user", false},
		{"mfa delete with lifecycle rules", "mfa-delete-off",
			with("b", func(s *BucketState) {
				s.Versioning = &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteDisabled}
				s.Lifecycle = &Lifecycle{Rules: 2}
			}),
			FixOptions{MFASerial: "arn:aws:iam::1:mfa/root", CallerIsRoot: true}, "2 lifecycle rule(s)", true},
		{"versioning of an MFA Delete bucket without a device", "versioning-suspended",
			with("b", func(s *BucketState) {
				s.Versioning = &Versioning{Status: VersioningSuspended, MFADelete: MFADeleteEnabled}
			}),
			FixOptions{}, "MFA Delete is on for b", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := FixPlan(tc.id, tc.st, nil, tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v (plan %q), want one with %q", err, p.Title, tc.want)
			}
			var nf *NotFixableError
			if errors.As(err, &nf) != tc.notFix {
				t.Errorf("NotFixableError %t, want %t: %v", errors.As(err, &nf), tc.notFix, err)
			}
		})
	}
}

// TestFixableFindingsAreAnalysed: every fixable id is one Analyse can
// produce, listed once, sorted, each with a description.
func TestFixableFindingsAreAnalysed(t *testing.T) {
	list := FixableFindings()
	if len(list) < 9 {
		t.Fatalf("only %d fixable findings: %+v", len(list), list)
	}
	src := analyseSources(t)
	for i, f := range list {
		if i > 0 && list[i-1].ID >= f.ID {
			t.Errorf("not sorted or duplicated at %s", f.ID)
		}
		if f.Description == "" || !strings.Contains(src, `"`+f.ID+`"`) {
			t.Errorf("%s: description %q, produced by analyse*.go: %t", f.ID, f.Description, strings.Contains(src, `"`+f.ID+`"`))
		}
	}
}

// analyseSources is the text of the files that produce findings.
func analyseSources(t *testing.T) string {
	t.Helper()
	names, err := filepath.Glob("analyse*.go")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		raw, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(raw)
	}
	return b.String()
}

// TestFixLogTargets: the logging-target fixes change the target, not the
// bucket with the finding, and two sources of one target get the same change.
func TestFixLogTargets(t *testing.T) {
	target := with("logs", func(s *BucketState) {
		s.Encryption = &Encryption{Algorithm: AlgorithmKMS, KMSKeyID: "alias/logs", BlockedEncryptionTypes: []string{"SSE-C"}}
		s.Logging = &Logging{Enabled: true, TargetBucket: "elsewhere", TargetPrefix: "x/"}
	})
	a, b := with("a", logsTo("logs")), with("b", logsTo("logs"))
	all := []BucketState{a, b, target, clean("elsewhere")}

	p, err := FixPlan("logging-target-kms", a, all, FixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Bucket != "logs" || p.Steps[0].API != "s3:PutBucketEncryption" || !strings.Contains(p.Steps[0].CLI, `"SSEAlgorithm":"AES256"`) ||
		!strings.Contains(p.Steps[0].CLI, `"EncryptionType":["SSE-C"]`) || !strings.Contains(p.Title, "access-log target of a") {
		t.Errorf("kms fix: %q on %s: %s", p.Title, p.Bucket, p.Steps[0].CLI)
	}
	q, err := FixPlan("logging-target-kms", b, all, FixOptions{})
	if err != nil || !SameChange(p, q) {
		t.Errorf("the second source's fix is not the same change: %v", err)
	}

	p, err = FixPlan("logging-target-logs", a, all, FixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Bucket != "logs" || p.Steps[0].API != "s3:PutBucketLogging" || !strings.Contains(p.Steps[0].CLI, "--bucket logs --bucket-logging-status '{}'") {
		t.Errorf("logs fix: %q on %s: %s", p.Title, p.Bucket, p.Steps[0].CLI)
	}
	if _, err := FixPlan("logging-target-kms", a, []BucketState{a}, FixOptions{}); err == nil {
		t.Error("a fix of a target that was not read")
	}
}
