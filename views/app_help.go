package views

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/ui"
)

// The full help is an overlay: while it is shown it owns the keyboard.
// Its keys scroll it or close it and every other key is dropped, so a key
// meant for the help never reaches the screen underneath (j moving the
// cursor unseen, enter opening a bucket, y applying the plan behind it).

// dialogScreen is a screen that can show a dialog over itself (an edit
// form, a plan and its confirmation, an MFA prompt).
type dialogScreen interface {
	Dialog() bool
}

// Dialog implements dialogScreen: a flow is open over the pane.
func (d *Detail) Dialog() bool { return d.flow != nil }

// helpOverlayKeys are the keys that work while the help is shown.
var helpOverlayKeys = []key.Binding{
	key.NewBinding(key.WithKeys("j", "k"), key.WithHelp("↑↓/j k", "scroll")),
	key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup pgdn", "page")),
	key.NewBinding(key.WithKeys("esc", "q", "?"), key.WithHelp("esc/q/?", "close")),
	key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
}

// closeKey is q in a dialog, where it closes the dialog.
var closeKey = key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "close"))

// inDialog reports whether the screen shows a dialog, where q closes the
// dialog as esc does instead of quitting the console.
func inDialog(s screen) bool {
	d, ok := s.(dialogScreen)
	return ok && d.Dialog()
}

// openHelp shows the full help from its top.
func (a *App) openHelp() {
	a.showHelp = true
	a.helpOffset = 0
}

// helpKey handles a key while the help is shown: esc, ? and q close it,
// movement keys scroll it, and nothing else does anything.
func (a *App) helpKey(msg tea.KeyPressMsg) {
	k := a.c.keys
	_, h := a.contentSize()
	page := max(1, h-2)
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Help), key.Matches(msg, k.Quit):
		a.showHelp = false
	default:
		if delta, ok := k.ScrollDelta(msg, page); ok {
			a.helpOffset += delta
		}
	}
	total := len(a.helpLines())
	a.helpOffset = ui.ClampOffset(a.helpOffset, total, helpVisible(total, h))
}

// helpLines is the whole help of the screen shown, one column.
func (a *App) helpLines() []string {
	cw, _ := a.contentSize()
	return ui.HelpLines(a.keys().FullHelp(), a.top().Actions(), a.c.st, cw)
}

// helpVisible is how many help lines fit in height lines: one is kept for
// the scroll indicator when they do not all fit.
func helpVisible(total, height int) int {
	if total > height {
		return max(0, height-1)
	}
	return height
}

// helpView renders the part of the help in view, and says how to scroll
// when there is more.
func (a *App) helpView() string {
	_, h := a.contentSize()
	all := a.helpLines()
	n := helpVisible(len(all), h)
	off := ui.ClampOffset(a.helpOffset, len(all), n)
	out := append([]string{}, ui.Visible(all, off, n)...)
	if n < len(all) {
		out = append(out, a.c.st.Muted.Render(fmt.Sprintf("  lines %d–%d of %d · j/k pgup/pgdn scroll · esc closes", off+1, off+n, len(all))))
	}
	return strings.Join(out, "\n")
}

// footerHelp is the short help line. When the screen's keys do not all
// fit, the pane's actions come first (moving around is in every screen and
// easy to guess; what a pane can change is not), the rest is cut, and
// "? keys" stays at the end, so the full list, which drops nothing, is
// always one key away.
func (a *App) footerHelp() string {
	if a.showHelp {
		// The help owns the keyboard: the footer shows its own keys, not
		// the screen's underneath, which would not work now.
		return a.help.ShortHelpView(helpOverlayKeys)
	}
	h := a.help
	short := a.keys().ShortHelp()
	h.SetWidth(0)
	if ansi.StringWidth(h.ShortHelpView(short)) <= a.width || a.top().Typing() {
		return a.help.ShortHelpView(short)
	}
	k := a.c.keys
	acts := a.top().Actions()
	var actions, rest []key.Binding
	for _, b := range short {
		switch {
		case slices.Equal(b.Keys(), k.Help.Keys()):
		case ui.IsAction(acts, b):
			actions = append(actions, b)
		default:
			rest = append(rest, b)
		}
	}
	tail := h.Styles.ShortSeparator.Inline(true).Render(h.ShortSeparator) + h.ShortHelpView([]key.Binding{k.Help})
	return fitShortHelp(h, append(actions, rest...), a.width-ansi.StringWidth(tail)) + tail
}

// fitShortHelp renders the first of bs that fit in width cells, and an
// ellipsis when some do not. (The bubbles help adds an item that does not
// fit when the ellipsis would not fit either.)
func fitShortHelp(h help.Model, bs []key.Binding, width int) string {
	h.SetWidth(0)
	var enabled []key.Binding
	for _, b := range bs {
		if b.Enabled() {
			enabled = append(enabled, b)
		}
	}
	if whole := h.ShortHelpView(enabled); ansi.StringWidth(whole) <= width {
		return whole
	}
	ellipsis := " " + h.Styles.Ellipsis.Inline(true).Render(h.Ellipsis)
	n := 0
	for n < len(enabled) && ansi.StringWidth(h.ShortHelpView(enabled[:n+1])+ellipsis) <= width {
		n++
	}
	if n == 0 {
		return ""
	}
	return h.ShortHelpView(enabled[:n]) + ellipsis
}
