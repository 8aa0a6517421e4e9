package views

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// policyStage is where the policy viewer is.
type policyStage int

// Stages of the policy viewer.
const (
	policyViewing  policyStage = iota // the policy as read, scrollable
	policyEditing                     // the user's editor has the terminal
	policyDraft                       // the user's text was not applied: problems above it, kept for another edit
	policyChanging                    // a plan (write or delete) is previewed or applied
)

// policyFlow shows the bucket policy pretty-printed and scrollable; e
// edits it in the user's editor, d deletes it. An edit is validated
// (JSON, known elements, size) and linted for lock-outs before its plan
// is shown; a text that fails, or a plan declined or refused by S3, stays
// as a draft to edit again, so nothing typed is lost.
type policyFlow struct {
	env      flowEnv
	stage    policyStage
	offset   int
	draft    string   // the user's text; "" until edited
	problems []string // why the draft was not applied
	ch       *change
	fromEdit bool // the change writes the draft (a failure returns to it)
	height   int  // the last body height drawn, for paging
}

// startPolicyViewer opens the viewer on d's bucket.
func startPolicyViewer(d *Detail) tea.Cmd {
	env := newFlowEnv(d)
	s, ok := env.snapshot()
	if !ok || s.Policy == nil {
		return ui.Report(ui.LevelWarn, "The bucket policy of "+d.bucket+" has not been read: press r to read it first.")
	}
	d.setFlow(&policyFlow{env: env})
	return nil
}

// current is the policy as read ("" when there is none).
func (f *policyFlow) current() string {
	s, ok := f.env.snapshot()
	if !ok || s.Policy == nil || !s.Policy.Present {
		return ""
	}
	return s.Policy.JSON
}

// editText is what the editor opens on: the draft, else the policy
// pretty-printed, else a starting point with the TLS-only statement.
func (f *policyFlow) editText() string {
	if f.draft != "" {
		return f.draft
	}
	if cur := f.current(); cur != "" {
		return awsops.PrettyPolicy(cur) + "\n"
	}
	start, _ := awsops.UpsertStatement("", awsops.TLSOnlyStatement(f.env.bucket))
	return awsops.PrettyPolicy(start) + "\n"
}

// typing implements flow: only the change's typed confirmation has the keys.
func (f *policyFlow) typing() bool { return f.stage == policyChanging && f.ch.typing() }

// busy implements flow.
func (f *policyFlow) busy() bool {
	return f.stage == policyEditing || (f.stage == policyChanging && f.ch.busy())
}

// close implements flow.
func (f *policyFlow) close() {
	if f.ch != nil {
		f.ch.close()
	}
}

// back implements flow: esc closes the viewer, discards a draft (back to
// the policy as read), or steps back from a plan to the draft.
func (f *policyFlow) back() (flow, tea.Cmd) {
	switch f.stage {
	case policyDraft:
		f.stage, f.draft, f.problems, f.offset = policyViewing, "", nil, 0
		return f, ui.Report(ui.LevelInfo, "Edit discarded: the bucket policy was not changed.")
	case policyChanging:
		if f.ch.stage == changeConfirm {
			f.ch.close()
			return f.leaveChange("Canceled: nothing was changed.")
		}
		leave, cmd := f.ch.back()
		if leave {
			return f.afterChange(cmd)
		}
		return f, cmd
	case policyEditing:
		return f, nil // the editor has the terminal; its answer comes back
	}
	return nil, nil
}

// leaveChange steps back from a plan that was not applied: to the draft
// for an edit (text kept), else to the viewer.
func (f *policyFlow) leaveChange(why string) (flow, tea.Cmd) {
	f.ch.close()
	f.ch = nil
	if f.fromEdit {
		f.stage, f.problems, f.offset = policyDraft, []string{why + " Your text is kept."}, 0
		return f, nil
	}
	f.stage = policyViewing
	return f, ui.Report(ui.LevelInfo, why)
}

// afterChange follows a change that ended: a failed write returns to the
// draft with S3's answer; anything else closes the viewer.
func (f *policyFlow) afterChange(cmd tea.Cmd) (flow, tea.Cmd) {
	if f.ch.stage == changeFailed && f.fromEdit {
		why := "S3 refused the policy: " + errorOf(f.ch.err).Error()
		return f.leaveChangeWith(why, cmd)
	}
	f.close()
	return nil, cmd
}

// leaveChangeWith is leaveChange keeping cmd.
func (f *policyFlow) leaveChangeWith(why string, cmd tea.Cmd) (flow, tea.Cmd) {
	next, c := f.leaveChange(why)
	return next, tea.Batch(cmd, c)
}

