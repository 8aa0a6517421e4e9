package views

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// Per-object plans (re-encrypting several objects) run every step even
// when one fails, then list what succeeded and what failed, object by
// object: one object's failure must not hide, or stop, the others.

// planEachDone is the end of a per-step Apply: failed of total steps failed.
type planEachDone struct {
	id            int
	failed, total int
}

// applyEach runs each step as a plan of its own, in order, reporting each
// result; it stops early only when canceled.
func (f *planFlow) applyEach() tea.Cmd {
	f.stage = planApplying
	f.results = make([]error, len(f.plan.Steps))
	f.ran = make([]bool, len(f.plan.Steps))
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	be, p, id := f.be, f.plan, f.id
	return stream(func(report func(tea.Msg)) tea.Msg {
		failed := 0
		for i, st := range p.Steps {
			if ctx.Err() != nil {
				break
			}
			one := p
			one.Steps = []awsops.Step{st}
			err := be.Apply(ctx, one, awsops.MFA{}, nil)
			if err != nil {
				failed++
			}
			report(planStepMsg{id: id, index: i, err: err})
		}
		return planAppliedMsg{id: id, err: nil, each: &planEachDone{id: id, failed: failed, total: len(p.Steps)}}
	})
}

// eachApplied ends a per-step Apply: the list stays on screen.
func (f *planFlow) eachApplied(d planEachDone) tea.Cmd {
	f.close()
	f.stage = planReport
	ok := 0
	for i := range f.results {
		if f.ran[i] && f.results[i] == nil {
			ok++
		}
	}
	var cmds []tea.Cmd
	if f.after != nil && ok > 0 {
		cmds = append(cmds, f.after())
	}
	switch {
	case d.failed == 0 && ok == d.total:
		f.stage = planFinished // nothing to list: the status bar says it
		cmds = append(cmds, ui.Report(ui.LevelSuccess, f.success))
	default:
		cmds = append(cmds, ui.Report(ui.LevelError, fmt.Sprintf("%s: %d of %d done, %d failed%s — the list shows each one.",
			f.plan.Title, ok, d.total, d.failed, notRunNote(d.total-ok-d.failed))))
	}
	return tea.Batch(cmds...)
}

// notRunNote mentions the steps a cancel left undone.
func notRunNote(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(", %d not run (canceled)", n)
}

// reportLines lists each step's outcome.
func (f *planFlow) reportLines(e paneEnv) []string {
	st := e.st
	out := []string{e.heading("Done: " + f.plan.Title)}
	for i, s := range f.plan.Steps {
		switch {
		case !f.ran[i]:
			out = append(out, wrapStyled(st.Muted, "· not run: "+s.Title, e.width)...)
		case f.results[i] == nil:
			out = append(out, wrapStyled(st.Good, "✓ "+s.Title, e.width)...)
		default:
			fe := errorOf(f.results[i])
			out = append(out, wrapStyled(st.Bad, "✗ "+s.Title+": "+fe.Error(), e.width)...)
			if hint := f.explain(f.results[i]); hint != "" {
				out = append(out, e.hintLines(hint, 2)...)
			}
		}
	}
	return append(out, "", st.Muted.Render("enter or esc closes"))
}
