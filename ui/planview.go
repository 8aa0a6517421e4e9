package ui

// PlanView is a change to preview, in display form: the views convert
// their plans into it, so the toolkit stays free of AWS types. Everything
// in it is shown as is; secrets must be redacted before it is built.
type PlanView struct {
	Title    string         // what the change does, e.g. "Default encryption of acme-scratch → SSE-KMS"
	Steps    []PlanStepView // the calls, in the order they run
	Warnings []string       // shown loudly, above the steps
}

// PlanStepView is one call of a plan.
type PlanStepView struct {
	Title    string   // what the step does, in words
	API      string   // the API operation, e.g. "s3:PutBucketEncryption"
	Params   []string // redacted "Name=value" lines
	CLI      string   // the equivalent aws CLI command, with placeholders for secrets
	NeedsMFA bool     // the call needs an MFA code
	// Diff is the document the step replaces, before and after: each line
	// starts with '+', '-', ' ' or '~' (a run of unchanged lines left out).
	Diff   []string
	Checks []string // what is read back or probed once the plan applied
}

// NeedsMFA reports whether any step needs an MFA code.
func (p PlanView) NeedsMFA() bool {
	for _, s := range p.Steps {
		if s.NeedsMFA {
			return true
		}
	}
	return false
}
