package views

import (
	"errors"
	"fmt"
	"strings"

	"github.com/s3sec/s3sec/awsops"
)

// wizChoice is one answer of a wizard step. build returns the plans the
// answer needs (none to change nothing); it runs when the combined plan is
// made, so it sees the answers of every step.
type wizChoice struct {
	label string
	build func(w *wizard) ([]awsops.Plan, error)
}

// wizStep is one setting of "Secure this bucket": what it protects against
// in two lines, the bucket's current state, and the answers with the
// recommended one preselected. A step already satisfied (done) or not
// possible for this caller (skip) says so and is passed over.
type wizStep struct {
	id      string
	title   string
	why     [2]string
	now     string   // the current setting, in words
	notes   []string // findings or lint notes to read before choosing
	done    string   // non-empty: already satisfied, and why
	skip    string   // non-empty: not offered to this caller, and why
	choices []wizChoice
	pick    int
}

// offered reports whether the user chooses something on this step.
func (s *wizStep) offered() bool { return s.done == "" && s.skip == "" && len(s.choices) > 0 }

// keep is the answer that changes nothing.
func keep(label string) wizChoice { return wizChoice{label: label} }

// plansOf wraps one plan (or its error) as a build result.
func plansOf(p awsops.Plan, err error) ([]awsops.Plan, error) {
	if err != nil {
		return nil, err
	}
	return []awsops.Plan{p}, nil
}

// buildSteps lays out the wizard's steps from the bucket's state (before),
// every bucket's state and the caller. Order matters: versioning comes
// before MFA Delete, which needs it.
func (w *wizard) buildSteps() {
	w.steps = []*wizStep{
		w.encryptionStep(), w.versioningStep(), w.mfaDeleteStep(), w.loggingStep(),
		w.tlsStep(), w.corsStep(), w.pabStep(),
	}
}

// findingsOf are the findings of the wizard's bucket whose id has prefix.
func (w *wizard) findingsOf(prefix string) []awsops.Finding {
	var out []awsops.Finding
	for _, f := range w.beforeFindings {
		if f.Bucket == w.bucket && strings.HasPrefix(f.ID, prefix) && f.Severity >= awsops.SeverityLow {
			out = append(out, f)
		}
	}
	return out
}

// findingNotes are findings as "severity: message" lines.
func findingNotes(fs []awsops.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Severity.String()+": "+f.Message)
	}
	return out
}

func (w *wizard) encryptionStep() *wizStep {
	s := &wizStep{id: "encryption", title: "Default encryption",
		why: [2]string{"Protects data at rest if storage media or a backup leaks: every new object is encrypted.",
			"SSE-KMS adds key policies and CloudTrail records of key use; the bucket key keeps its KMS cost low."}}
	e := w.before.Encryption
	if e == nil {
		s.skip = "The default encryption could not be read (" + w.facetErr(awsops.FacetEncryption) + "): fix that first."
		return s
	}
	s.now = awsops.KMSCostHint(*e)
	logTarget := w.isLogTarget()
	cur := *e
	kms := func(key string) wizChoice {
		name := key
		if name == "" {
			name = "aws/s3 (AWS-managed)"
		}
		return wizChoice{label: "SSE-KMS with bucket key, key " + name, build: func(w *wizard) ([]awsops.Plan, error) {
			return plansOf(awsops.EncryptionPlan(w.before, awsops.EncryptionChoice{Algorithm: awsops.AlgorithmKMS, KMSKeyID: key, BucketKey: true, BlockSSEC: cur.SSECBlocked()}, w.all...))
		}}
	}
	sses3 := wizChoice{label: "SSE-S3 (keys held by S3, no KMS calls)", build: func(w *wizard) ([]awsops.Plan, error) {
		return plansOf(awsops.EncryptionPlan(w.before, awsops.EncryptionChoice{Algorithm: awsops.AlgorithmAES256, BlockSSEC: cur.SSECBlocked()}, w.all...))
	}}
	switch {
	case cur.Algorithm == awsops.AlgorithmKMS && logTarget:
		s.notes = []string{"This bucket receives access logs: S3 cannot deliver logs to an SSE-KMS bucket, so SSE-S3 is recommended."}
		s.choices = []wizChoice{sses3, keep("Keep SSE-KMS (log delivery keeps failing)")}
	case cur.Algorithm == awsops.AlgorithmKMS && cur.BucketKey:
		s.done = "SSE-KMS with an S3 Bucket Key is already the default."
	case cur.Algorithm == awsops.AlgorithmKMS:
		s.choices = []wizChoice{{label: "Turn on the bucket key, keep key " + keyName(cur.KMSKeyID), build: func(w *wizard) ([]awsops.Plan, error) {
			return plansOf(awsops.BucketKeyPlan(w.before))
		}}, keep("Keep SSE-KMS without a bucket key")}
	default:
		s.choices = []wizChoice{keep("Keep " + ruleName(cur)), kms("")}
		if !logTarget {
			for _, k := range w.kmsKeys {
				if k.Enabled && k.Manager != "AWS" {
					id := k.ID
					if len(k.Aliases) > 0 {
						id = k.Aliases[0]
					}
					s.choices = append(s.choices, kms(id))
				}
			}
		}
		if w.keysNote != "" {
			s.notes = append(s.notes, w.keysNote)
		}
	}
	return s
}

