package views

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// bucketMarks are the buckets marked with space in the overview, for a
// fleet fix (f), and the fix the user asked for, taken by the App.
type bucketMarks struct {
	marked map[string]bool
	fleet  []string // marked buckets to fix, in grid order; set by f, taken once
}

// fixKey opens the fleet fix of the marked buckets.
var fixKey = key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "fix marked"))

// fixAction is f, disabled in read-only mode.
func (o *Overview) fixAction() ui.Action {
	return o.c.keys.Action(fixKey, "fix marked")
}

// markKeys handles space (mark or unmark the bucket under the cursor and
// move down) and f (fix the marked buckets).
func (o *Overview) markKeys(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := o.c.keys
	switch {
	case key.Matches(msg, k.Select):
		name, ok := o.selected()
		if !ok {
			return true, nil
		}
		if o.marks.marked == nil {
			o.marks.marked = map[string]bool{}
		}
		if o.marks.marked[name] {
			delete(o.marks.marked, name)
		} else {
			o.marks.marked[name] = true
		}
		o.move(1)
		return true, nil
	case o.fixAction().Pressed(msg):
		a := o.fixAction()
		if !a.Enabled() {
			return true, ui.Report(ui.LevelWarn, a.Explain())
		}
		names := o.markedNames()
		if len(names) == 0 {
			return true, ui.Report(ui.LevelInfo, "Mark buckets with space first, then press f to fix a finding on all of them.")
		}
		o.marks.fleet = names
		return true, nil
	}
	return false, nil
}

// markedNames lists the marked buckets still listed, in grid order.
func (o *Overview) markedNames() []string {
	var out []string
	for _, r := range o.rows {
		if n := o.store.states[r].Name; o.marks.marked[n] {
			out = append(out, n)
		}
	}
	// Marked buckets hidden by the filter are fixed too: they stay marked.
	for i := range o.store.states {
		if n := o.store.states[i].Name; o.marks.marked[n] && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// isMarked reports whether the bucket is marked.
func (o *Overview) isMarked(name string) bool { return o.marks.marked[name] }

// takeFleet returns the buckets the user asked to fix, once.
func (o *Overview) takeFleet() ([]string, bool) {
	names := o.marks.fleet
	o.marks.fleet = nil
	return names, len(names) > 0
}

// gutter is what precedes a row: the cursor and the mark.
func (o *Overview) gutter(name string, cursor bool) string {
	c, m := " ", " "
	if cursor {
		c = "›"
	}
	if o.isMarked(name) {
		m = "●"
	}
	return c + m
}

// markBinding is space, described for the overview.
func markBinding(k ui.KeyMap) key.Binding {
	return key.NewBinding(key.WithKeys(k.Select.Keys()...), key.WithHelp("space", "mark"))
}
