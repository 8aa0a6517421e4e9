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

// wizardListTimeout bounds the wizard's reads (KMS keys, HeadBucket, probes).
const wizardListTimeout = 30 * time.Second

// wizProbedMsg carries the probe of the chosen log target.
type wizProbedMsg struct {
	id     int
	probes map[string]awsops.LogTargetProbe
}

// wizStepMsg is one finished step of the combined plan.
type wizStepMsg struct {
	id  int
	err error
}

// wizAppliedMsg is the end of Apply and, when every step applied, of the
// plan's read-back checks.
type wizAppliedMsg struct {
	id     int
	err    error
	verify awsops.Verification
}

// wizReadMsg is the bucket read again after Apply.
type wizReadMsg struct {
	id    int
	state awsops.BucketState
}

// startPlan probes the log target chosen, if any (the logging what-if
// needs it), then builds the combined plan.
func (w *wizard) startPlan() tea.Cmd {
	w.stage = wizPlanning
	var targets []string
	for _, s := range w.steps {
		if s.id == "logging" && s.offered() {
			for _, t := range w.logTargets() {
				if s.choices[s.pick].label == "Send the logs to "+t {
					targets = append(targets, t)
				}
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), wizardListTimeout)
	w.cancel = cancel
	be, id, region := w.be, w.id, w.region
	account := ""
	if w.c.identity != nil {
		account = w.c.identity.Account
	}
	known := map[string]bool{}
	for _, st := range w.all {
		known[st.Name] = true
	}
	return func() tea.Msg {
		defer cancel()
		probes := map[string]awsops.LogTargetProbe{}
		for _, t := range targets {
			probes[t] = be.ProbeLogTarget(ctx, t, region, account, known[t])
		}
		return wizProbedMsg{id: id, probes: probes}
	}
}

// makePlan builds every step's plans from the answers and joins them.
func (w *wizard) makePlan() {
	var plans []awsops.Plan
	w.parts = nil
	w.planErr = ""
	if w.create {
		p, err := awsops.CreateBucketPlan(w.bucket, w.region)
		if err != nil {
			w.planErr = err.Error()
		}
		plans = append(plans, p)
		w.parts = append(w.parts, "Create the bucket")
	}
	for _, s := range w.steps {
		if !s.offered() || s.choices[s.pick].build == nil {
			continue
		}
		ps, err := s.choices[s.pick].build(w)
		if err != nil && w.planErr == "" {
			w.planErr = s.title + ": " + err.Error()
		}
		for _, p := range ps {
			plans = append(plans, p)
			w.parts = append(w.parts, s.title)
		}
	}
	title := "Secure " + w.bucket
	if w.create {
		title = "Create " + w.bucket + " with secure settings"
	}
	w.plan, w.owners = awsops.CombinePlans(title, w.bucket, w.region, plans...)
	w.preview = ui.NewPlanPreview(planView(w.plan), w.c.keys)
	w.confirm = ui.NewConfirm(fmt.Sprintf("Apply these %d steps to %s?", len(w.plan.Steps), w.bucket)).WithLabels("Apply", "Back")
	w.stage = wizConfirm
	if len(w.plan.Steps) == 0 && w.planErr == "" {
		w.planErr = "Nothing to change: every step is satisfied or kept as it is."
	}
}

// apply runs the combined plan; each finished step comes back as a
// wizStepMsg through events, then the end as a wizAppliedMsg. The MFA code
// lives only in this closure.
func (w *wizard) apply(mfa awsops.MFA) tea.Cmd {
	w.stage = wizApplying
	w.stepErr, w.ran, w.applyErr, w.halting = nil, 0, nil, false
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	events := make(chan tea.Msg, len(w.plan.Steps)+1)
	w.events = events
	be, p, id := w.be, w.plan, w.id
	go func() {
		err := be.Apply(ctx, p, mfa, func(_ int, _ awsops.Step, err error) {
			events <- wizStepMsg{id: id, err: err}
		})
		var v awsops.Verification
		if err == nil && len(p.Checks()) > 0 {
			// Read back what the endpoint kept: a setting accepted but not
			// in force must not count as applied.
			v = be.Verify(ctx, p)
		}
		events <- wizAppliedMsg{id: id, err: err, verify: v}
	}()
	return w.wait()
}

// wait delivers the next event of Apply.
func (w *wizard) wait() tea.Cmd {
	events := w.events
	return func() tea.Msg { return <-events }
}

// onApplied ends Apply; whatever was applied, the bucket is read again.
func (w *wizard) onApplied(err error, v awsops.Verification) tea.Cmd {
	w.stop()
	w.applyErr, w.verify = err, v
	if w.create && w.ran == 0 {
		w.stage = wizDone // nothing exists to read
		return nil
	}
	w.stage = wizReading
	ctx, cancel := context.WithTimeout(context.Background(), wizardListTimeout)
	w.cancel = cancel
	be, id, b := w.be, w.id, awsops.Bucket{Name: w.bucket, Region: w.region}
	read := func() tea.Msg {
		defer cancel()
		return wizReadMsg{id: id, state: be.State(ctx, b)}
	}
	cmds := []tea.Cmd{read}
	if w.create {
		cmds = append(cmds, func() tea.Msg { return relistMsg{} })
	} else {
		// The grid shows the bucket, and a log target whose policy got the
		// delivery grant, as they are now.
		for _, name := range w.touched() {
			cmds = append(cmds, func() tea.Msg { return refreshBucketMsg{bucket: name} })
		}
	}
	return tea.Batch(cmds...)
}

// onRead keeps the bucket as read again, with its findings beside the others.
func (w *wizard) onRead(st awsops.BucketState) {
	w.stop()
	w.after = &st
	all := make([]awsops.BucketState, 0, len(w.all)+1)
	for _, s := range w.all {
		if s.Name != st.Name {
			all = append(all, s)
		}
	}
	all = append(all, st)
	for _, f := range awsops.Analyse(all) {
		if f.Bucket == st.Name {
			w.afterFindings = append(w.afterFindings, f)
		}
	}
	w.stage = wizDone
}

// partOutcome says what happened to each part of the plan: applied, failed
// (with the error) or not applied.
func (w *wizard) partOutcome() (applied, failed, notApplied []string, failure error) {
	state := make([]int, len(w.parts)) // 0 not run, 1 applied, 2 failed
	for i, err := range w.stepErr {
		part := w.owners[i]
		if err != nil {
			state[part] = 2
			failure = err
		} else if state[part] == 0 {
			state[part] = 1
		}
	}
	// A part whose later steps did not run is not fully applied.
	for i := len(w.stepErr); i < len(w.owners); i++ {
		if state[w.owners[i]] == 1 {
			state[w.owners[i]] = 2
		}
	}
	if failure == nil && w.applyErr != nil {
		failure = w.applyErr
	}
	for i, name := range w.parts {
		label := name + ": " + w.partTitle(i)
		switch state[i] {
		case 1:
			applied = append(applied, label)
		case 2:
			failed = append(failed, label)
		default:
			notApplied = append(notApplied, label)
		}
	}
	return applied, failed, notApplied, failure
}

// partTitle is the first step title of part i.
func (w *wizard) partTitle(i int) string {
	for s, owner := range w.owners {
		if owner == i {
			return w.plan.Steps[s].Title
		}
	}
	return ""
}

// failedStepError unwraps the plan's StepError for the report.
func failedStepError(err error) error {
	var se *awsops.StepError
	if errors.As(err, &se) {
		return se.Err
	}
	return err
}

// touched are the buckets the plan may have changed: the wizard's, and
// the chosen log target, whose policy may have got the delivery grant.
func (w *wizard) touched() []string {
	out := []string{w.bucket}
	for t := range w.probes {
		out = append(out, t)
	}
	return out
}
