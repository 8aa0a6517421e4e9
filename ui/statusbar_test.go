package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func TestStatusBarShowsSchemeAndBadgesAtEveryWidth(t *testing.T) {
	sb := StatusBar{
		Endpoint: "s3.eu-west-1.amazonaws.com", Secure: false, Region: "eu-west-1",
		Account: "111122223333", Root: true, Demo: true, ReadOnly: true, InFlight: 3,
		LastError: "ListBuckets: AccessDenied: Access Denied",
	}
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
	for _, want := range []string{"s3.eu-west-1.amazonaws.com", "eu-west-1", "111122223333", "last error: ListBuckets: AccessDenied"} {
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
