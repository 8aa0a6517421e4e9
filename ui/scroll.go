package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// scrollEnd moves a view to its first or last line; callers clamp.
const scrollEnd = 1 << 30

// ScrollDelta is how far a movement key moves a scrolled view whose page
// is page lines: up/down one line, pgup/pgdn a page, home/end to either end
// (a delta so large that the caller's clamp lands on the end). ok is false
// for any other key.
func (k KeyMap) ScrollDelta(msg tea.KeyPressMsg, page int) (delta int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	case key.Matches(msg, k.PageDown):
		return page, true
	case key.Matches(msg, k.Top):
		return -scrollEnd, true
	case key.Matches(msg, k.Bottom):
		return scrollEnd, true
	}
	return 0, false
}
