package views

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// changeStage is where a change is once its plan is built.
type changeStage int

// Stages of a change.
const (
	changeConfirm   changeStage = iota // the plan preview and its confirmation
	changeCode                         // the MFA prompt
	changeApplying                     // Apply runs
	changeVerifying                    // the bucket is read back
	changeDone                         // the outcome is shown
	changeFailed                       // the error is shown
)

// changeAppliedMsg is the end of Apply for request req of a flow.
type changeAppliedMsg struct {
	flow, req int
	err       error
	verified  awsops.Verification // the plan's checks, once applied (plan_verify.go)
}

// changeReadMsg is the bucket read back after a change.
type changeReadMsg struct {
	flow, req int
	state     awsops.BucketState
}

// change previews a plan, confirms it (yes/no, or a typed word for
// permanent deletes), asks for an MFA code when a step needs one, applies
// it, asks again when AWS refuses the code, and confirms the result by
// reading the bucket back. The versioning and MFA flows end with it.
type change struct {
	env     flowEnv
	plan    awsops.Plan
	preview ui.PlanPreview
	confirm ui.Confirm
	typed   *ui.TypedConfirm // permanent deletes: a typed word instead of yes/no
	prompt  *ui.MFAPrompt
	stage   changeStage
	req     int
	cancel  context.CancelFunc
	halting bool  // esc was pressed while applying
	err     error // why the change failed

	// The code last sent, as a digest (never the code), to tell a reused
	// code from a mistyped one when AWS refuses it.
	sentSerial string
	sentDigest [32]byte
	sentAt     time.Time

	// expect checks the bucket read back after success and says what it shows.
	expect func(awsops.BucketState) (ok bool, what string)
	// report says what Apply did (per key for deletes); err is nil on success.
	report func(err error) []string
	// after returns what to do once Apply ended with something applied (re-list).
	after func() tea.Cmd
	// success is the status message once applied.
	success string
	// explain says what to do about a failure; explainMFA when nil.
	explain func(error) string

	outcome  []string            // lines shown when done
	verified awsops.Verification // what the plan's checks found once applied
}

// newChange returns the change that applies plan; serial is the device
// proposed in the MFA prompt when a step needs a code.
func newChange(env flowEnv, plan awsops.Plan, serial, success string) *change {
	ch := &change{
		env:     env,
		plan:    plan,
		preview: ui.NewPlanPreview(planView(plan), env.c.keys),
		confirm: ui.NewConfirm(fmt.Sprintf("Apply this plan to %s?", plan.Bucket)).WithLabels("Apply", "Cancel"),
		success: success,
	}
	if plan.NeedsMFA() {
		ch.prompt = env.c.mfa.prompt(env.c, plan.Title, serial)
	}
	return ch
}

// typedConfirmation replaces yes/no with typing the bucket name or "delete".
func (ch *change) typedConfirmation(question string) {
	t := ui.NewTypedConfirm(question, ch.plan.Bucket, "delete")
	ch.typed = &t
}

// typing reports whether a text field has the keys.
func (ch *change) typing() bool {
	return (ch.stage == changeConfirm && ch.typed != nil) || ch.stage == changeCode
}

// busy reports whether a call runs.
func (ch *change) busy() bool { return ch.stage == changeApplying || ch.stage == changeVerifying }

// close cancels the call in flight and stops the prompt's countdown.
func (ch *change) close() {
	if ch.cancel != nil {
		ch.cancel()
		ch.cancel = nil
	}
	if ch.prompt != nil {
		ch.prompt.Stop()
	}
}

// back handles esc; leave means the flow is over.
func (ch *change) back() (leave bool, cmd tea.Cmd) {
	switch ch.stage {
	case changeApplying:
		// Apply returns with the context error; a call already sent may
		// still succeed, so the flow says it is canceling until then.
		ch.halting = true
		ch.close()
		return false, nil
	case changeConfirm, changeCode:
		ch.close()
		return true, ui.Report(ui.LevelInfo, "Canceled: nothing was changed.")
	}
	ch.close()
	return true, nil
}

