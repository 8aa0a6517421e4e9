package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// ChoiceItem is one option of a Choice.
type ChoiceItem struct {
	Label  string // the option
	Detail string // a muted note after it
}

// Choice is a short vertical list of options picked with the movement keys
// and enter, e.g. which MFA device to use.
type Choice struct {
	Items  []ChoiceItem
	Cursor int
	keys   KeyMap
}

// NewChoice returns a choice over items with the cursor on the first.
func NewChoice(keys KeyMap, items ...ChoiceItem) Choice {
	return Choice{Items: items, keys: keys}
}

// Update moves the cursor; it reports true when enter picks the option
// under it.
func (c Choice) Update(msg tea.Msg) (Choice, bool) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok || len(c.Items) == 0 {
		return c, false
	}
	switch {
	case key.Matches(km, c.keys.Up):
		c.Cursor = max(0, c.Cursor-1)
	case key.Matches(km, c.keys.Down):
		c.Cursor = min(len(c.Items)-1, c.Cursor+1)
	case key.Matches(km, c.keys.Open):
		return c, true
	}
	return c, false
}

// Lines renders one line per option, the chosen one marked.
func (c Choice) Lines(st *Styles, width int) []string {
	out := make([]string, 0, len(c.Items))
	for i, it := range c.Items {
		line := "  " + it.Label
		if it.Detail != "" {
			line += "  " + st.Muted.Render(it.Detail)
		}
		if i == c.Cursor {
			line = st.Table.Selected.Render(Fit("› "+ansi.Strip(line[2:]), width))
		}
		out = append(out, ansi.Truncate(line, width, "…"))
	}
	return out
}

// View renders the options.
func (c Choice) View(st *Styles, width int) string { return strings.Join(c.Lines(st, width), "\n") }
