package logviewer

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
)

// The filter narrows the table to the records whose operation, HTTP
// status, error code, requester (in full or as shown) or key contains the
// typed text, case-insensitively: "403", "put.object", "anonymous",
// "user/alice", "AccessDenied". The summary keeps counting every record.

// matches reports whether record r passes filter f (lower case).
func matches(r awsops.LogRecord, f string) bool {
	if f == "" {
		return true
	}
	for _, s := range []string{r.Operation, strconv.Itoa(r.HTTPStatus), r.ErrorCode, awsops.RequesterName(r),
		shortRequester(awsops.RequesterName(r), r.BucketOwner), r.Key} {
		if strings.Contains(strings.ToLower(s), f) {
			return true
		}
	}
	return f == "http" && r.PlainHTTP()
}

// refilter recomputes the shown records and keeps the cursor in range.
func (m *Model) refilter() {
	m.shown = m.shown[:0]
	if m.res == nil {
		return
	}
	f := strings.ToLower(m.filter)
	for i, r := range m.res.Records {
		if matches(r, f) {
			m.shown = append(m.shown, i)
		}
	}
	m.cursor = max(0, min(m.cursor, len(m.shown)-1))
	m.offset = 0
	m.measure()
}

// typeFilter edits the filter while it has the keys: text appends,
// backspace deletes, enter keeps the filter and gives the keys back.
func (m *Model) typeFilter(msg tea.KeyPressMsg) {
	switch msg.String() {
	case "enter":
		m.typing = false
		return
	case "backspace":
		if r := []rune(m.filter); len(r) > 0 {
			m.filter = string(r[:len(r)-1])
		}
	default:
		if msg.Text == "" {
			return
		}
		m.filter += msg.Text
	}
	m.refilter()
}

// Typing reports whether the filter has the keys.
func (m *Model) Typing() bool { return m.typing }

// Escape undoes one thing, as esc does everywhere: the filter being
// typed, a read in flight, the filter applied. It reports whether there was
// anything; false means the viewer may close.
func (m *Model) Escape() bool {
	switch {
	case m.typing:
		m.typing, m.filter = false, ""
		m.refilter()
		return true
	case m.Cancel():
		return true
	case m.filter != "":
		m.filter = ""
		m.refilter()
		return true
	}
	return false
}
