package views

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// planStage is where a plan flow is.
type planStage int

// Stages of a plan flow.
const (
	planConfirming planStage = iota // preview shown, waiting for yes or no
	planApplying                    // Apply runs
	planFailed                      // Apply failed: the error stays until esc
	planFinished                    // applied, or declined: the flow is over
	planReport                      // per-step Apply ended: each step's outcome stays until esc
)

// planStepMsg reports one finished step of the plan being applied.
type planStepMsg struct {
	id    int
	index int
	err   error
}

// planAppliedMsg is the end of Apply.
type planAppliedMsg struct {
	id   int
	err  error
	each *planEachDone // set when each step ran on its own (plan_each.go)
}

// planFlow previews a plan, asks for confirmation (No by default), applies
// it in a command, then asks the overview to re-read the bucket so the grid
// and the panes show the new state. It is the last part of every change.
type planFlow struct {
	id      int
	name    string // what the change is, for the breadcrumb
	be      Backend
	plan    awsops.Plan
	preview ui.PlanPreview
	confirm ui.Confirm
	stage   planStage
	cancel  context.CancelFunc
	stepsOK int   // steps applied so far
	halting bool  // esc was pressed while applying
	err     error // why Apply failed
	// success is the status message once applied.
	success string
	// after returns extra commands once applied, even partly (e.g. list the
	// objects again).
	after func() tea.Cmd
	// refresh re-reads the bucket's configuration once applied.
	refresh bool
	// explain says what to do about an error; hint of its code when nil.
	explain func(error) string
	// reopen, when set, goes back to the form the plan was built from,
	// with its answers and problem above it, once a failure is closed.
	reopen func(problem string) (flow, tea.Cmd)
	// declined, when set, is shown instead of closing when the plan is
	// declined (n or esc), so an editor's unsaved work survives a "no".
	declined func() (flow, tea.Cmd)
	// each runs every step even when one fails and lists each outcome
	// (several objects: one failure must not stop or hide the others).
	each    bool
	results []error // each: the outcome of step i, once ran[i]
	ran     []bool
	// second is set once the plan's SecondConfirm question is shown
	// (plan_second.go): the first yes only led to it.
	second bool
}

// newPlanFlow returns the flow that previews and applies p.
func newPlanFlow(c *common, be Backend, p awsops.Plan, success string) *planFlow {
	return &planFlow{
		id:      nextPlanFlowID(),
		be:      be,
		plan:    p,
		preview: ui.NewPlanPreview(planView(p), c.keys),
		confirm: ui.NewConfirm(fmt.Sprintf("Apply this plan to %s?", p.Bucket)).WithLabels("Apply", "Cancel"),
		name:    "Change",
		success: success,
		refresh: true,
		explain: explainEncryptionError,
	}
}

// planFlowIDs numbers plan flows, so that the answer of a closed flow's
// Apply is recognised as stale; changed only in Update.
var planFlowIDs int

// nextPlanFlowID returns a fresh plan flow id.
func nextPlanFlowID() int {
	planFlowIDs++
	return planFlowIDs
}

// result returns the flow to keep showing: nil once it is over.
func (f *planFlow) result(cmd tea.Cmd) (flow, tea.Cmd) {
	if f.stage == planFinished {
		return nil, cmd
	}
	return f, cmd
}

// typing implements flow: y and n are answers; q closes the flow as esc does.
func (f *planFlow) typing() bool { return false }

// busy implements flow.
func (f *planFlow) busy() bool { return f.stage == planApplying }

// close implements flow.
func (f *planFlow) close() {
	if f.cancel != nil {
		f.cancel()
	}
}

// help implements flow.
func (f *planFlow) help(k ui.KeyMap) []key.Binding {
	switch f.stage {
	case planConfirming:
		return []key.Binding{
			key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "apply")),
			key.NewBinding(key.WithKeys("n"), key.WithHelp("n/esc", "cancel")),
			k.Move,
		}
	case planApplying:
		return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel the call"))}
	case planFailed:
		if f.reopen != nil {
			return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("enter/esc", "back to the form"))}
		}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))}
}

