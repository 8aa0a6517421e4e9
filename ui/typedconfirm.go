package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TypedConfirm guards an action that cannot be undone: the user must type
// one of the accepted words (the bucket name, or "delete") and press
// enter. Nothing else answers Yes, so neither a stray enter nor a held key
// can confirm.
type TypedConfirm struct {
	question string
	accepted []string
	field    Field
	wrong    bool // enter was pressed on a word that is not accepted
}

// NewTypedConfirm asks question and accepts any of the words, exactly.
func NewTypedConfirm(question string, accepted ...string) TypedConfirm {
	hint := "type " + quoteAll(accepted)
	return TypedConfirm{question: question, accepted: accepted, field: Field{Label: "Confirm", Placeholder: hint, Focused: true, Limit: 80}}
}

// quoteAll lists words as "a" or "b".
func quoteAll(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + w + `"`
	}
	return strings.Join(q, " or ")
}

// Update edits the word; enter answers Yes when the word is accepted and
// otherwise says so. Esc is the parent's: it cancels.
func (c TypedConfirm) Update(msg tea.Msg) (TypedConfirm, Answer) {
	if km, ok := msg.(tea.KeyPressMsg); ok && km.String() == "enter" {
		for _, w := range c.accepted {
			if c.field.Value == w {
				return c, AnswerYes
			}
		}
		c.wrong = true
		return c, Undecided
	}
	if c.field.Update(msg) {
		c.wrong = false
	}
	return c, Undecided
}

// View renders the question, the field and the keys in at most width cells.
func (c TypedConfirm) View(st *Styles, width int) string {
	var lines []string
	for _, l := range Wrap(c.question, max(1, width)) {
		lines = append(lines, st.Bad.Render(l))
	}
	lines = append(lines, c.field.View(st, width))
	if c.wrong {
		lines = append(lines, ansi.Truncate(st.Error.Render("✗ that is not "+quoteAll(c.accepted)+": not confirmed"), width, "…"))
	}
	lines = append(lines, ansi.Truncate(st.Muted.Render("type "+quoteAll(c.accepted)+" then enter · esc cancels"), width, "…"))
	return strings.Join(lines, "\n")
}
