package ui

import (
	"charm.land/lipgloss/v2"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Level ranks a status message.
type Level int

// Status levels, least to most urgent.
const (
	LevelInfo Level = iota
	LevelSuccess
	LevelWarn
	LevelError
)

// Default lifetimes of status messages: errors stay longer.
const (
	DefaultTTL = 4 * time.Second
	ErrorTTL   = 10 * time.Second
)

// StatusMsg asks the root model to show a message in the status bar.
type StatusMsg struct {
	Level Level         // how urgent
	Text  string        // what to say, on one line
	TTL   time.Duration // 0 means DefaultTTL (ErrorTTL for errors)
	Op    string        // the operation that failed, for the error log; "" when Text says it
}

// ClearStatusMsg removes the status message it was scheduled for, unless a
// newer message replaced it.
type ClearStatusMsg struct {
	ID int // the message it was scheduled for
}

// Report returns a command that shows text at level in the status bar.
func Report(level Level, text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Level: level, Text: text} }
}

// StatusBar is the bottom line: where the console is connected, as whom,
// what is running, and the latest message.
type StatusBar struct {
	Endpoint string // host[:port], without scheme
	Secure   bool   // HTTPS; plain HTTP is shown as a warning badge
	Region   string // default region of the session
	Account  string // AWS account id
	User     string // user or role name; "" while unknown
	Root     bool   // the identity is the account's root user
	Demo     bool   // the console runs on the embedded sandbox
	ReadOnly bool   // --read-only: no changes are ever sent
	InFlight int    // AWS calls in flight

	LastError string           // the latest error's text (it expires from the bar like any message)
	Errors    ErrorLog         // the last few errors, with time and operation, for the "!" overlay
	Now       func() time.Time // the clock of the error log; time.Now when nil

	msg   StatusMsg
	msgID int
}

// Show displays a message and returns the command that clears it after
// its time to live. Errors are also remembered in the error log.
func (s *StatusBar) Show(m StatusMsg) tea.Cmd {
	if m.TTL == 0 {
		m.TTL = DefaultTTL
		if m.Level == LevelError {
			m.TTL = ErrorTTL
		}
	}
	s.msgID++
	s.msg = m
	if m.Level == LevelError {
		s.LastError = m.Text
		now := time.Now
		if s.Now != nil {
			now = s.Now
		}
		s.Errors.Add(now(), m.Op, m.Text)
	}
	id := s.msgID
	return tea.Tick(m.TTL, func(time.Time) tea.Msg { return ClearStatusMsg{ID: id} })
}

// Clear removes the message the tick was scheduled for.
func (s *StatusBar) Clear(c ClearStatusMsg) {
	if c.ID == s.msgID {
		s.msg = StatusMsg{}
	}
}

// Message returns the message shown now, if any.
func (s StatusBar) Message() (StatusMsg, bool) { return s.msg, s.msg.Text != "" }

// View renders the bar in exactly width cells. Badges (scheme, root, demo,
// read-only) are never truncated; the endpoint, identity and message give
// way first.
func (s StatusBar) View(st *Styles, width int) string {
	seg := st.Status.Segment
	left := s.fixedPart(st, width)
	rest := width - ansi.StringWidth(left)
	if rest <= 2 {
		return Fit(left, width)
	}
	line := left
	if text, msgStyle := s.messageText(st); text != "" && rest >= minMessageRoom {
		line += msgStyle.Render("│ " + ansi.Truncate(text, rest-3, "…"))
	}
	if pad := width - ansi.StringWidth(line); pad > 0 {
		line += seg.Render(strings.Repeat(" ", pad))
	}
	return line
}

// minMessageRoom is the width below which a message no longer fits beside
// the bar's fixed segments; it then takes the footer line (MessageLine).
const minMessageRoom = 24

// MessageLine returns the current message as a line of
// its own when the bar leaves it less than minMessageRoom cells, as on an
// 80-column terminal; ok is false when the bar shows it itself or there is
// nothing to show.
func (s StatusBar) MessageLine(st *Styles, width int) (string, bool) {
	text, msgStyle := s.messageText(st)
	if text == "" || width-ansi.StringWidth(s.fixedPart(st, width)) >= minMessageRoom {
		return "", false
	}
	return Fit(msgStyle.Render(ansi.Truncate(" "+text, width, "…")), width), true
}

// messageText is the text to show after the fixed segments and its style:
// the live message. An error expires like any other message (a stale
// error beside later successes misleads); "!" shows the recent ones.
func (s StatusBar) messageText(st *Styles) (string, lipgloss.Style) {
	if m, ok := s.Message(); ok {
		switch m.Level {
		case LevelInfo:
			return m.Text, st.Status.Info
		case LevelSuccess:
			return m.Text, st.Status.Success
		case LevelWarn:
			return m.Text, st.Status.Warning
		default:
			return m.Text, st.Status.Error
		}
	}
	return "", st.Status.Error
}

// fixedPart renders the segments that are always there: scheme, endpoint,
// region, identity, badges and calls in flight.
func (s StatusBar) fixedPart(st *Styles, width int) string {
	seg := st.Status.Segment
	scheme := st.Status.Insecure.Render(" HTTP ")
	if s.Secure {
		scheme = st.Status.Secure.Render(" HTTPS ")
	}
	var badges []string
	if s.Root {
		badges = append(badges, st.Status.Root.Render(" ROOT "))
	}
	if s.Demo {
		badges = append(badges, st.Status.Badge.Render(" DEMO "))
	}
	if s.ReadOnly {
		badges = append(badges, st.Status.Badge.Render(" READ-ONLY "))
	}
	who := s.Account
	if s.User != "" {
		who = strings.TrimSpace(who + " " + s.User)
	}
	if who == "" {
		who = "identity…"
	}
	calls := fmt.Sprintf("calls %d", s.InFlight)

	fixed := ansi.StringWidth(scheme) + len(calls) + 3
	for _, b := range badges {
		fixed += ansi.StringWidth(b) + 1
	}
	region := s.Region
	if region == "" {
		region = "no region"
	}
	endpoint, ident := s.Endpoint, who
	room := width - fixed
	mid := func() int {
		n := 0
		if endpoint != "" {
			n += ansi.StringWidth(endpoint) + 2
		}
		if region != "" {
			n += ansi.StringWidth(region) + 3
		}
		return n + ansi.StringWidth(ident) + 3
	}
	shrink := func(v string, to int) string {
		if over := mid() - room; over > 0 {
			return ansi.Truncate(v, max(to, ansi.StringWidth(v)-over), "…")
		}
		return v
	}
	// Give way in this order: shorten the endpoint, then the identity, drop
	// the region, drop the endpoint, and last cut the identity to what fits.
	endpoint = shrink(endpoint, 10)
	ident = shrink(ident, 8)
	if mid() > room {
		region = ""
	}
	if mid() > room {
		endpoint = ""
	}
	ident = shrink(ident, 1)
	parts := []string{scheme}
	if endpoint != "" {
		parts = append(parts, seg.Render(" "+endpoint+" "))
	}
	if region != "" {
		parts = append(parts, seg.Render("│ "+region+" "))
	}
	parts = append(parts, seg.Render("│ "+ident+" "))
	left := strings.Join(parts, "")
	for _, b := range badges {
		left += b + seg.Render(" ")
	}
	left += seg.Render("│ " + calls + " ")
	return left
}
