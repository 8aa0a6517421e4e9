package awsops

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// FixOptions are what some fixes need beyond the bucket's state.
type FixOptions struct {
	// MFASerial is the root user's MFA device, for steps that carry
	// x-amz-mfa (MFA Delete, versioning of an MFA Delete bucket). The code
	// is given at Apply time, never here.
	MFASerial string
	// Caller and CallerIsRoot feed the lock-out lint of policy fixes.
	Caller       LockoutCaller
	CallerIsRoot bool
}

// FixInfo names one finding that can be fixed without a human choice.
type FixInfo struct {
	ID          string
	Description string // one line: what the fix does
}

// NotFixableError says why a finding has no automatic fix: it needs a
// choice only a person can make, or no API call fixes it.
type NotFixableError struct {
	ID     string
	Reason string
}

func (e *NotFixableError) Error() string {
	return fmt.Sprintf("%s cannot be fixed automatically: %s", e.ID, e.Reason)
}

// ErrFindingAbsent is returned when the bucket does not have the finding.
var ErrFindingAbsent = errors.New("the bucket does not have this finding")

// fixer builds the plan of one fixable finding.
type fixer struct {
	description string
	build       func(st BucketState, all []BucketState, o FixOptions) (Plan, error)
}

// fixers is the registry: each finding id with its fix, built from the
// same plan builders the console's panes use.
var fixers = map[string]fixer{
	"kms-no-bucket-key": {"turn on the S3 Bucket Key, keeping the KMS key (up to 99% fewer KMS calls)",
		func(st BucketState, _ []BucketState, _ FixOptions) (Plan, error) { return BucketKeyPlan(st) }},
	"ssec-allowed": {"block uploads with customer-provided keys (SSE-C), keeping the default encryption",
		fixBlockSSEC},
	"versioning-off": {"enable versioning (needs --mfa when MFA Delete is on)",
		fixVersioning},
	"versioning-suspended": {"enable versioning again (needs --mfa when MFA Delete is on)",
		fixVersioning},
	"mfa-delete-off": {"enable versioning and MFA Delete (root user only, needs --mfa)",
		fixMFADelete},
	"tls-not-enforced": {"add the TLS-only statement to the bucket policy, keeping every other statement",
		fixTLS},
	"tls-policy-wrong": {"merge the TLS-only statement into the bucket policy and drop statements that deny HTTPS",
		fixTLS},
	"public-access-block-off": {"turn on all four Block Public Access settings of the bucket",
		func(st BucketState, _ []BucketState, _ FixOptions) (Plan, error) {
			return PutPublicAccessBlockPlan(st, AllPublicAccessBlocked)
		}},
	"logging-target-kms": {"switch the log target's default encryption to SSE-S3, the only one log delivery supports",
		fixLogTargetKMS},
	"logging-target-logs": {"turn off access logging on the log target, so deliveries stop creating more logs",
		fixLogTargetLogs},
	FindingACLsEnabled: {"disable ACLs (Object Ownership BucketOwnerEnforced)",
		func(st BucketState, _ []BucketState, _ FixOptions) (Plan, error) { return DisableACLsPlan(st) }},
}

// humanChoice says, for findings without an automatic fix, what a person
// has to decide and where.
var humanChoice = map[string]string{
	"policy-public":                 "only you know whether the bucket is meant to be public: edit the policy in the Transit pane",
	"mfa-delete-lifecycle-conflict": "either the lifecycle rules or MFA Delete must go: choose in the Versioning pane",
	"logging-target-missing":        "pick an existing log target bucket in the Logging pane",
	"logging-loop":                  "pick a log target other than the bucket itself (Logging pane)",
	FindingFacetError:               "a setting could not be read: fix the permission or retry; nothing to change on the bucket",
}

