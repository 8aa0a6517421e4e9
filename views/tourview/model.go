// Package tourview is the screen of `s3sec demo --tour`: one step of
// views/tour at a time, the step's observed effect beside (or, on a narrow
// terminal, above) a panel explaining it. Steps and resets run as tea.Cmds
// with a context, a spinner and esc to cancel.
package tourview

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
	"github.com/s3sec/s3sec/views"
	"github.com/s3sec/s3sec/views/tour"
)

// result is what one step did the last time it ran.
type result struct {
	done bool
	out  tour.Outcome
	err  error
}

// Model is the tour screen.
type Model struct {
	ctx   context.Context // the program's; every step runs under a child of it
	env   *tour.Env
	steps []tour.Step
	idx   int
	// offset is the first body line shown when the body scrolls (narrow
	// terminals); it starts at 0 on every step.
	offset int
	res    []result

	busy         string // "" when idle, else what runs: "step", "reset"
	runID        int    // tells a cancelled run's late answer from the current one
	cancel       context.CancelFunc
	confirmReset bool
	status       string
	statusBad    bool

	app     *views.App // the real console while it is shown (console.go), else nil
	console consoleConfig

	st   *ui.Styles
	spin ui.Spinner
	w, h int
}

// New returns the tour at its first step. ctx is the program's context.
func New(ctx context.Context, env *tour.Env) *Model {
	st := ui.NewStyles(true)
	steps := tour.Steps()
	return &Model{ctx: ctx, env: env, steps: steps, res: make([]result, len(steps)), st: st, spin: ui.NewSpinner(st)}
}

type stepDoneMsg struct {
	runID, idx int
	out        tour.Outcome
	err        error
}

type resetDoneMsg struct {
	runID int
	err   error
}

// Init asks for the background colour, to pick the theme.
func (m *Model) Init() tea.Cmd { return tea.RequestBackgroundColor }

// Update handles keys and the answers of running steps.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.app != nil {
		return m, m.consoleUpdate(msg)
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		m.st = ui.NewStyles(msg.IsDark())
		m.spin.SetStyles(m.st)
	case stepDoneMsg:
		if msg.runID != m.runID {
			return m, nil
		}
		m.finish()
		m.res[msg.idx] = result{done: true, out: msg.out, err: msg.err}
		m.status, m.statusBad = "", false
		if errors.Is(msg.err, context.Canceled) {
			m.res[msg.idx] = result{}
			m.status = "Cancelled: the step may have done part of its work; r resets the demo data."
		}
	case resetDoneMsg:
		if msg.runID != m.runID {
			return m, nil
		}
		m.finish()
		if msg.err != nil {
			m.status, m.statusBad = "Reset failed: "+msg.err.Error(), true
			return m, nil
		}
		m.idx, m.offset, m.res = 0, 0, make([]result, len(m.steps))
		m.status, m.statusBad = "Demo data reset: the sandbox is as it started. The tour starts again.", false
	case tea.KeyPressMsg:
		return m, m.key(msg.String())
	default:
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	return m, nil
}

// key acts on one key press; only the keys the footer shows act.
func (m *Model) key(k string) tea.Cmd {
	if k == "ctrl+c" {
		m.stop()
		return tea.Quit
	}
	if m.busy != "" {
		if k == "esc" {
			m.stop()
			m.busy = ""
			m.spin.Stop()
			m.status = "Cancelled: the step may have done part of its work; n runs it again, r resets the demo data."
		}
		return nil
	}
	if m.confirmReset {
		m.confirmReset = false
		if k == "y" {
			return m.start("reset", func(ctx context.Context, id int) tea.Msg {
				return resetDoneMsg{runID: id, err: m.env.Reset()}
			})
		}
		m.status = "Reset cancelled."
		return nil
	}
	switch k {
	case "q":
		return tea.Quit
	case "n":
		r := m.res[m.idx]
		if r.done && r.err == nil {
			if m.idx == len(m.steps)-1 {
				m.status = "That was the last step: r resets the demo data to rehearse again, q quits."
				return nil
			}
			m.idx++
			m.offset, m.status = 0, ""
			return nil
		}
		idx, step, env := m.idx, m.steps[m.idx], m.env
		return m.start("step", func(ctx context.Context, id int) tea.Msg {
			out, err := step.Run(ctx, env)
			return stepDoneMsg{runID: id, idx: idx, out: out, err: err}
		})
	case "b":
		if m.idx > 0 {
			m.idx--
			m.offset, m.status = 0, ""
		}
	case "up", "k":
		m.offset = max(m.offset-1, 0)
	case "down", "j":
		if m.scrolls() {
			m.offset++
		}
	case "r":
		m.confirmReset = true
	case "c":
		if m.res[m.idx].done && m.steps[m.idx].Bucket != "" {
			return m.openConsole()
		}
	}
	return nil
}

// start runs fn as a command under a cancellable child of the program's
// context, with the spinner going.
func (m *Model) start(what string, fn func(ctx context.Context, id int) tea.Msg) tea.Cmd {
	ctx, cancel := context.WithCancel(m.ctx)
	m.runID++
	m.busy, m.cancel, m.status, m.statusBad = what, cancel, "", false
	id := m.runID
	return tea.Batch(m.spin.Start(), func() tea.Msg {
		defer cancel()
		return fn(ctx, id)
	})
}

// finish ends the current run.
func (m *Model) finish() {
	m.busy = ""
	m.spin.Stop()
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
}

// stop cancels the running command, if any; its answer is then ignored.
func (m *Model) stop() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.runID++
}