// update implements flow.
func (f *policyFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	switch m := msg.(type) {
	case policyEditedMsg:
		if m.id == f.env.flow && f.stage == policyEditing {
			return f, f.edited(m)
		}
		return f, nil
	case tea.KeyPressMsg:
		if f.stage != policyChanging {
			return f, f.key(m)
		}
	}
	if f.stage != policyChanging {
		return f, nil
	}
	leave, cmd := f.ch.update(msg)
	if leave {
		return f.afterChange(cmd)
	}
	return f, cmd
}

// key handles a key of the viewer and of the draft.
func (f *policyFlow) key(m tea.KeyPressMsg) tea.Cmd {
	if f.stage == policyEditing {
		return nil
	}
	k := f.env.c.keys
	page := max(1, f.height-4)
	if delta, ok := k.ScrollDelta(m, page); ok {
		f.offset = max(0, f.offset+delta)
		return nil
	}
	switch {
	case key.Matches(m, k.Edit):
		if k.ReadOnly {
			return ui.Report(ui.LevelWarn, "e: "+ui.ReasonReadOnly)
		}
		f.stage = policyEditing
		return launchEditor(f.env.flow, f.editText())
	case f.stage == policyDraft && m.String() == "enter":
		return f.submit()
	case f.stage == policyViewing && key.Matches(m, k.Delete):
		if k.ReadOnly {
			return ui.Report(ui.LevelWarn, "d: "+ui.ReasonReadOnly)
		}
		return f.startDelete()
	}
	f.offset = max(0, f.offset)
	return nil
}

// edited takes the editor's answer: a failure keeps the text as it was;
// otherwise the text becomes the draft and is submitted.
func (f *policyFlow) edited(m policyEditedMsg) tea.Cmd {
	f.draft, f.offset = m.text, 0
	if m.err != nil {
		f.stage, f.problems = policyDraft, []string{m.err.Error()}
		return nil
	}
	return f.submit()
}

// submit validates the draft and builds its plan, or keeps it with the
// problems found.
func (f *policyFlow) submit() tea.Cmd {
	s, ok := f.env.snapshot()
	if !ok {
		f.stage, f.problems = policyDraft, []string{"The bucket is no longer listed."}
		return nil
	}
	if _, problems := awsops.ValidatePolicy(f.draft); len(problems) > 0 {
		f.stage, f.problems = policyDraft, problems
		return nil
	}
	caller, isRoot := policyCaller(f.env)
	p, lint, err := awsops.PolicyPlan(awsops.PolicyChange{Bucket: s.Name, Region: s.Region, Before: f.current(), After: f.draft,
		Title: "Replace the bucket policy of " + s.Name, Caller: caller, CallerIsRoot: isRoot})
	if errors.Is(err, awsops.ErrPolicyUnchanged) {
		f.stage, f.draft, f.problems = policyViewing, "", nil
		return ui.Report(ui.LevelInfo, "The policy was not changed: nothing to apply.")
	}
	if err != nil {
		f.stage, f.problems = policyDraft, []string{err.Error()}
		return nil
	}
	f.ch = newPolicyChange(f.env, p, lint, "Bucket policy of "+s.Name+" replaced.", expectPolicy(true))
	f.stage, f.fromEdit = policyChanging, true
	return nil
}

// startDelete previews the deletion, confirmed by typing the bucket name.
func (f *policyFlow) startDelete() tea.Cmd {
	cur := f.current()
	if cur == "" {
		return ui.Report(ui.LevelInfo, "d: this bucket has no policy to delete.")
	}
	s, _ := f.env.snapshot()
	p := awsops.DeletePolicyPlan(s.Name, s.Region, cur)
	f.ch = newPolicyChange(f.env, p, nil, "Bucket policy of "+s.Name+" deleted.", expectPolicy(false))
	f.ch.typedConfirmation("Delete the whole bucket policy of " + s.Name + "? Every statement goes.")
	f.stage, f.fromEdit = policyChanging, false
	return nil
}

// flowTitle implements titledFlow.
func (f *policyFlow) flowTitle() string {
	switch f.stage {
	case policyEditing:
		return "Policy: editing"
	case policyDraft:
		return "Policy: not applied"
	case policyChanging:
		if f.fromEdit {
			return "Policy: " + f.ch.stageName()
		}
		return "Delete policy: " + f.ch.stageName()
	}
	return "Policy"
}

// draftLines is the draft as the user wrote it, for reading under its problems.
func draftLines(text string) []string {
	return strings.Split(strings.TrimRight(text, "\n"), "\n")
}
