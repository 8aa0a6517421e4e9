package logviewer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/s3accesslog"
	"github.com/s3sec/s3sec/ui"
)

// These tests drive the model directly with a fixed LogResult; the
// viewer against logs the sandbox really delivered is in
// views/logviewer_sandbox_test.go.

const owner = "4f33f0f717e0cf38e6118b619829788f64e3916cb882852e5748a93841eb8e85"

// cannedReader answers every read with res (or err), counting reads.
type cannedReader struct {
	res   awsops.LogResult
	err   error
	reads int
}

func (c *cannedReader) AccessLogs(ctx context.Context, bucket string, q awsops.LogQuery) (awsops.LogResult, error) {
	c.reads++
	if q.Progress != nil {
		q.Progress(awsops.LogProgress{Listed: 120, Found: 3})
		q.Progress(awsops.LogProgress{Found: 3, Read: 2, ToRead: 3, Bytes: 3 << 10})
	}
	return c.res, c.err
}

// records are n records, newest first, every third over plain HTTP and
// anonymous, every fourth a 403.
func records(n int) []awsops.LogRecord {
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	var out []awsops.LogRecord
	for i := n - 1; i >= 0; i-- {
		r := s3accesslog.Record{BucketOwner: owner, Bucket: "b", Time: t0.Add(time.Duration(i) * time.Second),
			Requester: "arn:aws:iam::111122223333:user/alice", Operation: "REST.GET.OBJECT", Key: fmt.Sprintf("dir/key-%02d.txt", i),
			RequestURI: fmt.Sprintf("GET /b/dir/key-%02d.txt HTTP/1.1", i), HTTPStatus: 200, TLSVersion: "TLSv1.3",
			CipherSuite: "TLS_AES_128_GCM_SHA256", BytesSent: 10, Fields: 27}
		if i%3 == 0 {
			r.Requester, r.TLSVersion, r.CipherSuite = "", "", ""
		}
		if i%4 == 0 {
			r.HTTPStatus, r.ErrorCode = 403, "AccessDenied"
		}
		out = append(out, r)
	}
	return out
}

// loaded returns a model that has read res, and the reader.
func loaded(t *testing.T, res awsops.LogResult) (*Model, *cannedReader) {
	t.Helper()
	r := &cannedReader{res: res}
	m := New("b", nil)
	msg := m.Load(r)()
	if handled, _ := m.Update(msg, r, ui.NewKeyMap(false), 10); !handled || m.Busy() {
		t.Fatalf("answer not taken: handled %v, busy %v", handled, m.Busy())
	}
	return m, r
}

func render(m *Model, w, h int) string {
	return ansi.Strip(strings.Join(m.Lines(Env{St: ui.NewStyles(true), Spin: "*", Width: w, Height: h}), "\n"))
}

func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	return tea.KeyPressMsg{Code: rune(s[0]), Text: s}
}

func TestViewerFitsAndSummarises(t *testing.T) {
	target := awsops.AccessLogTarget{SourceBucket: "b", TargetBucket: "logs", TargetPrefix: "b/", KeyFormat: awsops.LogKeySimple}
	m, _ := loaded(t, awsops.LogResult{Target: target, Records: records(30), Objects: []string{"b/1", "b/2"}})
	for _, size := range [][2]int{{80, 19}, {60, 19}, {120, 30}} {
		out := render(m, size[0], size[1])
		lines := strings.Split(out, "\n")
		if len(lines) > size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > size[0] {
				t.Errorf("%dx%d: line of %d cells: %q", size[0], size[1], ansi.StringWidth(l), l)
			}
		}
	}
	out := render(m, 80, 19)
	for _, want := range []string{
		"Access log of b → s3://logs/b/",
		"30 records from 2 log objects · 4xx 8 · 5xx 0 · anonymous 10 · plain HTTP 10",
		"Requesters user/alice 20 · anonymous 10",
		"Plain HTTP anonymous 10",
		"05-01 12:00:29 200  GET.OBJECT dir/key-29.txt", // newest first
		"1–12 of 30 · 1 arn:aws:iam::111122223333:user/alice · GET /b/dir/key-29.txt",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "BYTES") || !strings.Contains(render(m, 120, 30), "BYTES") {
		t.Error("BYTES is for wide terminals only")
	}
}

