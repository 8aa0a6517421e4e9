// Package logviewer is the console's server access log viewer: it reads a
// bucket's newest delivered log records in a command (cancellable), and
// shows a summary and a scrollable table of them. It knows the ui toolkit
// and awsops, not the screens that host it (views opens it from the
// Logging pane as a flow), so it cannot create an import cycle.
package logviewer

import (
	"context"
	"errors"
	"sync/atomic"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// Reader reads a bucket's access logs; *awsops.Session is one.
type Reader interface {
	AccessLogs(ctx context.Context, bucket string, q awsops.LogQuery) (awsops.LogResult, error)
}

// Query bounds what the viewer reads: enough for a useful picture, small
// enough to arrive in seconds.
var Query = awsops.LogQuery{MaxObjects: 50, MaxBytes: 16 << 20, MaxRecords: 5000}

// summaryTop is how many entries each summary line names.
const summaryTop = 5

// lastGen numbers every read of every viewer, so an answer that arrives
// after its viewer was closed or reloaded is recognised and dropped.
var lastGen atomic.Int64

// LoadedMsg is the answer of one read.
type LoadedMsg struct {
	gen int64
	res awsops.LogResult
	err error
}

// ProgressMsg is how far a read has come.
type ProgressMsg struct {
	gen int64
	p   awsops.LogProgress
}

// Runner turns a read into a command: work reads, passing progress
// reports (ProgressMsg) to report, and returns the answer (LoadedMsg).
// The host's runner may stream the reports; nil runs work as one command
// and drops them.
type Runner func(work func(report func(tea.Msg)) tea.Msg) tea.Cmd

// Model is the viewer of one bucket's logs.
type Model struct {
	bucket   string
	run      Runner
	progress awsops.LogProgress // of the read in flight
	gen      int64
	loading  bool
	canceled bool
	err      error
	res      *awsops.LogResult
	sum      awsops.LogSummary
	shown    []int  // indices of the records that pass the filter
	filter   string // the typed filter; "" shows every record
	typing   bool   // the filter has the keys
	widest   []int  // the widest cell of each column over the records shown
	cursor   int    // index into shown
	offset   int
	cancel   context.CancelFunc
}

// New returns the viewer of bucket's logs, reading through run (nil: a
// plain command); Load starts reading.
func New(bucket string, run Runner) *Model {
	if run == nil {
		run = func(work func(func(tea.Msg)) tea.Msg) tea.Cmd {
			return func() tea.Msg { return work(func(tea.Msg) {}) }
		}
	}
	return &Model{bucket: bucket, run: run}
}

// Bucket is the bucket whose logs are shown.
func (m *Model) Bucket() string { return m.bucket }

// Load (re)reads the logs in a command; a read in flight is canceled.
func (m *Model) Load(r Reader) tea.Cmd {
	m.stop()
	m.gen = lastGen.Add(1)
	m.loading, m.canceled, m.err = true, false, nil
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.progress = awsops.LogProgress{}
	gen, bucket, q := m.gen, m.bucket, Query
	return m.run(func(report func(tea.Msg)) tea.Msg {
		q.Progress = func(p awsops.LogProgress) { report(ProgressMsg{gen: gen, p: p}) }
		res, err := r.AccessLogs(ctx, bucket, q)
		return LoadedMsg{gen: gen, res: res, err: err}
	})
}

// Progress takes a progress report; it reports whether the report is of
// the read in flight (a host that streams keeps listening only then).
func (m *Model) Progress(msg ProgressMsg) bool {
	if msg.gen != m.gen || !m.loading {
		return false
	}
	m.progress = msg.p
	return true
}

// stop cancels the read in flight.
func (m *Model) stop() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.loading = false
}

// Cancel stops the read in flight (esc); its answer, should it still
// come, is dropped. It reports whether there was one.
func (m *Model) Cancel() bool {
	if !m.loading {
		return false
	}
	m.stop()
	m.gen = lastGen.Add(1)
	m.canceled = true
	return true
}

// Close cancels whatever runs; the host calls it when the viewer closes.
func (m *Model) Close() { m.stop() }

// Busy reports whether a read is in flight.
func (m *Model) Busy() bool { return m.loading }

// Update takes the answer of a read, or a key (scrolling over rows of
// the given height, r to read again). It reports whether the message was
// the viewer's.
func (m *Model) Update(msg tea.Msg, r Reader, k ui.KeyMap, rows int) (bool, tea.Cmd) {
	switch msg := msg.(type) {
	case LoadedMsg:
		if msg.gen != m.gen {
			return true, nil // an old read's: dropped
		}
		m.stop()
		m.err = msg.err
		if msg.err == nil {
			res := msg.res
			m.res = &res
			m.sum = awsops.SummariseLogs(res.Records, summaryTop)
			m.cursor = 0
			m.refilter()
		}
		return true, nil
	case tea.KeyPressMsg:
		if m.typing {
			m.typeFilter(msg)
			return true, nil
		}
		return m.key(msg, r, k, rows)
	}
	return false, nil
}

// key handles the viewer's keys.
func (m *Model) key(msg tea.KeyPressMsg, r Reader, k ui.KeyMap, rows int) (bool, tea.Cmd) {
	n := m.count()
	move := func(to int) {
		m.cursor = max(0, min(to, n-1))
		m.offset = ui.Window(n, m.cursor, m.offset, max(1, rows))
	}
	switch {
	case key.Matches(msg, k.Refresh):
		return true, m.Load(r)
	case key.Matches(msg, k.Filter) && m.res != nil && !m.loading:
		m.typing = true
	case key.Matches(msg, k.Up):
		move(m.cursor - 1)
	case key.Matches(msg, k.Down):
		move(m.cursor + 1)
	case key.Matches(msg, k.PageUp):
		move(m.cursor - max(1, rows-1))
	case key.Matches(msg, k.PageDown):
		move(m.cursor + max(1, rows-1))
	case key.Matches(msg, k.Top):
		move(0)
	case key.Matches(msg, k.Bottom):
		move(n - 1)
	default:
		return false, nil
	}
	return true, nil
}

// count is the number of records shown.
func (m *Model) count() int { return len(m.shown) }

// record is the i-th record shown.
func (m *Model) record(i int) awsops.LogRecord { return m.res.Records[m.shown[i]] }

// Help lists the viewer's keys.
func (m *Model) Help(k ui.KeyMap) []key.Binding {
	switch {
	case m.loading:
		return []key.Binding{cancelKey}
	case m.typing:
		return []key.Binding{applyFilterKey, clearFilterKey}
	}
	back := k.Back
	if m.filter != "" {
		back = clearFilterKey
	}
	// Most used first: a narrow footer cuts the tail, the full help (?) lists all.
	return []key.Binding{k.Move, k.Filter, k.Refresh, back, k.PageDown, k.PageUp, k.Top, k.Bottom}
}

// Keys whose meaning here is narrower than the keymap's: esc cancels a
// read or clears the filter, enter applies the filter typed.
var (
	cancelKey      = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	clearFilterKey = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter"))
	applyFilterKey = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply filter"))
)

// loggingOff reports whether the read found logging off.
func (m *Model) loggingOff() bool { return errors.Is(m.err, awsops.ErrLoggingOff) }
