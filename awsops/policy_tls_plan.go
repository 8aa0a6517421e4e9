package awsops

import (
	"fmt"
	"strings"
)

// TLSOptions are the extras offered with the TLS-only statement.
type TLSOptions struct {
	// MinTLSVersion adds a statement denying older TLS versions ("1.2");
	// "" leaves it out (and removes the console's own, if there).
	MinTLSVersion string
	// DenyUnencryptedUploads adds the statement denying PutObject without
	// an x-amz-server-side-encryption header (and removes it when false).
	DenyUnencryptedUploads bool
}

// DefaultMinTLSVersion is the minimum TLS version the console proposes.
const DefaultMinTLSVersion = "1.2"

// UnencryptedUploadsCaveat is what the user reads before asking for the
// deny-unencrypted-uploads statement (see DenyUnencryptedUploadsStatement).
const UnencryptedUploadsCaveat = "Default encryption already encrypts every new object; this statement only refuses uploads that do not send the x-amz-server-side-encryption header, which breaks clients relying on the bucket default (and SSE-C uploads)."

// TLSOptionsOf reads which of the console's extras a policy already has,
// so the form opens on the current choice.
func TLSOptionsOf(policy string) TLSOptions {
	var o TLSOptions
	d, err := ParsePolicy(policy)
	if err != nil {
		return o
	}
	for _, st := range d.Statements() {
		switch statementSid(st) {
		case SidDenyOldTLS:
			o.MinTLSVersion = DefaultMinTLSVersion
		case SidDenyUnencryptedUpload:
			o.DenyUnencryptedUploads = true
		}
	}
	return o
}

// EnforceTLSPolicy merges the TLS-only statement (stable Sid) and the
// chosen extras into the policy; every other statement is kept as it was,
// except those that deny HTTPS (aws:SecureTransport "true"): beside the new
// statement they would deny every request, so they go, and notes say so.
// When statements of the user's already deny plain HTTP, none is added.
func EnforceTLSPolicy(policy, bucket string, o TLSOptions) (after string, notes []string, err error) {
	d, err := ParsePolicy(policy)
	if err != nil {
		return "", nil, err
	}
	a := AnalyseTLSPolicy(policy, bucket)
	// A statement the user wrote that already denies plain HTTP is kept,
	// and no second one is added beside it; only the extras change then.
	var foreign []int
	for _, i := range a.Enforcing {
		if statementSid(d.statements[i]) != SidDenyInsecureTransport {
			foreign = append(foreign, i)
		}
	}
	keepTheirs := len(foreign) == len(a.Enforcing) && len(foreign) > 0
	if keepTheirs {
		notes = append(notes, fmt.Sprintf("TLS is already required by %s; it is kept as it is.", statementNames(d, foreign)))
	}
	if len(a.DeniesHTTPS) > 0 {
		notes = append(notes, fmt.Sprintf("Removed: %s, which denies requests made over HTTPS; beside the TLS-only statement it would deny every request.",
			statementNames(d, a.DeniesHTTPS)))
		d.RemoveAt(a.DeniesHTTPS)
	}
	if !keepTheirs {
		if err := d.Upsert(TLSOnlyStatement(bucket)); err != nil {
			return "", nil, err
		}
	}
	if o.MinTLSVersion != "" {
		err = d.Upsert(MinTLSStatement(bucket, o.MinTLSVersion))
	} else {
		d.Remove(SidDenyOldTLS)
	}
	if err != nil {
		return "", nil, err
	}
	if o.DenyUnencryptedUploads {
		err = d.Upsert(DenyUnencryptedUploadsStatement(bucket))
		notes = append(notes, "Deny unencrypted uploads: "+UnencryptedUploadsCaveat)
	} else {
		d.Remove(SidDenyUnencryptedUpload)
	}
	if err != nil {
		return "", nil, err
	}
	after, err = d.JSON()
	return after, notes, err
}

// RemoveTLSPolicy drops the statements that enforce TLS: the console's
// own by Sid, and any other that the analysis finds denying plain HTTP or
// old TLS versions (named in the notes, since the user did not write them
// through the console). The rest of the policy is kept; "" means nothing
// is left and the policy is to be deleted.
func RemoveTLSPolicy(policy, bucket string) (after string, notes []string, err error) {
	d, err := ParsePolicy(policy)
	if err != nil {
		return "", nil, err
	}
	a := AnalyseTLSPolicy(policy, bucket)
	var foreign []int
	for _, i := range append(append([]int(nil), a.Enforcing...), a.MinTLS...) {
		if sid := statementSid(d.statements[i]); sid != SidDenyInsecureTransport && sid != SidDenyOldTLS {
			foreign = append(foreign, i)
		}
	}
	if len(foreign) > 0 {
		notes = append(notes, fmt.Sprintf("Removed as well: %s, which also enforces TLS.", statementNames(d, foreign)))
	}
	d.RemoveAt(append(a.Enforcing, a.MinTLS...))
	d.Remove(SidDenyInsecureTransport)
	d.Remove(SidDenyOldTLS)
	if d.Empty() {
		notes = append(notes, "No statement is left, so the bucket policy is deleted.")
	}
	notes = append(notes, "The bucket then accepts requests over plain HTTP: data and credentials' signatures travel in clear text.")
	after, err = d.JSON()
	return after, notes, err
}

// EnforceTLSPlan is the plan that makes the bucket refuse plain HTTP, with
// the chosen extras, keeping the rest of the policy.
func EnforceTLSPlan(state BucketState, o TLSOptions, caller LockoutCaller, callerIsRoot bool) (Plan, []LockoutWarning, error) {
	before := currentPolicy(state)
	after, notes, err := EnforceTLSPolicy(before, state.Name, o)
	if err != nil {
		return Plan{}, nil, err
	}
	return PolicyPlan(PolicyChange{Bucket: state.Name, Region: state.Region, Before: before, After: after,
		Title: "Require TLS for " + state.Name, Caller: caller, CallerIsRoot: callerIsRoot, Notes: notes})
}

// RemoveTLSPlan is the plan that stops the bucket refusing plain HTTP.
func RemoveTLSPlan(state BucketState, caller LockoutCaller, callerIsRoot bool) (Plan, []LockoutWarning, error) {
	before := currentPolicy(state)
	after, notes, err := RemoveTLSPolicy(before, state.Name)
	if err != nil {
		return Plan{}, nil, err
	}
	if after != "" && samePolicy(before, after) {
		return Plan{}, nil, fmt.Errorf("no statement of %s's policy enforces TLS: nothing to remove", state.Name)
	}
	return PolicyPlan(PolicyChange{Bucket: state.Name, Region: state.Region, Before: before, After: after,
		Title: "Stop requiring TLS for " + state.Name, Caller: caller, CallerIsRoot: callerIsRoot, Notes: notes})
}

// currentPolicy is the policy document as read, "" when there is none.
func currentPolicy(state BucketState) string {
	if state.Policy == nil || !state.Policy.Present {
		return ""
	}
	return state.Policy.JSON
}

// statementNames names the statements at the positions for a note.
func statementNames(d *PolicyDoc, positions []int) string {
	names := make([]string, 0, len(positions))
	for _, i := range positions {
		if n := d.StatementName(i); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// StatementName is how the console names the statement at position i
// (0-based): by its Sid, else by its number; "" when there is none.
func (d *PolicyDoc) StatementName(i int) string {
	if i < 0 || i >= len(d.statements) {
		return ""
	}
	if sid := statementSid(d.statements[i]); sid != "" {
		return fmt.Sprintf("statement %q", sid)
	}
	return fmt.Sprintf("statement %d", i+1)
}
