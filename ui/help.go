package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// NewHelp returns the bubbles help component styled with the theme.
func NewHelp(st *Styles, width int) help.Model {
	h := help.New()
	h.Styles = st.Help
	h.SetWidth(width)
	return h
}

// HelpLines renders the full keymap of a screen in one column of at most
// width cells: first the actions that can be used now (what the screen can
// change, at the top where it is seen without scrolling), then each group
// of keys, then the actions that exist but cannot be used now, each with
// its reason in full, wrapped. The bubbles help lays groups out side by
// side and drops those that do not fit, which at 80 columns dropped a
// pane's actions; one column drops nothing, and the caller scrolls it.
// Disabled bindings are left out of the groups (the bubbles help hides
// them too) and listed with their reason, so read-only mode does not look
// like missing features.
func HelpLines(groups [][]key.Binding, actions []Action, st *Styles, width int) []string {
	width = max(1, width)
	var enabled, disabled []Action
	for _, a := range actions {
		if a.Enabled() {
			enabled = append(enabled, a)
		} else {
			disabled = append(disabled, a)
		}
	}
	isAction := func(b key.Binding) bool { return IsAction(actions, b) }
	keyW := 0
	for _, g := range groups {
		for _, b := range g {
			if b.Enabled() {
				keyW = max(keyW, ansi.StringWidth(b.Help().Key))
			}
		}
	}
	for _, a := range actions {
		keyW = max(keyW, ansi.StringWidth(a.Binding.Help().Key))
	}
	keyW = min(keyW, max(1, width/3))
	r := helpRows{keyW: keyW, descX: 2 + keyW + 2}
	r.descW = max(1, width-r.descX)

	var out []string
	if len(enabled) > 0 {
		out = append(out, st.Pane.Heading.Render("Actions"))
		for _, a := range enabled {
			h := a.Binding.Help()
			out = append(out, r.row(st.Help.FullKey.Render, st.Help.FullDesc.Render, h.Key, h.Desc)...)
		}
		out = append(out, "")
	}
	out = append(out, st.Pane.Heading.Render("Keys"))
	for _, g := range groups {
		var rows []string
		for _, b := range g {
			h := b.Help()
			if !b.Enabled() || isAction(b) || (h.Key == "" && h.Desc == "") {
				continue
			}
			rows = append(rows, r.row(st.Help.FullKey.Render, st.Help.FullDesc.Render, h.Key, h.Desc)...)
		}
		if len(rows) > 0 {
			out = append(append(out, ""), rows...)
		}
	}
	if len(disabled) > 0 {
		out = append(out, "", st.Pane.Heading.Render("Unavailable here"))
		for _, a := range disabled {
			h := a.Binding.Help()
			out = append(out, r.row(st.Disabled.Render, st.Disabled.Render, h.Key, h.Desc)...)
			for _, l := range Wrap(a.Reason, r.descW) {
				out = append(out, strings.Repeat(" ", r.descX)+st.Muted.Render(l))
			}
		}
	}
	for i, l := range out {
		if ansi.StringWidth(l) > width {
			out[i] = ansi.Truncate(l, width, "…")
		}
	}
	return out
}

// helpRows lays out the rows of the help: key, then its description
// wrapped in a column of its own.
type helpRows struct {
	keyW, descX, descW int
}

// row renders one key and its description, on as many lines as it needs.
func (r helpRows) row(keyStyle, descStyle func(...string) string, k, desc string) []string {
	k = ansi.Truncate(k, r.keyW, "…")
	k += strings.Repeat(" ", r.keyW-ansi.StringWidth(k))
	var out []string
	for i, l := range Wrap(desc, r.descW) {
		if i == 0 {
			out = append(out, "  "+keyStyle(k)+"  "+descStyle(l))
			continue
		}
		out = append(out, strings.Repeat(" ", r.descX)+descStyle(l))
	}
	return out
}

// IsAction reports whether b is the binding of one of actions (same keys
// and help), so the help and the footer can put a pane's actions first.
func IsAction(actions []Action, b key.Binding) bool {
	for _, a := range actions {
		if a.Binding.Help() == b.Help() && slices.Equal(a.Binding.Keys(), b.Keys()) {
			return true
		}
	}
	return false
}
