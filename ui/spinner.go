package ui

import (
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// Spinner is the console's one loading spinner. It ticks only while
// something loads, so an idle console does not redraw ten times a second.
type Spinner struct {
	model   spinner.Model
	running bool
}

// NewSpinner returns a stopped spinner in the theme's style.
func NewSpinner(st *Styles) Spinner {
	return Spinner{model: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(st.Spinner))}
}

// SetStyles restyles the spinner after a theme change.
func (s *Spinner) SetStyles(st *Styles) { s.model.Style = st.Spinner }

// Start starts ticking; it returns nil when the spinner already runs.
func (s *Spinner) Start() tea.Cmd {
	if s.running {
		return nil
	}
	s.running = true
	return s.model.Tick
}

// Stop stops ticking at the next tick.
func (s *Spinner) Stop() { s.running = false }

// Running reports whether the spinner ticks.
func (s Spinner) Running() bool { return s.running }

// Update advances the spinner on its own ticks and ends the tick loop once
// stopped.
func (s Spinner) Update(msg tea.Msg) (Spinner, tea.Cmd) {
	t, ok := msg.(spinner.TickMsg)
	if !ok || t.ID != s.model.ID() || !s.running {
		return s, nil
	}
	var cmd tea.Cmd
	s.model, cmd = s.model.Update(msg)
	return s, cmd
}

// View renders the current frame.
func (s Spinner) View() string { return s.model.View() }
