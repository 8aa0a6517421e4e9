package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// bpaFlow edits the four Block Public Access settings: enter toggles the
// setting under the cursor, or picks "all on", "review the plan" or
// "delete the configuration"; the plan preview follows.
type bpaFlow struct {
	c       *common
	be      Backend
	state   awsops.BucketState
	want    awsops.PublicAccessBlock
	choice  ui.Choice
	problem string // why the last review built no plan
}

// Choice rows after the four settings.
const (
	bpaRowAllOn = iota + 4
	bpaRowReview
	bpaRowDelete
)

// newBPAFlow starts from the bucket's current settings.
func newBPAFlow(c *common, be Backend, st awsops.BucketState) *bpaFlow {
	f := &bpaFlow{c: c, be: be, state: st, want: *st.PublicAccessBlock}
	f.want.Configured = true
	f.choice = ui.NewChoice(c.keys)
	f.relabel()
	return f
}

// relabel rebuilds the rows from the wanted settings, keeping the cursor.
func (f *bpaFlow) relabel() {
	var items []ui.ChoiceItem
	for _, s := range f.want.Settings() {
		mark := "[ ] "
		if s.On {
			mark = "[x] "
		}
		items = append(items, ui.ChoiceItem{Label: mark + s.Name})
	}
	items = append(items,
		ui.ChoiceItem{Label: "All four on", Detail: "the safe default"},
		ui.ChoiceItem{Label: "Review the plan →"},
		ui.ChoiceItem{Label: "Delete the bucket-level configuration", Detail: "all four then count as off"})
	cursor := f.choice.Cursor
	f.choice.Items = items
	f.choice.Cursor = cursor
}

// toggle flips setting i of the wanted configuration.
func (f *bpaFlow) toggle(i int) {
	flags := []*bool{&f.want.BlockPublicAcls, &f.want.IgnorePublicAcls, &f.want.BlockPublicPolicy, &f.want.RestrictPublicBuckets}
	*flags[i] = !*flags[i]
}

// update implements flow.
func (f *bpaFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	var picked bool
	f.choice, picked = f.choice.Update(msg)
	if !picked {
		return f, nil
	}
	f.problem = ""
	switch row := f.choice.Cursor; {
	case row < bpaRowAllOn:
		f.toggle(row)
	case row == bpaRowAllOn:
		f.want = awsops.AllPublicAccessBlocked
	case row == bpaRowReview:
		p, err := awsops.PutPublicAccessBlockPlan(f.state, f.want)
		if err != nil {
			f.problem = err.Error()
			return f, nil
		}
		return f.planFlow(p, "Block Public Access of "+f.state.Name+" updated.")
	case row == bpaRowDelete:
		if f.state.PublicAccessBlock != nil && !f.state.PublicAccessBlock.Configured {
			f.problem = f.state.Name + " has no bucket-level configuration to delete."
			return f, nil
		}
		return f.planFlow(awsops.DeletePublicAccessBlockPlan(f.state), "Block Public Access configuration of "+f.state.Name+" deleted.")
	}
	f.relabel()
	return f, nil
}

// planFlow hands over to the plan preview.
func (f *bpaFlow) planFlow(p awsops.Plan, success string) (flow, tea.Cmd) {
	pf := newPlanFlow(f.c, f.be, p, success)
	pf.name = "Block Public Access"
	pf.explain = explainConfigError
	return pf, nil
}

// back implements flow: esc leaves without sending anything.
func (f *bpaFlow) back() (flow, tea.Cmd) { return nil, nil }

// view implements flow.
func (f *bpaFlow) view(e paneEnv) []string {
	out := []string{e.heading("Block Public Access of " + f.state.Name), ""}
	out = append(out, f.choice.Lines(e.st, e.width)...)
	if c := f.choice.Cursor; c < bpaRowAllOn {
		out = append(out, "")
		out = append(out, e.hintLines(f.want.Settings()[c].Blocks, 2)...)
	}
	if f.problem != "" {
		out = append(out, "")
		for _, l := range ui.Wrap(f.problem, max(10, e.width)) {
			out = append(out, e.st.Warn.Render(l))
		}
	}
	return out
}

// help implements flow.
func (f *bpaFlow) help(k ui.KeyMap) []key.Binding {
	return []key.Binding{k.Move, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "toggle/choose")), k.Back}
}

// typing implements flow.
func (f *bpaFlow) typing() bool { return false }

// busy implements flow: nothing is sent until the plan is applied.
func (f *bpaFlow) busy() bool { return false }

// close implements flow.
func (f *bpaFlow) close() {}

// flowTitle implements titledFlow.
func (f *bpaFlow) flowTitle() string { return "Block Public Access" }