// keyName is a KMS key id as shown, aws/s3 when empty.
func keyName(id string) string {
	if id == "" {
		return "aws/s3"
	}
	return id
}

// ruleName names a default encryption in a few words.
func ruleName(e awsops.Encryption) string {
	switch e.Algorithm {
	case awsops.AlgorithmAES256, "":
		return "SSE-S3"
	case awsops.AlgorithmKMSDSSE:
		return "DSSE-KMS (" + keyName(e.KMSKeyID) + ")"
	}
	s := "SSE-KMS (" + keyName(e.KMSKeyID) + ")"
	if e.BucketKey {
		s += " with bucket key"
	}
	return s
}

// isLogTarget reports whether another bucket sends its access logs here.
func (w *wizard) isLogTarget() bool {
	for _, st := range w.all {
		if st.Name != w.bucket && st.Logging != nil && st.Logging.Enabled && st.Logging.TargetBucket == w.bucket {
			return true
		}
	}
	return false
}

func (w *wizard) versioningStep() *wizStep {
	s := &wizStep{id: "versioning", title: "Versioning",
		why: [2]string{"Protects against overwrites and deletes, by mistake or by ransomware: every change keeps",
			"the previous version, which can be restored. Storage grows until old versions expire."}}
	v := w.before.Versioning
	switch {
	case v == nil:
		s.skip = "Versioning could not be read (" + w.facetErr(awsops.FacetVersioning) + ")."
	case v.Status == awsops.VersioningEnabled:
		s.done = "Versioning is already enabled."
	case v.MFADelete == awsops.MFADeleteEnabled && !w.isRoot():
		s.skip = "MFA Delete is on: only the root user, with its MFA device, can change versioning."
	default:
		s.now = "Versioning is " + string(v.Status) + "."
		s.choices = []wizChoice{{label: "Enable versioning", build: func(w *wizard) ([]awsops.Plan, error) {
			return []awsops.Plan{awsops.SetVersioningPlan(w.before, awsops.VersioningEnabled, w.serial)}, nil
		}}, keep(leaveVersioning(v.Status))}
	}
	return s
}

// versioningWillBeOn reports whether versioning is on after the plan.
func (w *wizard) versioningWillBeOn() bool {
	if v := w.before.Versioning; v != nil && v.Status == awsops.VersioningEnabled {
		return true
	}
	for _, s := range w.steps {
		if s.id == "versioning" && s.offered() && s.choices[s.pick].build != nil {
			return true
		}
	}
	return false
}

func (w *wizard) mfaDeleteStep() *wizStep {
	s := &wizStep{id: "mfa-delete", title: "MFA Delete",
		why: [2]string{"Protects versions against stolen credentials: permanently deleting a version or changing",
			"versioning needs a code from the root user's MFA device. Only the root user can turn it on."}}
	v := w.before.Versioning
	switch {
	case v == nil:
		s.skip = "Versioning could not be read, so MFA Delete cannot be judged."
	case v.MFADelete == awsops.MFADeleteEnabled:
		s.done = "MFA Delete is already enabled."
	case !w.isRoot():
		s.skip = "only the root user can enable it; you are " + w.callerName() + "."
	case w.before.Lifecycle != nil && w.before.Lifecycle.Rules > 0:
		s.skip = fmt.Sprintf("the bucket has %d lifecycle rule(s), which AWS does not support on MFA Delete buckets.", w.before.Lifecycle.Rules)
	default:
		s.now = "MFA Delete is off."
		on := wizChoice{label: "Enable MFA Delete (asks for a code of the root MFA device)", build: func(w *wizard) ([]awsops.Plan, error) {
			st := w.before
			if w.versioningWillBeOn() {
				on := awsops.Versioning{Status: awsops.VersioningEnabled, MFADelete: awsops.MFADeleteDisabled}
				st.Versioning = &on
			}
			return []awsops.Plan{awsops.EnableMFADeletePlan(st, w.serial, false)}, nil
		}}
		s.choices = []wizChoice{on, keep("Leave MFA Delete off")}
		if w.serial == "" {
			s.choices = []wizChoice{keep("Leave MFA Delete off"), on}
			s.notes = []string{"No MFA device of the root user is known yet: enroll one first (m on the Versioning pane)."}
		}
	}
	return s
}