// back implements flow: esc declines the plan, cancels Apply, or closes
// the error.
func (f *planFlow) back() (flow, tea.Cmd) {
	switch f.stage {
	case planConfirming:
		f.stage = planFinished
		if f.declined != nil {
			return f.declined()
		}
		return f.result(ui.Report(ui.LevelInfo, "Canceled: nothing was changed."))
	case planApplying:
		// Apply returns with the context error; until then the flow says
		// it is canceling, since a step already sent may still succeed.
		f.halting = true
		f.close()
		return f, nil
	}
	if f.stage == planFailed && f.reopen != nil {
		return f.reopen(f.failure())
	}
	f.stage = planFinished
	return nil, nil
}

// failure is the error Apply ended with and what to do about it.
func (f *planFlow) failure() string {
	return f.plan.Title + " failed: " + errorOf(f.err).Error() + " — " + f.explain(f.err)
}

// update implements flow.
func (f *planFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if f.stage == planFailed && f.reopen != nil && msg.String() == "enter" {
			return f.reopen(f.failure())
		}
		prev := f.stage
		cmd := f.key(msg)
		if prev == planConfirming && f.stage == planFinished && f.declined != nil {
			return f.declined()
		}
		return f.result(cmd)
	case streamMsg:
		if s, ok := msg.report.(planStepMsg); ok && s.id == f.id {
			if f.each && s.index < len(f.ran) {
				f.ran[s.index], f.results[s.index] = true, s.err
				f.stepsOK = s.index + 1
			} else if s.err == nil {
				f.stepsOK = s.index + 1
			}
			return f, msg.next
		}
	case planAppliedMsg:
		if msg.id == f.id && f.stage == planApplying && msg.each != nil {
			return f.result(f.eachApplied(*msg.each))
		}
		if msg.id == f.id && f.stage == planApplying {
			return f.result(f.applied(msg.err))
		}
	}
	return f, nil
}

// key handles a key press: movement scrolls the preview, the rest answers.
func (f *planFlow) key(msg tea.KeyPressMsg) tea.Cmd {
	switch f.stage {
	case planConfirming:
		switch msg.String() {
		case "up", "k", "down", "j", "pgup", "pgdown", "ctrl+u", "ctrl+d", "home", "g", "end", "G":
			f.preview, _ = f.preview.Update(msg)
			return nil
		}
		var answer ui.Answer
		f.confirm, answer = f.confirm.Update(msg)
		switch answer {
		case ui.AnswerYes:
			if f.plan.SecondConfirm != "" && !f.second {
				f.askAgain()
				return nil
			}
			if f.each {
				return f.applyEach()
			}
			return f.apply()
		case ui.AnswerNo:
			f.stage = planFinished
			return ui.Report(ui.LevelInfo, "Canceled: nothing was changed.")
		}
	case planFailed, planReport:
		if msg.String() == "enter" {
			f.stage = planFinished
		}
	}
	return nil
}

// apply runs the plan in a command under a fresh context; every finished
// step is reported as it happens.
func (f *planFlow) apply() tea.Cmd {
	f.stage = planApplying
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	be, p, id := f.be, f.plan, f.id
	return stream(func(report func(tea.Msg)) tea.Msg {
		err := be.Apply(ctx, p, awsops.MFA{}, func(i int, _ awsops.Step, err error) {
			report(planStepMsg{id: id, index: i, err: err})
		})
		return planAppliedMsg{id: id, err: err}
	})
}