// update handles a key or one of the change's messages; leave means the
// user closed the outcome.
func (ch *change) update(msg tea.Msg) (leave bool, cmd tea.Cmd) {
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		return ch.key(m)
	case tea.PasteMsg:
		return false, ch.typedInput(msg)
	case ui.MFATickMsg:
		if ch.prompt != nil {
			_, cmd := ch.prompt.Update(msg)
			return false, cmd
		}
	case changeAppliedMsg:
		if m.flow == ch.env.flow && m.req == ch.req && ch.stage == changeApplying {
			ch.verified = m.verified
			return false, ch.applied(m.err)
		}
	case changeReadMsg:
		if m.flow == ch.env.flow && m.req == ch.req && ch.stage == changeVerifying {
			return false, ch.readBack(m.state)
		}
	}
	return false, nil
}

// typedInput passes a paste to the field that has the keys.
func (ch *change) typedInput(msg tea.Msg) tea.Cmd {
	switch {
	case ch.stage == changeConfirm && ch.typed != nil:
		t, _ := ch.typed.Update(msg)
		ch.typed = &t
	case ch.stage == changeCode:
		_, cmd := ch.prompt.Update(msg)
		return cmd
	}
	return nil
}

// scrolls reports whether a key scrolls the plan preview: the letter keys
// only when no field has the keys (a bucket name may contain j or k).
func (ch *change) scrolls(m tea.KeyPressMsg) bool {
	switch m.String() {
	case "up", "down", "pgup", "pgdown", "home", "end":
		return true
	case "k", "j", "g", "G", "ctrl+u", "ctrl+d":
		return ch.typed == nil
	}
	return false
}

func (ch *change) key(m tea.KeyPressMsg) (bool, tea.Cmd) {
	switch ch.stage {
	case changeConfirm:
		if ch.scrolls(m) {
			ch.preview, _ = ch.preview.Update(m)
			return false, nil
		}
		var answer ui.Answer
		if ch.typed != nil {
			t, a := ch.typed.Update(m)
			ch.typed, answer = &t, a
		} else {
			ch.confirm, answer = ch.confirm.Update(m)
		}
		switch answer {
		case ui.AnswerYes:
			return false, ch.confirmed()
		case ui.AnswerNo:
			return true, ui.Report(ui.LevelInfo, "Canceled: nothing was changed.")
		}
	case changeCode:
		out, cmd := ch.prompt.Update(m)
		if out == ui.MFASubmitted {
			serial, code := ch.prompt.Take()
			ch.prompt.Stop()
			ch.env.c.mfa.sent(serial)
			ch.sentSerial, ch.sentAt = serial, ch.env.c.clock()
			ch.sentDigest = ch.env.c.mfa.codeDigest(serial, code)
			return false, ch.apply(awsops.MFA{Serial: serial, Code: code})
		}
		return false, cmd
	case changeDone, changeFailed:
		if m.String() == "enter" {
			return true, nil
		}
	}
	return false, nil
}

// confirmed goes on after the confirmation: to the code, or straight to Apply.
func (ch *change) confirmed() tea.Cmd {
	if ch.prompt != nil {
		ch.stage = changeCode
		return ch.prompt.Start()
	}
	return ch.apply(awsops.MFA{})
}

// apply runs the plan in a command; the code lives only in its closure.
func (ch *change) apply(mfa awsops.MFA) tea.Cmd {
	ch.stage = changeApplying
	ch.halting = false
	ch.req++
	ctx, cancel := context.WithCancel(context.Background())
	ch.cancel = cancel
	be, p, flow, req := ch.env.be, ch.plan, ch.env.flow, ch.req
	return func() tea.Msg {
		v, err := applyAndVerify(ctx, be, p, mfa, nil, nil)
		return changeAppliedMsg{flow: flow, req: req, err: err, verified: v}
	}
}