// isRoot reports whether the caller is the account's root user.
func (w *wizard) isRoot() bool { return w.c.identity != nil && w.c.identity.IsRoot }

// callerName is the caller's ARN, or a placeholder while STS has not answered.
func (w *wizard) callerName() string {
	if w.c.identity == nil {
		return "not known yet"
	}
	arn := w.c.identity.ARN
	return arn[strings.LastIndex(arn, ":")+1:]
}

// facetErr is the code of a facet's read error, "not read" when absent.
func (w *wizard) facetErr(f awsops.Facet) string {
	if e := w.before.Errors[f]; e != nil {
		return e.Code
	}
	return "not read"
}

// policyCallerOf is the caller as the lock-out lint needs it.
func (w *wizard) policyCallerOf() (awsops.LockoutCaller, bool) {
	if w.c.identity == nil {
		return awsops.LockoutCaller{OverTLS: w.be.Secure()}, false
	}
	return awsops.LockoutCaller{ARN: w.c.identity.ARN, OverTLS: w.be.Secure()}, w.c.identity.IsRoot
}

func (w *wizard) tlsStep() *wizStep {
	s := &wizStep{id: "tls", title: "Require TLS (bucket policy)",
		why: [2]string{"Protects data and signed requests in transit: plain-HTTP requests are refused by a",
			"Deny on aws:SecureTransport=false, merged into the bucket policy; other statements are kept."}}
	p := w.before.Policy
	switch {
	case p == nil && !w.create:
		s.skip = "The bucket policy could not be read (" + w.facetErr(awsops.FacetPolicy) + ")."
	case p != nil && p.TLSEnforced && !p.TLSWrong:
		s.done = "The bucket policy already refuses plain HTTP."
	default:
		s.notes = findingNotes(w.findingsOf("tls-"))
		s.choices = []wizChoice{{label: "Require TLS for every request", build: func(w *wizard) ([]awsops.Plan, error) {
			caller, root := w.policyCallerOf()
			plan, lint, err := awsops.EnforceTLSPlan(w.before, awsops.TLSOptions{}, caller, root)
			if err != nil {
				return nil, err
			}
			if len(lint) > 0 {
				return nil, errors.New("the merged policy would lock you out (" + lint[0].Explanation + "): use the Transit pane, which asks for the override")
			}
			return []awsops.Plan{plan}, nil
		}}, keep("Leave the policy as it is")}
	}
	return s
}

func (w *wizard) pabStep() *wizStep {
	s := &wizStep{id: "pab", title: "Block Public Access",
		why: [2]string{"Protects against accidental public exposure: a public ACL or a policy granting everyone",
			"access is refused or ignored, whatever a later change tries."}}
	p := w.before.PublicAccessBlock
	switch {
	case p == nil && !w.create:
		s.skip = "Block Public Access could not be read (" + w.facetErr(awsops.FacetPublicAccessBlock) + ")."
	case p == nil || p.AllOn():
		s.done = "All four Block Public Access settings are on."
	default:
		var off []string
		for _, st := range p.Settings() {
			if !st.On {
				off = append(off, st.Name)
			}
		}
		s.now = "Off: " + strings.Join(off, ", ") + "."
		s.choices = []wizChoice{{label: "Turn all four settings on", build: func(w *wizard) ([]awsops.Plan, error) {
			return plansOf(awsops.PutPublicAccessBlockPlan(w.before, awsops.AllPublicAccessBlocked))
		}}, keep("Leave the settings as they are")}
	}
	return s
}

// leaveVersioning is the answer that keeps the versioning status.
func leaveVersioning(s awsops.VersioningStatus) string {
	if s == awsops.VersioningNever {
		return "Leave versioning off"
	}
	return "Leave versioning " + strings.ToLower(string(s))
}
