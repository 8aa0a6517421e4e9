// Package corstester is the console's CORS preflight tester: a form for
// an origin, a method and request headers, then a real preflight sent to
// the bucket's endpoint, shown beside s3sec's own evaluation of the rules.
// It is its own package because its interface to the console is narrow:
// a Prober, the styles, and a flow-like Model the views package wraps.
package corstester

import (
	"context"
	"strings"
	"sync/atomic"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// Prober sends a preflight and compares the answer with the local
// evaluation; *awsops.Session implements it.
type Prober interface {
	CheckPreflight(ctx context.Context, bucket, region, key string, req awsops.CORSRequest) (awsops.PreflightCheck, error)
}

// stage is where the tester is.
type stage int

const (
	editing stage = iota // the form is shown
	sending              // the preflight is in flight
	showing              // the result is shown
)

// resultMsg is the answer of one preflight of tester id.
type resultMsg struct {
	id    int64
	check awsops.PreflightCheck
	err   error
}

// ids number testers, so that a closed tester's late answer is never taken
// for the next one's.
var ids atomic.Int64

// answers are the form's fields, kept across runs so "test again" starts
// from the last request.
type answers struct {
	origin, method, headers string
}

// Model is one tester on one bucket.
type Model struct {
	id             int64
	prober         Prober
	st             *ui.Styles
	bucket, region string

	stage   stage
	ans     *answers
	form    *huh.Form
	problem string // why the last run failed, above the form
	width   int
	cancel  context.CancelFunc

	check  awsops.PreflightCheck
	offset int // scroll offset of the result
}

// New opens the tester's form on bucket (in region). origin pre-fills the
// form, "" for none: the console passes the first concrete origin of the
// rules, the one a user most likely wants to try.
func New(p Prober, st *ui.Styles, bucket, region, origin string, width int) (*Model, tea.Cmd) {
	m := &Model{id: ids.Add(1), prober: p, st: st, bucket: bucket, region: region, width: width,
		ans: &answers{origin: origin, method: "GET"}}
	return m, m.openForm("")
}

// Title names the tester and its step for the breadcrumb.
func (m *Model) Title() string {
	switch m.stage {
	case sending:
		return "CORS test: sending"
	case showing:
		return "CORS test: result"
	}
	step := "origin"
	if f := m.form.GetFocusedField(); f != nil && f.GetKey() != "" {
		step = f.GetKey()
	}
	return "CORS test: " + step
}

// Typing reports whether the form has the keys.
func (m *Model) Typing() bool { return m.stage == editing }

// Busy reports whether the preflight is in flight.
func (m *Model) Busy() bool { return m.stage == sending }

// Close cancels the preflight in flight, if any.
func (m *Model) Close() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
}

// Keys of the result screen.
var (
	againKey = key.NewBinding(key.WithKeys("t", "enter"), key.WithHelp("t/enter", "test again"))
	escClose = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))
	escBack  = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
)

// Help lists the keys of the current step.
func (m *Model) Help(k ui.KeyMap) []key.Binding {
	switch m.stage {
	case sending:
		return []key.Binding{escBack}
	case showing:
		return []key.Binding{againKey, k.Move, escClose}
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		escBack,
	}
}

// Back handles esc: it cancels the preflight in flight (back to the form,
// answers kept), and otherwise closes the tester (done).
func (m *Model) Back() (done bool, cmd tea.Cmd) {
	if m.stage == sending {
		m.Close()
		return false, m.openForm("Preflight canceled: nothing was sent, or its answer was dropped.")
	}
	m.Close()
	return true, nil
}

// Update handles one message; done reports that the tester is over.
func (m *Model) Update(msg tea.Msg, k ui.KeyMap) (done bool, cmd tea.Cmd) {
	if r, ok := msg.(resultMsg); ok {
		if r.id != m.id || m.stage != sending {
			return false, nil
		}
		m.Close()
		if r.err != nil {
			return false, m.openForm("No answer from the endpoint: " + r.err.Error())
		}
		m.stage, m.check, m.offset = showing, r.check, 0
		return false, nil
	}
	switch m.stage {
	case editing:
		f, cmd := m.form.Update(msg)
		if form, ok := f.(*huh.Form); ok {
			m.form = form
		}
		if m.form.State != huh.StateCompleted {
			return false, cmd
		}
		return false, m.send()
	case showing:
		if kp, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(kp, againKey):
				return false, m.openForm("")
			case key.Matches(kp, k.Up):
				m.offset = max(0, m.offset-1)
			case key.Matches(kp, k.Down):
				m.offset++ // clamped when drawn
			}
		}
	}
	return false, nil
}

// send starts the preflight in a command that esc can cancel.
func (m *Model) send() tea.Cmd {
	m.stage = sending
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	p, id, bucket, region, req := m.prober, m.id, m.bucket, m.region, m.ans.request()
	return func() tea.Msg {
		c, err := p.CheckPreflight(ctx, bucket, region, "", req)
		return resultMsg{id: id, check: c, err: err}
	}
}

// request is the preflight the answers describe.
func (a answers) request() awsops.CORSRequest {
	return awsops.CORSRequest{Origin: strings.TrimSpace(a.origin), Method: a.method, Headers: splitHeaders(a.headers), Preflight: true}
}

// splitHeaders splits the typed header names at commas and spaces.
func splitHeaders(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}
