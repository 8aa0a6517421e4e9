package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
)

// keyPane is a pane that handles some keys itself, before the detail
// screen scrolls it; help lists those keys.
type keyPane interface {
	key(d *Detail, msg tea.KeyPressMsg) (handled bool, cmd tea.Cmd)
	help(k ui.KeyMap) []key.Binding
}

// help implements keyPane: y when there is a remedy to copy.
func (p *overviewPane) help(k ui.KeyMap) []key.Binding {
	if f, ok := p.selected(); ok && f.Remedy != "" {
		return []key.Binding{k.Copy}
	}
	return nil
}

// key implements keyPane: ↑/↓ (and top/bottom) move through the findings,
// scrolling so the selected one is in view; y copies its remedy (OSC 52).
// With no findings the keys scroll the pane as on any other.
func (p *overviewPane) key(d *Detail, msg tea.KeyPressMsg) (bool, tea.Cmd) {
	k := d.c.keys
	if !key.Matches(msg, k.Copy, k.Up, k.Down, k.Top, k.Bottom) {
		return false, nil // tab, r, ...: not this pane's; nothing to render
	}
	d.paneLines() // fresh findings and line ranges
	if len(p.shown) == 0 {
		return false, nil
	}
	switch {
	case key.Matches(msg, k.Copy):
		f, _ := p.selected()
		if f.Remedy == "" {
			return true, ui.Report(ui.LevelInfo, f.ID+" has no remedy to copy")
		}
		return true, tea.Batch(tea.SetClipboard(f.Remedy),
			ui.Report(ui.LevelSuccess, "copied remedy of "+f.ID+" to the clipboard"))
	case key.Matches(msg, k.Up):
		if p.sel == 0 {
			return false, nil // on to the lines above the findings
		}
		p.sel--
	case key.Matches(msg, k.Down):
		if p.sel == len(p.shown)-1 {
			return false, nil // on to the end of a long remedy
		}
		p.sel++
	case key.Matches(msg, k.Top):
		p.sel = 0
	case key.Matches(msg, k.Bottom):
		p.sel = len(p.shown) - 1
	default:
		return false, nil
	}
	p.reveal(d)
	return true, nil
}

// selected returns the finding under the cursor.
func (p *overviewPane) selected() (f findingRef, ok bool) {
	if p.sel < 0 || p.sel >= len(p.shown) {
		return findingRef{}, false
	}
	s := p.shown[p.sel]
	return findingRef{ID: s.ID, Remedy: s.Remedy}, true
}

// findingRef is what the keys need of a finding.
type findingRef struct{ ID, Remedy string }

// reveal scrolls the pane so the selected finding is in view, its first
// line at least; the first finding also shows what is above it.
func (p *overviewPane) reveal(d *Detail) {
	all := d.paneLines()
	if p.sel >= len(p.ranges) {
		return
	}
	r := p.ranges[p.sel]
	h := d.visibleLines(len(all))
	off := d.offsets[d.active]
	switch {
	case p.sel == 0 && r[1] <= h:
		off = 0
	case r[0] < off:
		off = r[0]
	case r[1] > off+h:
		off = min(r[0], r[1]-h)
	}
	d.offsets[d.active] = ui.ClampOffset(off, len(all), h)
}
