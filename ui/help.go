package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/x/ansi"
)

// NewHelp returns the bubbles help component styled with the theme.
func NewHelp(st *Styles, width int) help.Model {
	h := help.New()
	h.Styles = st.Help
	h.SetWidth(width)
	return h
}

// FullHelpView renders the full keymap of a screen, followed by the actions
// that exist but cannot be used now, each with its reason. The bubbles help
// component hides disabled bindings, which is right for the short help but
// would make read-only mode look like missing features.
func FullHelpView(h help.Model, km help.KeyMap, actions []Action, st *Styles, width int) string {
	var b strings.Builder
	b.WriteString(st.Pane.Heading.Render("Keys"))
	b.WriteString("\n\n")
	h.SetWidth(width)
	b.WriteString(h.FullHelpView(km.FullHelp()))
	var disabled []Action
	for _, a := range actions {
		if !a.Enabled() {
			disabled = append(disabled, a)
		}
	}
	if len(disabled) == 0 {
		return b.String()
	}
	b.WriteString("\n\n")
	b.WriteString(st.Pane.Heading.Render("Unavailable here"))
	b.WriteString("\n")
	for _, a := range disabled {
		hk := a.Binding.Help()
		line := st.Disabled.Render(hk.Key+"  "+hk.Desc) + st.Muted.Render("  ("+a.Reason+")")
		b.WriteString("\n" + ansi.Truncate(line, width, "…"))
	}
	return b.String()
}
