package views

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// lockoutOverride is what the user types to apply a policy that the
// lock-out lint says would shut them out: nothing shorter, so neither a
// stray key nor a habit of answering y can do it.
const lockoutOverride = "lock me out"

// policyCaller is who applies a policy change, for the lock-out lint: the
// caller's ARN (unknown when STS did not answer: then only the statements
// that name everyone are judged) and the transport the console uses.
func policyCaller(env flowEnv) (caller awsops.LockoutCaller, isRoot bool) {
	id, _ := env.identity()
	return awsops.LockoutCaller{ARN: id.ARN, OverTLS: env.be.Secure()}, id.IsRoot
}

// newPolicyChange wraps a policy plan in a change: previewed with its
// diff, confirmed (by typing the override when the lint warns of a
// lock-out), applied, then read back with expect.
func newPolicyChange(env flowEnv, p awsops.Plan, lint []awsops.LockoutWarning, success string, expect func(awsops.BucketState) (bool, string)) *change {
	ch := newChange(env, p, "", success)
	ch.expect = expect
	ch.explain = explainPolicyError
	if len(lint) > 0 {
		t := ui.NewTypedConfirm(fmt.Sprintf("Refused: this policy would lock you out (⚠ above), and only the root user could repair it. To apply it anyway type %q.", lockoutOverride), lockoutOverride)
		ch.typed = &t
	}
	return ch
}

// explainPolicyError is the one line of what to do about a refused policy change.
func explainPolicyError(err error) string {
	if s := awsops.ExplainPolicyError(err); s != "" {
		return s
	}
	return hintOf(errorOf(err))
}

// expectTLS checks a read-back bucket for the TLS verdict wanted.
func expectTLS(want bool) func(awsops.BucketState) (bool, string) {
	return func(got awsops.BucketState) (bool, string) {
		if got.Policy == nil {
			return false, "could not read the policy back" + facetErrorSuffix(got, awsops.FacetPolicy)
		}
		return got.Policy.TLSEnforced == want, "read back from the bucket: TLS only " + tlsWord(*got.Policy)
	}
}

// expectPolicy checks that the policy read back is there (or gone).
func expectPolicy(present bool) func(awsops.BucketState) (bool, string) {
	return func(got awsops.BucketState) (bool, string) {
		if got.Policy == nil {
			return false, "could not read the policy back" + facetErrorSuffix(got, awsops.FacetPolicy)
		}
		if !got.Policy.Present {
			return !present, "read back from the bucket: no bucket policy"
		}
		return present, "read back from the bucket: the policy is in place, TLS only " + tlsWord(*got.Policy)
	}
}

// tlsWord is the grid's word for a policy's TLS verdict.
func tlsWord(p awsops.Policy) string {
	switch {
	case p.TLSEnforced:
		return "yes"
	case p.TLSWrong:
		return "wrong"
	}
	return "no"
}

// facetErrorSuffix names the error that kept a facet from being read.
func facetErrorSuffix(s awsops.BucketState, f awsops.Facet) string {
	if fe := s.Errors[f]; fe != nil {
		return ": " + fe.Code
	}
	return ""
}

// policyChangeFlow is a policy change on its own (stop requiring TLS,
// delete the policy): the change under a heading.
type policyChangeFlow struct {
	env  flowEnv
	what string // the breadcrumb's name of the change
	ch   *change
}

// update implements flow.
func (f *policyChangeFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	leave, cmd := f.ch.update(msg)
	if leave {
		return nil, cmd
	}
	return f, cmd
}

// back implements flow.
func (f *policyChangeFlow) back() (flow, tea.Cmd) {
	leave, cmd := f.ch.back()
	if leave {
		return nil, cmd
	}
	return f, cmd
}

// view implements flow.
func (f *policyChangeFlow) view(e paneEnv) []string {
	return f.ch.view(e)
}

// help implements flow.
func (f *policyChangeFlow) help(k ui.KeyMap) []key.Binding { return f.ch.help(k) }

// typing implements flow.
func (f *policyChangeFlow) typing() bool { return f.ch.typing() }

// busy implements flow.
func (f *policyChangeFlow) busy() bool { return f.ch.busy() }

// close implements flow.
func (f *policyChangeFlow) close() { f.ch.close() }

// flowTitle implements titledFlow.
func (f *policyChangeFlow) flowTitle() string { return f.what + ": " + f.ch.stageName() }

// startRemoveTLS previews the plan that stops the bucket refusing plain
// HTTP: the statements that enforce TLS go, the rest of the policy stays
// (or the policy is deleted when nothing is left).
func startRemoveTLS(d *Detail) tea.Cmd {
	env := newFlowEnv(d)
	s, ok := env.snapshot()
	if !ok || s.Policy == nil {
		return ui.Report(ui.LevelWarn, "The bucket policy of "+d.bucket+" has not been read: press r to read it first.")
	}
	caller, isRoot := policyCaller(env)
	p, lint, err := awsops.RemoveTLSPlan(s, caller, isRoot)
	if err != nil {
		return ui.Report(ui.LevelInfo, "d: "+err.Error())
	}
	ch := newPolicyChange(env, p, lint, "TLS is no longer required for "+s.Name+".", expectTLS(false))
	d.setFlow(&policyChangeFlow{env: env, what: "Stop requiring TLS", ch: ch})
	return nil
}