// applied ends Apply: on success the bucket is re-read so every screen
// shows the new state; on failure the error stays on screen.
func (f *planFlow) applied(err error) tea.Cmd {
	f.close()
	if err != nil {
		f.stage = planFailed
		f.err = err
		fe := errorOf(err)
		report := ui.Report(ui.LevelError, f.plan.Title+": "+fe.Error()+" — "+f.explain(err))
		if f.after != nil && f.stepsOK > 0 {
			return tea.Batch(report, f.after()) // the steps before the failure were applied
		}
		return report
	}
	f.stage = planFinished
	bucket := f.plan.Bucket
	cmds := []tea.Cmd{ui.Report(ui.LevelSuccess, f.success)}
	if f.refresh {
		cmds = append(cmds, func() tea.Msg { return refreshBucketMsg{bucket: bucket} })
	}
	if f.after != nil {
		cmds = append(cmds, f.after())
	}
	return tea.Batch(cmds...)
}

// flowTitle implements titledFlow: the change and its stage.
func (f *planFlow) flowTitle() string {
	switch f.stage {
	case planApplying:
		return f.name + ": applying"
	case planFailed:
		return f.name + ": failed"
	case planReport:
		return f.name + ": done"
	}
	if f.second {
		return f.name + ": confirm again"
	}
	return f.name + ": plan"
}

// view implements flow.
func (f *planFlow) view(e paneEnv) []string {
	st := e.st
	switch f.stage {
	case planApplying:
		out := []string{e.heading("Plan: " + f.plan.Title)}
		n := len(f.plan.Steps)
		what := "applying"
		if i := min(f.stepsOK, n-1); n > 0 {
			what = fmt.Sprintf("step %d of %d: %s (%s)", i+1, n, f.plan.Steps[i].Title, f.plan.Steps[i].API)
		}
		if f.halting {
			what = "canceling… (a call already sent may still complete)"
		}
		out = append(out, e.spin+" "+st.Text.Render(what))
		if n > 1 {
			out = append(out, ui.ProgressBar(st, min(60, e.width), float64(f.stepsOK)/float64(n)))
		}
		return append(out, st.Muted.Render("esc cancels"))
	case planReport:
		return f.reportLines(e)
	case planFailed:
		out := []string{e.heading("Plan: " + f.plan.Title)}
		if f.reopen != nil {
			return append(out, errorLinesLeaving(e, f.err, f.explain, backToFormHint)...)
		}
		return append(out, errorLines(e, f.err, f.explain)...)
	}
	confirm := f.confirmLines(e)
	f.preview.SetSize(e.width, max(1, e.height-len(confirm)-1))
	out := strings.Split(f.preview.View(st), "\n")
	return append(append(out, ""), confirm...)
}

// errorLines renders a failed call: the AWS code and message, what to do,
// and how to leave.
func errorLines(e paneEnv, err error, explain func(error) string) []string {
	return errorLinesLeaving(e, err, explain, "esc closes")
}

// backToFormHint is how a failed flow that returns to its form is left.
const backToFormHint = "enter or esc: back to the form, answers kept"

// errorLinesLeaving is errorLines with its own way out.
func errorLinesLeaving(e paneEnv, err error, explain func(error) string, leave string) []string {
	st := e.st
	fe := errorOf(err)
	var out []string
	for i, l := range ui.Wrap("✗ "+termsafe.String(fe.Error()), max(10, e.width)) { // errors may name objects
		if i == 0 {
			out = append(out, st.Error.Render(l))
			continue
		}
		out = append(out, st.Text.Render(l))
	}
	out = append(out, e.hintLines(explain(err), 2)...)
	return append(out, "", st.Muted.Render(leave))
}

// explainConfigError is the one line of what to do about an error of a
// bucket configuration change: a denial is about the caller's permission
// on the bucket, not about KMS keys.
func explainConfigError(err error) string {
	if awsops.IsAccessDenied(err) {
		return hintOf(errorOf(err))
	}
	return explainEncryptionError(err)
}

// explainEncryptionError is the one line of what to do about an error of
// an encryption change, falling back to the hint of its AWS code.
func explainEncryptionError(err error) string {
	if s := awsops.ExplainEncryptionError(err); s != "" {
		return s
	}
	return hintOf(errorOf(err))
}
