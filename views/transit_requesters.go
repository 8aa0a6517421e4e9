package views

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
)

// plainHTTPRequester is one requester seen using plain HTTP on the bucket.
type plainHTTPRequester struct {
	Requester string // the requester's ARN, or "anonymous"
	Requests  int    // how many plain-HTTP requests it made in the records read
}

// errNoAccessLogs says that no access-log records of the bucket could be
// read: logging is off, or nothing reads its records yet.
var errNoAccessLogs = errors.New("no access logs available")

// plainHTTPRequesters is the hook behind "Who would break" in the Require
// TLS form: who used plain HTTP on the bucket in its newest server access
// log records, most requests first. It runs in a command with the form's
// context. It reads the bucket's access logs (transit_requesters_logs.go);
// when there are none to read it says so instead of guessing.
var plainHTTPRequesters = readPlainHTTPRequesters

// requestersMsg is the answer of plainHTTPRequesters for flow id.
type requestersMsg struct {
	id   int
	list []plainHTTPRequester
	err  error
}

// loadRequesters asks the hook in a command.
func loadRequesters(ctx context.Context, be Backend, s awsops.BucketState, id int) tea.Cmd {
	return func() tea.Msg {
		list, err := plainHTTPRequesters(ctx, be, s)
		return requestersMsg{id: id, list: list, err: err}
	}
}

// maxRequesterLines is how many requesters the form lists (80x24).
const maxRequesterLines = 3

// whoWouldBreak renders the answer of the hook for the form.
func whoWouldBreak(e paneEnv, loading bool, list []plainHTTPRequester, err error) []string {
	const label = "Who would break: "
	switch {
	case loading:
		return []string{e.spin + " " + e.st.Muted.Render(label+"reading the access logs…")}
	case errors.Is(err, errNoAccessLogs):
		return []string{e.st.Muted.Render(label + "no access logs available")}
	case err != nil:
		return wrapStyled(e.st.Warn, label+"the access logs could not be read: "+termsafe.String(errorOf(err).Error()), e.width)
	case len(list) == 0:
		return wrapStyled(e.st.Good, label+"nobody used plain HTTP in the newest access-log records", e.width)
	}
	out := wrapStyled(e.st.Warn, fmt.Sprintf(label+"%d requester(s) used plain HTTP in the newest access-log records:", len(list)), e.width)
	for i, r := range list {
		if i == maxRequesterLines {
			out = append(out, e.st.Muted.Render(fmt.Sprintf("  … and %d more", len(list)-i)))
			break
		}
		out = append(out, e.st.Text.Render(fmt.Sprintf("  %s (%d)", termsafe.String(r.Requester), r.Requests)))
	}
	return out
}
