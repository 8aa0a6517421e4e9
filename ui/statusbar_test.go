package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func TestStatusBarShowsSchemeAndBadgesAtEveryWidth(t *testing.T) {
	sb := StatusBar{
		Endpoint: "s3.eu-west-1.amazonaws.com", Secure: false, Region: "eu-west-1",
		Account: "111122223333", Root: true, Demo: true, ReadOnly: true, InFlight: 3,
	}
	sb.Show(StatusMsg{Level: LevelError, Text: "ListBuckets: AccessDenied: Access Denied"})
	st := NewMonochromeStyles()
	for _, w := range []int{60, 80, 120, 200} {
		line := ansi.Strip(sb.View(st, w))
		if got := ansi.StringWidth(line); got != w {
			t.Errorf("width %d: bar is %d cells", w, got)
		}
		for _, want := range []string{" HTTP ", " ROOT ", " DEMO ", " READ-ONLY ", "calls 3"} {
			if !strings.Contains(line, want) {
				t.Errorf("width %d: %q missing in %q", w, want, line)
			}
		}
	}
	wide := ansi.Strip(sb.View(st, 200))
	for _, want := range []string{"s3.eu-west-1.amazonaws.com", "eu-west-1", "111122223333", "ListBuckets: AccessDenied"} {
		if !strings.Contains(wide, want) {
			t.Errorf("%q missing in %q", want, wide)
		}
	}
}

func TestStatusBarHTTPSBadge(t *testing.T) {
	sb := StatusBar{Endpoint: "127.0.0.1:4443", Secure: true, Account: "1", User: "admin"}
	line := ansi.Strip(sb.View(NewMonochromeStyles(), 100))
	if !strings.Contains(line, " HTTPS ") || strings.Contains(line, " ROOT ") {
		t.Fatalf("bar = %q, want an HTTPS badge and no ROOT badge", line)
	}
	if !strings.Contains(line, "1 admin") {
		t.Fatalf("bar = %q, want the account and user", line)
	}
}

func TestStatusMessageExpiresOnlyWithItsOwnTick(t *testing.T) {
	var sb StatusBar
	first := sb.Show(StatusMsg{Level: LevelInfo, Text: "first", TTL: time.Millisecond})
	sb.Show(StatusMsg{Level: LevelError, Text: "second", TTL: time.Millisecond})
	sb.Clear(first().(ClearStatusMsg)) // the first message's tick must not clear the second
	if m, ok := sb.Message(); !ok || m.Text != "second" {
		t.Fatalf("message = %+v, want the second one kept", m)
	}
	if sb.LastError != "second" {
		t.Fatalf("LastError = %q, want the error remembered", sb.LastError)
	}
	sb.Clear(ClearStatusMsg{ID: 2})
	if _, ok := sb.Message(); ok {
		t.Fatal("message kept after its own tick")
	}
}

func TestStatusMessageTakesTheFooterWhenTheBarIsTooNarrow(t *testing.T) {
	sb := StatusBar{Endpoint: "127.0.0.1:46357", Secure: true, Region: "us-east-1", Account: "111122223333", Root: true, Demo: true}
	sb.Show(StatusMsg{Level: LevelSuccess, Text: "Default encryption of acme-scratch set to SSE-KMS"})
	st := NewMonochromeStyles()

	line, ok := sb.MessageLine(st, 80)
	if !ok || !strings.Contains(ansi.Strip(line), "Default encryption of acme-scratch set to SSE-KMS") {
		t.Fatalf("at 80 columns the message should take the footer whole, got ok=%v %q", ok, ansi.Strip(line))
	}
	if got := ansi.StringWidth(line); got != 80 {
		t.Errorf("footer message is %d cells, want 80", got)
	}
	if bar := ansi.Strip(sb.View(st, 80)); strings.Contains(bar, "Default") {
		t.Errorf("the bar still shows a cut message at 80 columns: %q", bar)
	}

	if _, ok := sb.MessageLine(st, 160); ok {
		t.Errorf("at 160 columns the message fits in the bar and must stay there")
	}
	if bar := ansi.Strip(sb.View(st, 160)); !strings.Contains(bar, "Default encryption of acme-scratch set to SSE-KMS") {
		t.Errorf("at 160 columns the bar misses the message: %q", bar)
	}
}

// An error expires from the bar like any message: a stale "last error"
// beside later successes said something was wrong when it no longer was.
func TestErrorExpiresFromTheBarAndStaysInTheLog(t *testing.T) {
	at := time.Date(2026, 12, 2, 17, 30, 5, 0, time.UTC)
	sb := StatusBar{Endpoint: "127.0.0.1:4443", Secure: true, Account: "1", Now: func() time.Time { return at }}
	st := NewMonochromeStyles()
	tick := sb.Show(StatusMsg{Level: LevelError, TTL: time.Millisecond, Op: "PutBucketEncryption", Text: "PutBucketEncryption: AccessDenied: Access Denied — ask for the permission"})
	if bar := ansi.Strip(sb.View(st, 200)); !strings.Contains(bar, "AccessDenied") {
		t.Fatalf("the live error is not shown: %q", bar)
	}
	sb.Clear(tick().(ClearStatusMsg))
	if bar := ansi.Strip(sb.View(st, 200)); strings.Contains(bar, "AccessDenied") || strings.Contains(bar, "last error") {
		t.Fatalf("the error outlived its message: %q", bar)
	}
	if line, ok := sb.MessageLine(st, 80); ok {
		t.Fatalf("the expired error still takes the footer: %q", ansi.Strip(line))
	}
	es := sb.Errors.Entries()
	if len(es) != 1 || es[0].Op != "PutBucketEncryption" || !es[0].At.Equal(at) || !strings.HasPrefix(es[0].Text, "AccessDenied: Access Denied") {
		t.Fatalf("error log = %+v, want the error with its time and operation", es)
	}
}

func TestErrorLogKeepsTheLastTenNewestFirst(t *testing.T) {
	var l ErrorLog
	base := time.Date(2026, 12, 2, 17, 0, 0, 0, time.UTC)
	for i := range 13 {
		l.Add(base.Add(time.Duration(i)*time.Second), "", fmt.Sprintf("Op%d: failure %d", i, i))
	}
	es := l.Entries()
	if len(es) != ErrorLogSize || es[0].Op != "Op12" || es[0].Text != "failure 12" || es[len(es)-1].Op != "Op3" {
		t.Fatalf("entries = %+v, want Op12 … Op3", es)
	}
	view := ansi.Strip(ErrorLogView(l, NewMonochromeStyles(), 80, 22))
	if !strings.Contains(view, "Op12") || !strings.Contains(view, "older not shown") {
		t.Fatalf("a short overlay must show the newest and count the rest:\n%s", view)
	}
	for i, line := range strings.Split(view, "\n") {
		if ansi.StringWidth(line) > 80 {
			t.Errorf("line %d is wider than 80: %q", i, line)
		}
	}
}
