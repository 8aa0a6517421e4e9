package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Answer is what the user decided in a confirm dialog.
type Answer int

// Answers of a confirm dialog.
const (
	Undecided Answer = iota // no decision yet: keep showing the dialog
	AnswerNo                // n, esc, or enter while No is chosen
	AnswerYes               // y, or enter after moving to Yes
)

// Confirm is a yes/no question that defaults to No: enter answers No
// unless the user moved to Yes (or pressed y), so a stray enter never
// applies a change.
type Confirm struct {
	question string
	yes, no  string
	onYes    bool
}

// NewConfirm asks question with the buttons "Yes" and "No", No chosen.
func NewConfirm(question string) Confirm {
	return Confirm{question: question, yes: "Yes", no: "No"}
}

// WithLabels names the buttons, e.g. "Apply" and "Cancel"; y and n still answer.
func (c Confirm) WithLabels(yes, no string) Confirm {
	c.yes, c.no = yes, no
	return c
}

// OnYes reports whether Yes is chosen (enter would answer Yes).
func (c Confirm) OnYes() bool { return c.onYes }

// Update handles one key: y/n answer at once, left/right/tab/h/l move
// between the buttons, enter answers the chosen one, esc answers No.
func (c Confirm) Update(msg tea.Msg) (Confirm, Answer) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return c, Undecided
	}
	switch km.String() {
	case "y", "Y":
		return c, AnswerYes
	case "n", "N", "esc":
		return c, AnswerNo
	case "enter":
		if c.onYes {
			return c, AnswerYes
		}
		return c, AnswerNo
	case "left", "h", "shift+tab":
		c.onYes = true
	case "right", "l", "tab":
		c.onYes = false
	}
	return c, Undecided
}

// View renders the question, then the buttons and the keys, in at most
// width cells per line.
func (c Confirm) View(st *Styles, width int) string {
	if width <= 0 {
		return ""
	}
	var lines []string
	for _, l := range Wrap(c.question, width) {
		lines = append(lines, st.Text.Bold(true).Render(l))
	}
	btn := func(label string, chosen bool) string {
		if chosen {
			return st.Tabs.Active.Render("[ " + label + " ]")
		}
		return st.Tabs.Inactive.Render("  " + label + "  ")
	}
	buttons := btn(c.yes, c.onYes) + "  " + btn(c.no, !c.onYes) +
		st.Muted.Render("   y/n · ←/→ choose · enter confirms · esc cancels")
	lines = append(lines, ansi.Truncate(buttons, width, "…"))
	return strings.Join(lines, "\n")
}
