package views

import (
	"bytes"
	"encoding/base64"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/ui"
)

// remedyTokensOnScreen checks that the remedy shown on screen is made of
// the remedy's own tokens, whole or cut with "…" on a line of their own,
// never one token split over two lines.
func remedyTokensOnScreen(t *testing.T, screen, remedy string) {
	t.Helper()
	want := strings.Fields("→ " + remedy)
	start := strings.Index(screen, "→ "+want[1])
	if start < 0 {
		t.Fatalf("the remedy is not on screen:\n%s", screen)
	}
	var got []string
	for _, l := range strings.Split(screen[start:], "\n") {
		if strings.TrimSpace(l) == "" {
			break
		}
		got = append(got, strings.Fields(l)...)
	}
	for i, tok := range got {
		if i >= len(want) {
			break
		}
		if tok == want[i] {
			continue
		}
		if cut, ok := strings.CutSuffix(tok, "…"); ok && strings.HasPrefix(want[i], cut) {
			continue
		}
		t.Fatalf("token %d on screen is %q, want %q whole (split inside a token?):\n%s", i, tok, want[i], screen)
	}
}

// Remedies wrap at spaces only; y copies the selected finding's remedy
// with OSC 52 and says so.
func TestRemedyWrapsAtSpacesAndYCopiesItSandbox(t *testing.T) {
	a := settledApp(t, openSandbox(t), 80, 24)
	openBucket(t, a, "acme-public-assets")
	fs := a.overview.store.findings["acme-public-assets"]
	if len(fs) < 2 {
		t.Fatalf("want several findings on acme-public-assets, got %d", len(fs))
	}
	p := a.top().(*Detail).panes[0].(*overviewPane)
	screenText(a)
	if len(p.shown) != len(fs) {
		t.Fatalf("the Overview pane lists %d findings, want %d", len(p.shown), len(fs))
	}
	for i := range p.shown {
		if i > 0 {
			keys(a, "down")
		}
		f := p.shown[p.sel]
		if p.sel != i {
			t.Fatalf("down selects finding %d, want %d", p.sel, i)
		}
		remedyTokensOnScreen(t, screenText(a), f.Remedy)
		_, cmd := a.Update(press("y"))
		var clip string
		var status []string
		collect(cmd, func(m any) {
			if s, ok := clipboardText(m); ok {
				clip = s
			}
			if sm, ok := statusText(m); ok {
				status = append(status, sm)
			}
		})
		if clip != f.Remedy {
			t.Fatalf("y copied %q, want the remedy of %s: %q", clip, f.ID, f.Remedy)
		}
		if !slices.Contains(status, "copied remedy of "+f.ID+" to the clipboard") {
			t.Fatalf("status %q, want it to say what was copied", status)
		}
	}
}

// The copy reaches the terminal as an OSC 52 sequence.
func TestYCopiesTheRemedyWithOSC52Sandbox(t *testing.T) {
	tm := startConsole(t, openSandbox(t), 80, 24)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "e", "c", "u", "r", "e", "enter", "enter")
	waitTitle(t, tm, "s3sec: Buckets /secure › acme-secure-records › Overview")
	typeKeys(tm, "y")
	var out []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		out = append(out, b...)
		return bytes.Contains(out, []byte("\x1b]52;c;"))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(press("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*App)
	fs := final.overview.store.findings["acme-secure-records"]
	if len(fs) == 0 {
		t.Fatal("acme-secure-records has no finding")
	}
	enc := base64.StdEncoding.EncodeToString([]byte(fs[0].Remedy))
	if !bytes.Contains(out, []byte("\x1b]52;c;"+enc)) {
		t.Fatalf("the OSC 52 sequence does not carry the remedy %q", fs[0].Remedy)
	}
}

// collect runs cmd and the commands of the batches and sequences it
// returns, passing every message to f. Timers (which would block for
// their duration) are given up after a moment.
func collect(cmd tea.Cmd, f func(any)) {
	if cmd == nil {
		return
	}
	msg, ok := runFor(cmd, 100*time.Millisecond)
	if !ok || msg == nil {
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdList) {
		for _, c := range v.Convert(cmdList).Interface().([]tea.Cmd) {
			collect(c, f)
		}
		return
	}
	f(msg)
}

// clipboardText is the text of Bubble Tea's (unexported) set-clipboard message.
func clipboardText(m any) (string, bool) {
	v := reflect.ValueOf(m)
	if v.Type().String() != "tea.setClipboardMsg" {
		return "", false
	}
	return v.String(), true
}

// statusText is the text of a status message.
func statusText(m any) (string, bool) {
	s, ok := m.(ui.StatusMsg)
	return s.Text, ok
}
