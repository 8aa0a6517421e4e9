package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// PlanPreview shows a plan before it is applied: title, warnings (loudly,
// first, so they are seen without scrolling), then each step with its API
// call, parameters, the equivalent aws CLI command and a needs-MFA mark.
// It scrolls with the keymap's movement keys and never draws more than
// its size.
type PlanPreview struct {
	plan          PlanView
	keys          KeyMap
	offset        int
	width, height int
}

// NewPlanPreview returns a preview of plan, scrolled to the top.
func NewPlanPreview(plan PlanView, keys KeyMap) PlanPreview {
	return PlanPreview{plan: plan, keys: keys, width: 80, height: 20}
}

// Plan returns the plan shown.
func (p PlanPreview) Plan() PlanView { return p.plan }

// SetSize sets the area the preview draws in.
func (p *PlanPreview) SetSize(width, height int) {
	p.width, p.height = max(0, width), max(0, height)
}

// Offset is the first line shown.
func (p PlanPreview) Offset() int { return p.offset }

// Update scrolls on the movement keys; other messages are ignored.
func (p PlanPreview) Update(msg tea.Msg) (PlanPreview, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	if delta, ok := p.keys.ScrollDelta(km, max(1, p.height-2)); ok {
		p.offset += delta
	}
	// Clamp now, so that after G one k scrolls one line up. The line count
	// does not depend on the theme: styles never change the wrapping.
	total := len(p.Lines(NewMonochromeStyles()))
	p.offset = ClampOffset(p.offset, total, p.bodyHeight(total))
	return p, nil
}

// bodyHeight is the number of plan lines shown for a plan of total lines:
// one line goes to the scroll indicator when the plan does not fit.
func (p PlanPreview) bodyHeight(total int) int {
	if total > p.height && p.height >= 2 {
		return p.height - 1
	}
	return p.height
}

// Lines renders the whole preview at the preview's width, unscrolled.
func (p PlanPreview) Lines(st *Styles) []string {
	w := max(10, p.width)
	pl := p.plan
	var out []string
	add := func(style func(...string) string, indent string, text string) {
		for _, l := range Wrap(text, max(1, w-ansi.StringWidth(indent))) {
			out = append(out, indent+style(l))
		}
	}
	add(st.Pane.Heading.Render, "", "Plan: "+pl.Title)
	if pl.NeedsMFA() {
		add(st.Warn.Render, "", "This change needs an MFA code: you will be asked for it before anything is sent.")
	}
	for _, warn := range pl.Warnings {
		lines := Wrap(warn, max(1, w-3))
		for i, l := range lines {
			mark := "   "
			if i == 0 {
				mark = "⚠  "
			}
			out = append(out, st.Bad.Render(mark+l))
		}
	}
	out = append(out, "")
	out = append(out, st.Pane.Label.Render(fmt.Sprintf("%s, in this order:", plural(len(pl.Steps), "call", "calls"))))
	for i, s := range pl.Steps {
		num := fmt.Sprintf("%d. ", i+1)
		title := st.Text.Render(s.Title)
		if s.API != "" {
			title += "  " + st.Pane.Value.Render(s.API)
		}
		if s.NeedsMFA {
			title += "  " + st.Warn.Render("[needs MFA]")
		}
		out = append(out, st.Pane.Heading.Render(num)+ansi.Truncate(title, max(1, w-len(num)), "…"))
		if ansi.StringWidth(num+s.Title+"  "+s.API) > w {
			// The API name did not fit beside the title: give it its own line.
			add(st.Pane.Value.Render, "   ", s.API)
		}
		for _, prm := range s.Params {
			add(st.Pane.Code.Render, "   ", prm)
		}
		out = append(out, diffLines(st, s.Diff, w)...)
		if s.CLI != "" {
			for j, l := range Wrap(s.CLI, max(1, w-5)) {
				prefix := "   $ "
				if j > 0 {
					prefix = "     "
				}
				out = append(out, st.Muted.Render(prefix)+st.Pane.Code.Render(l))
			}
		}
		for _, c := range s.Checks {
			add(st.Muted.Render, "   ", c)
		}
	}
	return out
}

// View renders the visible part of the preview in at most the preview's
// height; when the plan is longer, the last line says where the window is.
func (p PlanPreview) View(st *Styles) string {
	if p.height <= 0 || p.width <= 0 {
		return ""
	}
	all := p.Lines(st)
	h := p.bodyHeight(len(all))
	off := ClampOffset(p.offset, len(all), h)
	lines := append([]string{}, Visible(all, off, h)...)
	if h < len(all) && h < p.height {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("lines %d–%d of %d · ↑↓ pgup/pgdn to scroll", off+1, off+len(lines), len(all))))
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > p.width {
			lines[i] = ansi.Truncate(l, p.width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// plural picks the singular or plural form of a noun for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
