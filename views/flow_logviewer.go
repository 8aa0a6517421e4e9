package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/ui"
	"github.com/s3sec/s3sec/views/logviewer"
)

// logViewerFlow hosts the access log viewer (views/logviewer) over the
// Logging pane: it reads in a command that streams its progress, esc
// cancels a read in flight and then leaves.
type logViewerFlow struct {
	m    *logviewer.Model
	be   Backend
	keys ui.KeyMap
	rows func() int // table rows that fit in the pane area
}

// startLogViewer opens the viewer of d's bucket and starts reading.
func startLogViewer(d *Detail) tea.Cmd {
	f := &logViewerFlow{m: logviewer.New(d.bucket, stream), be: d.be, keys: d.c.keys,
		rows: func() int { return logviewer.Rows(d.bodyHeight()) }}
	d.setFlow(f)
	return f.m.Load(d.be)
}

// update implements flow; progress arrives streamed (stream.go), and
// the stream is followed while it is the read in flight's.
func (f *logViewerFlow) update(msg tea.Msg) (flow, tea.Cmd) {
	if s, ok := msg.(streamMsg); ok {
		if p, ok := s.report.(logviewer.ProgressMsg); ok && f.m.Progress(p) {
			return f, s.next
		}
		return f, nil
	}
	_, cmd := f.m.Update(msg, f.be, f.keys, f.rows())
	return f, cmd
}

// back implements flow: esc clears the filter or cancels a read, else
// closes the viewer.
func (f *logViewerFlow) back() (flow, tea.Cmd) {
	reading := f.m.Busy()
	if !f.m.Escape() {
		return nil, nil
	}
	if reading {
		return f, ui.Report(ui.LevelWarn, "Reading the access logs canceled; press r to read again")
	}
	return f, nil
}

// view implements flow.
func (f *logViewerFlow) view(e paneEnv) []string {
	return f.m.Lines(logviewer.Env{St: e.st, Spin: e.spin, Width: e.width, Height: e.height, Hint: hintOf})
}

// help implements flow.
func (f *logViewerFlow) help(k ui.KeyMap) []key.Binding { return f.m.Help(k) }

// typing implements flow: while the filter is typed, q and ? are text.
func (f *logViewerFlow) typing() bool { return f.m.Typing() }

// busy implements flow.
func (f *logViewerFlow) busy() bool { return f.m.Busy() }

// close implements flow.
func (f *logViewerFlow) close() { f.m.Close() }

// flowTitle implements titledFlow.
func (f *logViewerFlow) flowTitle() string { return "Access log" }