// FixableFindings lists the finding ids that FixPlan can fix, sorted.
func FixableFindings() []FixInfo {
	out := make([]FixInfo, 0, len(fixers))
	for id, f := range fixers {
		out = append(out, FixInfo{ID: id, Description: f.description})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// FixDescription is the one-line description of a fixable id, "" otherwise.
func FixDescription(id string) string { return fixers[id].description }

// FixPlan builds the plan that fixes finding id on the bucket st; all is
// every bucket's state (for the findings that look across buckets and the
// warnings that do). It refuses a bucket that does not have the finding
// (ErrFindingAbsent), and a finding that needs a choice only a person can
// make (NotFixableError).
func FixPlan(id string, st BucketState, all []BucketState, o FixOptions) (Plan, error) {
	f, ok := fixers[id]
	if !ok {
		if reason, human := humanChoice[id]; human {
			return Plan{}, &NotFixableError{ID: id, Reason: reason}
		}
		if strings.HasPrefix(id, "cors-") {
			return Plan{}, &NotFixableError{ID: id, Reason: "which origins, methods and headers the bucket's web clients need is your choice: review the rules in the CORS pane"}
		}
		return Plan{}, fmt.Errorf("unknown finding %q: fixable findings are %s", id, fixableIDs())
	}
	if !HasFinding(id, st, all) {
		return Plan{}, fmt.Errorf("%s: %w %s", st.Name, ErrFindingAbsent, id)
	}
	return f.build(st, all, o)
}

// HasFinding reports whether Analyse finds id on the bucket st, judged
// among all (st replaces its own entry there, so a fresher state counts).
func HasFinding(id string, st BucketState, all []BucketState) bool {
	states := make([]BucketState, 0, len(all)+1)
	seen := false
	for _, o := range all {
		if o.Name == st.Name {
			o, seen = st, true
		}
		states = append(states, o)
	}
	if !seen {
		states = append(states, st)
	}
	for _, f := range Analyse(states) {
		if f.Bucket == st.Name && f.ID == id {
			return true
		}
	}
	return false
}

// fixableIDs lists the fixable ids for an error message.
func fixableIDs() string {
	var ids []string
	for _, f := range FixableFindings() {
		ids = append(ids, f.ID)
	}
	return strings.Join(ids, ", ")
}

// fixBlockSSEC keeps the bucket's default encryption and blocks SSE-C.
func fixBlockSSEC(st BucketState, _ []BucketState, _ FixOptions) (Plan, error) {
	e := st.Encryption
	if e == nil {
		return Plan{}, fmt.Errorf("the encryption of %s has not been read", st.Name)
	}
	alg := e.Algorithm
	if alg == "" {
		alg = AlgorithmAES256
	}
	return EncryptionPlan(st, EncryptionChoice{Algorithm: alg, KMSKeyID: e.KMSKeyID, BucketKey: e.BucketKey, BlockSSEC: true})
}

// fixVersioning enables versioning; with MFA Delete on, S3 needs the code.
func fixVersioning(st BucketState, _ []BucketState, o FixOptions) (Plan, error) {
	if st.Versioning != nil && st.Versioning.MFADelete == MFADeleteEnabled && o.MFASerial == "" {
		return Plan{}, fmt.Errorf("MFA Delete is on for %s: changing its versioning needs the root user's MFA device (give its serial and a code)", st.Name)
	}
	return SetVersioningPlan(st, VersioningEnabled, o.MFASerial), nil
}

// fixMFADelete enables MFA Delete (and versioning) in one request.
func fixMFADelete(st BucketState, _ []BucketState, o FixOptions) (Plan, error) {
	if o.MFASerial == "" {
		return Plan{}, fmt.Errorf("MFA Delete on %s needs the root user's MFA device: give its serial and a code", st.Name)
	}
	if !o.CallerIsRoot {
		return Plan{}, errors.New("only the root user can enable MFA Delete: sign in as the account's root user")
	}
	if n := lifecycleRules(st); n > 0 {
		return Plan{}, &NotFixableError{ID: "mfa-delete-off", Reason: fmt.Sprintf("%s has %d lifecycle rule(s), which AWS does not support on MFA Delete buckets: decide which matters more in the Versioning pane", st.Name, n)}
	}
	return EnableMFADeletePlan(st, o.MFASerial, true), nil
}

// fixTLS merges the TLS-only statement, keeping the extras the policy has.
// A plan the lock-out lint objects to is refused here: overriding it is a
// choice made in the Transit pane, one bucket at a time.
func fixTLS(st BucketState, _ []BucketState, o FixOptions) (Plan, error) {
	p, lint, err := EnforceTLSPlan(st, TLSOptionsOf(currentPolicy(st)), o.Caller, o.CallerIsRoot)
	if err != nil {
		return Plan{}, err
	}
	if len(lint) > 0 {
		return Plan{}, &NotFixableError{ID: "tls-not-enforced", Reason: "the merged policy would lock you out (" + lint[0].Explanation + "): review it in the Transit pane"}
	}
	return p, nil
}

// logTargetOf is the state of the bucket st sends its access logs to.
func logTargetOf(st BucketState, all []BucketState) (BucketState, error) {
	if st.Logging == nil || !st.Logging.Enabled {
		return BucketState{}, fmt.Errorf("%s does not send access logs", st.Name)
	}
	for _, o := range all {
		if o.Name == st.Logging.TargetBucket {
			return o, nil
		}
	}
	return BucketState{}, fmt.Errorf("the log target %s of %s is not among the buckets read", st.Logging.TargetBucket, st.Name)
}

// fixLogTargetKMS sets the log target's default encryption to SSE-S3,
// keeping its SSE-C setting: the fix changes the target, not st.
func fixLogTargetKMS(st BucketState, all []BucketState, _ FixOptions) (Plan, error) {
	target, err := logTargetOf(st, all)
	if err != nil {
		return Plan{}, err
	}
	blockSSEC := target.Encryption != nil && target.Encryption.SSECBlocked()
	p, err := EncryptionPlan(target, EncryptionChoice{Algorithm: AlgorithmAES256, BlockSSEC: blockSSEC}, all...)
	if err != nil {
		return Plan{}, err
	}
	p.Title = fmt.Sprintf("Set the default encryption of %s (the access-log target of %s) to SSE-S3", target.Name, st.Name)
	p.Warnings = append(p.Warnings, "Log delivery resumes for new logs only; the logs S3 could not deliver while the target was SSE-KMS are lost.")
	return p, nil
}

// fixLogTargetLogs turns off the access logs of st's log target.
func fixLogTargetLogs(st BucketState, all []BucketState, _ FixOptions) (Plan, error) {
	target, err := logTargetOf(st, all)
	if err != nil {
		return Plan{}, err
	}
	p := TurnOffLoggingPlan(all, target.Name)
	p.Title = fmt.Sprintf("Turn off the access logs of %s (the access-log target of %s)", target.Name, st.Name)
	return p, nil
}

// SameChange reports whether two plans make the same calls on the same
// bucket (two buckets logging to one target get the same fix of it).
func SameChange(a, b Plan) bool { return a.Bucket == b.Bucket && a.CLIScript() == b.CLIScript() }