// applied ends Apply: a refused code asks for the next one, a success is
// read back, anything else is shown with what to do.
func (ch *change) applied(err error) tea.Cmd {
	if ch.cancel != nil {
		ch.cancel()
		ch.cancel = nil
	}
	mem := ch.env.c.mfa
	kind := awsops.ClassifyMFARejection(err, mem.sameAsAccepted(ch.sentSerial, ch.sentDigest, ch.sentAt))
	if kind != awsops.MFANotRejected && ch.prompt != nil && !ch.halting {
		ch.stage = changeCode
		ch.prompt.Rejected(kind == awsops.MFACodeReused)
		what := "The MFA code was rejected (a typo, or it expired): type the code the device shows now."
		if kind == awsops.MFACodeReused {
			what = "That MFA code was already used: AWS accepts each code once, wait for the next one."
		}
		return tea.Batch(ch.prompt.Start(), ui.Report(ui.LevelWarn, what))
	}
	if ch.sentSerial != "" && kind == awsops.MFANotRejected && !awsops.IsMFAOverHTTP(err) {
		mem.accepted(ch.sentSerial, ch.sentDigest, ch.sentAt) // sent and not refused: AWS spent it
		ch.sentSerial = ""
	}
	var partial *awsops.PartialDeleteError
	if err != nil && !errors.As(err, &partial) {
		ch.stage = changeFailed
		ch.err = err
		if ch.report != nil {
			ch.outcome = ch.report(err)
		}
		fe := errorOf(err)
		return ui.Report(ui.LevelError, ch.plan.Title+": "+fe.Error()+" — "+ch.explainFailure(err))
	}
	if ch.report != nil {
		ch.outcome = ch.report(err)
	} else {
		for _, s := range ch.plan.Steps {
			ch.outcome = append(ch.outcome, "✓ applied: "+s.Title+" ("+s.API+")")
		}
	}
	ch.outcome = append(ch.outcome, verificationLines(ch.verified)...)
	var cmds []tea.Cmd
	if ch.after != nil {
		cmds = append(cmds, ch.after())
	}
	if partial != nil {
		ch.stage = changeDone
		fe := errorOf(err)
		return tea.Batch(append(cmds, ui.Report(ui.LevelError, ch.plan.Title+": "+fe.Error()))...)
	}
	if ch.expect == nil {
		ch.stage = changeDone
		return tea.Batch(append(cmds, ui.Report(verificationStatus(ch.plan.Title, ch.success, ch.verified)))...)
	}
	ch.stage = changeVerifying
	return tea.Batch(append(cmds, ch.read())...)
}

// read reads the bucket back to confirm the change.
func (ch *change) read() tea.Cmd {
	ch.req++
	ctx, cancel := context.WithCancel(context.Background())
	ch.cancel = cancel
	be, flow, req := ch.env.be, ch.env.flow, ch.req
	b := awsops.Bucket{Name: ch.plan.Bucket, Region: ch.plan.Region}
	if s, ok := ch.env.snapshot(); ok {
		b.CreationDate = s.CreationDate
	}
	return func() tea.Msg {
		return changeReadMsg{flow: flow, req: req, state: be.State(ctx, b)}
	}
}

// readBack shows what the bucket says now and puts it in the store.
func (ch *change) readBack(state awsops.BucketState) tea.Cmd {
	if ch.cancel != nil {
		ch.cancel()
		ch.cancel = nil
	}
	ch.stage = changeDone
	ok, what := ch.expect(state)
	level, text := verificationStatus(ch.plan.Title, ch.success, ch.verified)
	if ok {
		ch.outcome = append(ch.outcome, "✓ "+what)
	} else {
		ch.outcome = append(ch.outcome, "✗ "+what)
		if level == ui.LevelSuccess {
			level, text = ui.LevelWarn, ch.plan.Title+": applied, but the bucket reads back otherwise — "+what
		}
	}
	return tea.Batch(ui.Report(level, text), func() tea.Msg { return freshStateMsg{state: state} })
}

// explainFailure is the one line of what to do about the change's error.
func (ch *change) explainFailure(err error) string {
	if ch.explain != nil {
		return ch.explain(err)
	}
	return explainMFA(err)
}

// explainMFA is the one line of what to do about an error of an MFA change.
func explainMFA(err error) string {
	if s := awsops.ExplainMFAError(err); s != "" {
		return s
	}
	return hintOf(errorOf(err))
}