func TestViewerScrollsAndFilters(t *testing.T) {
	m, r := loaded(t, awsops.LogResult{Records: records(30), Objects: []string{"o"}})
	k := ui.NewKeyMap(false)
	rows := Rows(19)
	for range 15 {
		m.Update(keyMsg("down"), r, k, rows)
	}
	if out := render(m, 80, 19); !strings.Contains(out, "5–16 of 30 · 16 ") {
		t.Errorf("after 15 downs:\n%s", out)
	}
	for _, s := range []string{"/", "4", "0", "3", "x", "backspace"} {
		m.Update(keyMsg(s), r, k, rows)
	}
	if !m.Typing() || m.count() != 8 {
		t.Fatalf("filter %q: typing %v, %d shown", m.filter, m.Typing(), m.count())
	}
	m.Update(keyMsg("q"), r, k, rows) // typed, not a command
	m.Update(keyMsg("backspace"), r, k, rows)
	m.Update(keyMsg("enter"), r, k, rows)
	out := render(m, 80, 19)
	if m.Typing() || !strings.Contains(out, "Filter /403  8 of 30 records") || strings.Contains(out, " 200 ") {
		t.Errorf("filter 403 applied:\n%s", out)
	}
	if !m.Escape() || m.count() != 30 || m.Escape() {
		t.Errorf("esc clears the filter first, then has nothing to undo: %d shown", m.count())
	}
	for _, s := range []string{"/", "a", "n", "o", "n"} {
		m.Update(keyMsg(s), r, k, rows)
	}
	if m.count() != 10 {
		t.Errorf("filter anon: %d shown, want the 10 anonymous records", m.count())
	}
}

func TestViewerDropsACanceledRead(t *testing.T) {
	r := &cannedReader{res: awsops.LogResult{Records: records(3)}}
	m := New("b", nil)
	k := ui.NewKeyMap(false)
	stale := m.Load(r)
	if !m.Busy() || !strings.Contains(render(m, 80, 19), "* reading the newest log objects… (esc cancels)") {
		t.Fatalf("no spinner while reading:\n%s", render(m, 80, 19))
	}
	if !m.Escape() || m.Busy() {
		t.Fatal("esc did not cancel the read")
	}
	m.Update(stale(), r, k, 10)
	if m.res != nil || !strings.Contains(render(m, 80, 19), "Reading canceled.") {
		t.Fatalf("a canceled read's answer was shown:\n%s", render(m, 80, 19))
	}
	fresh := m.Load(r)
	m.Update(fresh(), r, k, 10)
	if m.count() != 3 {
		t.Fatalf("%d records after reading again", m.count())
	}
}

func TestViewerSaysWhyThereIsNothing(t *testing.T) {
	target := awsops.AccessLogTarget{SourceBucket: "b", TargetBucket: "logs", TargetPrefix: "b/"}
	cases := []struct {
		res  awsops.LogResult
		err  error
		want string
	}{
		{err: awsops.ErrLoggingOff, want: "Server access logging is off for this bucket"},
		{res: awsops.LogResult{Target: target}, want: "No log object under s3://logs/b/ yet."},
		{res: awsops.LogResult{Target: target, Objects: []string{"b/x"}, BadLines: []*awsops.LogLineError{{Object: "b/x", Line: 1, Field: 9, Reason: "want a quoted value"}}},
			want: "⚠ 1 line not records; first: access log b/x line 1, field 9 (Request-URI)"},
		{res: awsops.LogResult{Target: target, Objects: []string{"b/y"}, Records: records(1),
			Unread: []awsops.LogObjectError{{Key: "b/x", Err: errors.New("gone")}}}, want: "⚠ 1 log object unreadable; first: b/x:"},
		{err: fmt.Errorf("list: %w", context.DeadlineExceeded), want: "✗ "},
	}
	for _, c := range cases {
		r := &cannedReader{res: c.res, err: c.err}
		m := New("b", nil)
		m.Update(m.Load(r)(), r, ui.NewKeyMap(false), 10)
		if out := render(m, 80, 19); !strings.Contains(out, c.want) {
			t.Errorf("lacks %q:\n%s", c.want, out)
		}
	}
}

func TestViewerShowsProgress(t *testing.T) {
	var reports []tea.Msg
	collect := func(work func(func(tea.Msg)) tea.Msg) tea.Cmd {
		return func() tea.Msg { return work(func(m tea.Msg) { reports = append(reports, m) }) }
	}
	r := &cannedReader{res: awsops.LogResult{Records: records(2), Objects: []string{"o"}}}
	m := New("b", collect)
	answer := m.Load(r)()
	if len(reports) != 2 {
		t.Fatalf("%d progress reports, want 2", len(reports))
	}
	if out := render(m, 80, 19); !strings.Contains(out, "finding the logging target…") {
		t.Errorf("before any report:\n%s", out)
	}
	for i, want := range []string{"listed 120 keys · 3 log objects", "read 2 of 3 log objects · 3.0 KiB"} {
		if !m.Progress(reports[i].(ProgressMsg)) {
			t.Fatalf("report %d refused while reading", i)
		}
		if out := render(m, 80, 19); !strings.Contains(out, want) {
			t.Errorf("report %d: lacks %q:\n%s", i, want, out)
		}
	}
	m.Update(answer, r, ui.NewKeyMap(false), 10)
	if m.Progress(reports[1].(ProgressMsg)) || m.count() != 2 {
		t.Errorf("a report after the answer was taken, or the answer lost (%d records)", m.count())
	}
}
