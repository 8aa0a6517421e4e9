package tourview

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/ui"
	"github.com/s3sec/s3sec/views/tour"
)

// sideBySide is the narrowest terminal that gets the panel beside the
// screen; below it the panel goes under the screen.
const sideBySide = 100

// panelWidth is the side panel's width when beside the screen.
const panelWidth = 40

// View renders header, body and footer in exactly the terminal's size.
func (m *Model) View() tea.View {
	if m.app != nil {
		return m.consoleView()
	}
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = m.title()
	if m.w <= 0 || m.h <= 0 {
		return v
	}
	step := m.steps[m.idx]
	header := m.st.Title.Render(" s3sec tour ") + " " +
		m.st.Breadcrumb.Render(fmt.Sprintf("%d/%d %s", m.idx+1, len(m.steps), step.Title))
	bodyH := max(m.h-3, 1)
	var body []string
	if m.w >= sideBySide {
		body = m.wide(step, bodyH)
	} else {
		body = m.narrow(step, bodyH)
	}
	lines := []string{header}
	lines = append(lines, body...)
	lines = append(lines, m.statusLine(), m.footer())
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.w, "…")
	}
	v.SetContent(strings.Join(lines, "\n"))
	return v
}

// title says where the tour is and whether the step ran, whole, so a
// test (or a screen reader) can wait for it: "s3sec tour 2/9 (done)".
func (m *Model) title() string {
	t := fmt.Sprintf("s3sec tour %d/%d", m.idx+1, len(m.steps))
	r := m.res[m.idx]
	switch {
	case m.busy != "":
		t += " (running)"
	case r.done && r.err != nil:
		t += " (failed)"
	case r.done:
		t += " (done)"
	}
	return t
}

// wide puts the screen on the left and the panel on the right.
func (m *Model) wide(step tour.Step, h int) []string {
	sw := m.w - panelWidth - 3
	screen := fit(m.screen(step, sw), h)
	panel := fit(m.panel(step, panelWidth), h)
	out := make([]string, h)
	bar := m.st.Muted.Render(" │ ")
	for i := range h {
		out[i] = pad(screen[i], sw) + bar + panel[i]
	}
	return out
}

// narrow puts the panel below the screen; when both do not fit, ↑↓
// scroll them together (the offset is kept per step view).
func (m *Model) narrow(step tour.Step, h int) []string {
	all := m.narrowLines(step)
	if len(all) <= h {
		return fit(all, h)
	}
	m.offset = min(max(m.offset, 0), len(all)-h)
	out := append([]string(nil), all[m.offset:m.offset+h]...)
	if m.offset+h < len(all) {
		out[h-1] = m.st.Muted.Render(fmt.Sprintf("↓ %d more lines", len(all)-m.offset-h+1))
	}
	return out
}

// narrowLines are the screen, a rule and the panel, one under the other.
func (m *Model) narrowLines(step tour.Step) []string {
	out := m.screen(step, m.w)
	out = append(out, m.st.Muted.Render(strings.Repeat("─", m.w)))
	return append(out, m.panel(step, m.w)...)
}

// scrolls reports whether the body is taller than the terminal allows.
func (m *Model) scrolls() bool {
	return m.w > 0 && m.w < sideBySide && len(m.narrowLines(m.steps[m.idx])) > max(m.h-3, 1)
}

// screen is what the step does and what it observed.
func (m *Model) screen(step tour.Step, w int) []string {
	var out []string
	add := func(style lipgloss.Style, text string) {
		for _, l := range ui.Wrap(text, w) {
			out = append(out, style.Render(l))
		}
	}
	r := m.res[m.idx]
	switch {
	case m.busy == "step":
		add(m.st.Text, m.spin.View()+" "+step.Action)
	case m.busy == "reset":
		add(m.st.Text, m.spin.View()+" Resetting the demo data…")
	case r.done:
		add(m.st.Muted, step.Action)
	default:
		add(m.st.Text, "n: "+step.Action)
	}
	out = append(out, "")
	if r.done {
		for _, l := range r.out.Lines {
			style := m.st.Text
			switch {
			case strings.HasPrefix(l, "✓"):
				style = m.st.Good
			case strings.HasPrefix(l, "✗"):
				style = m.st.Bad
			}
			add(style, l)
		}
		if r.err != nil {
			add(m.st.Error, "The step failed: "+r.err.Error())
		}
	}
	return out
}

// panel is the explanation: what, why, what it costs or risks, where the
// console shows it.
func (m *Model) panel(step tour.Step, w int) []string {
	var out []string
	section := func(title string, texts ...string) {
		out = append(out, m.st.Title.Render(title))
		for _, t := range texts {
			for _, l := range ui.Wrap(t, w) {
				out = append(out, m.st.Text.Render(l))
			}
		}
	}
	section("What", step.What...)
	section("Why", step.Why...)
	section("Cost / risk", step.Cost...)
	section("In the console", step.Screen)
	return out
}

func (m *Model) statusLine() string {
	switch {
	case m.confirmReset:
		return m.st.Warn.Render("Reset the demo data to its seeded state? y yes, any other key no")
	case m.statusBad:
		return m.st.Error.Render(m.status)
	}
	return m.st.Muted.Render(m.status)
}

// footer shows the keys that act now, in words when they fit, shorter
// when the terminal is narrow.
func (m *Model) footer() string {
	type k struct{ long, short string }
	var keys []k
	switch {
	case m.busy != "":
		keys = []k{{"esc cancel", "esc cancel"}, {"ctrl+c quit", "ctrl+c quit"}}
	case m.confirmReset:
		keys = []k{{"y reset", "y reset"}, {"any key: keep", "other: keep"}}
	default:
		r := m.res[m.idx]
		if r.done && r.err == nil {
			if m.idx < len(m.steps)-1 {
				keys = append(keys, k{"n next step", "n next"})
			}
			if m.steps[m.idx].Bucket != "" {
				keys = append(keys, k{"c see it in the console", "c console"})
			}
		} else {
			keys = append(keys, k{"n perform step", "n perform"})
		}
		if m.idx > 0 {
			keys = append(keys, k{"b back", "b back"})
		}
		if m.scrolls() {
			keys = append(keys, k{"↑↓ scroll", "↑↓ scroll"})
		}
		keys = append(keys, k{"r reset demo data", "r reset"}, k{"q quit", "q quit"})
	}
	long, short := make([]string, len(keys)), make([]string, len(keys))
	for i, key := range keys {
		long[i], short[i] = key.long, key.short
	}
	line := " " + strings.Join(long, " · ")
	if ansi.StringWidth(line) > m.w {
		line = " " + strings.Join(short, " · ")
	}
	return m.st.Muted.Render(line)
}

// fit cuts or pads lines to exactly h, marking a cut with "…".
func fit(lines []string, h int) []string {
	if h <= 0 {
		return nil
	}
	if len(lines) > h {
		lines = append(lines[:h-1:h-1], "…")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// pad truncates or pads a rendered line to exactly w cells.
func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}
