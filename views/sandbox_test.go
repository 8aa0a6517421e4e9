package views

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// These tests run the real console (App, awsops.Session) against the real
// sandbox over HTTPS on loopback: no fake in between.

// sandboxClock is the fixed clock of the sandbox and the console, so that
// creation dates and ages in the goldens never change.
var sandboxClock = func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }

// portlessBackend hides the sandbox's ephemeral port from the status bar,
// so goldens do not depend on it.
type portlessBackend struct{ *awsops.Session }

// Endpoint returns the endpoint without its port.
func (p portlessBackend) Endpoint() string {
	u, err := url.Parse(p.Session.Endpoint())
	if err != nil {
		return p.Session.Endpoint()
	}
	u.Host = u.Hostname()
	return u.String()
}

// openSandbox starts a seeded sandbox and opens a session on it as the
// admin user, with the given IAM actions denied to that user.
func openSandbox(t *testing.T, denied ...string) Backend {
	t.Helper()
	srv, err := sandbox.Start(sandbox.Options{Seed: true, Clock: sandboxClock, AdminDeniedActions: denied})
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	admin := srv.Admin()
	sess, err := awsops.Open(context.Background(), awsops.Options{
		Region: "us-east-1", EndpointURL: srv.HTTPSURL(), CABundle: srv.CAFile(),
		AccessKeyID: admin.AccessKeyID, SecretAccessKey: admin.SecretAccessKey,
	})
	if err != nil {
		t.Fatalf("open session: %v", err)
	}
	return portlessBackend{sess}
}

// startConsole runs the console in teatest at w×h.
func startConsole(t *testing.T, be Backend, w, h int) *teatest.TestModel {
	t.Helper()
	app := NewApp(Config{Backend: be, Demo: true, Parallel: 4, Clock: sandboxClock})
	return teatest.NewTestModel(t, app, teatest.WithInitialTermSize(w, h))
}

// waitTitle waits until the console sets the terminal title to exactly
// title. The title is written whole (OSC 2), unlike the screen, which the
// renderer updates cell by cell; " (loading)" is appended while anything
// loads, so the exact title also means "everything has settled".
func waitTitle(t *testing.T, tm *teatest.TestModel, title string) {
	t.Helper()
	want := []byte(ansi.SetWindowTitle(title))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, want) },
		teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// quitAndRender quits with q and returns the final frame without styles.
func quitAndRender(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(press("q"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	return ansi.Strip(m.(*App).View().Content)
}

// typeKeys sends key presses by name.
func typeKeys(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(press(k))
	}
}

func TestGoldenOverviewSandbox(t *testing.T) {
	for _, size := range []struct {
		name string
		w, h int
	}{{"100x30", 100, 30}, {"80x24", 80, 24}} {
		t.Run(size.name, func(t *testing.T) {
			tm := startConsole(t, openSandbox(t), size.w, size.h)
			waitTitle(t, tm, "s3sec: Buckets")
			out := quitAndRender(t, tm)
			if !strings.Contains(out, "9 buckets") || !strings.Contains(out, "all facets loaded") {
				t.Fatalf("overview not settled:\n%s", out)
			}
			teatest.RequireEqualOutput(t, []byte(out))
		})
	}
}

func TestGoldenDetailPaneSandbox(t *testing.T) {
	tm := startConsole(t, openSandbox(t), 100, 30)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "e", "c", "u", "r", "e", "enter")
	waitTitle(t, tm, "s3sec: Buckets /secure")
	typeKeys(tm, "enter", "tab")
	waitTitle(t, tm, "s3sec: Buckets /secure › acme-secure-records › Encryption")
	out := quitAndRender(t, tm)
	teatest.RequireEqualOutput(t, []byte(out))
}

func TestKeyFlowSandbox(t *testing.T) {
	tm := startConsole(t, openSandbox(t), 100, 30)
	waitTitle(t, tm, "s3sec: Buckets")

	// Filter down to the logging loop pair, open the first, walk the panes.
	typeKeys(tm, "/", "p", "o", "n", "g", "enter")
	waitTitle(t, tm, "s3sec: Buckets /pong")
	typeKeys(tm, "enter")
	waitTitle(t, tm, "s3sec: Buckets /pong › acme-pong › Overview")
	typeKeys(tm, "tab", "tab", "tab")
	waitTitle(t, tm, "s3sec: Buckets /pong › acme-pong › Logging")
	typeKeys(tm, "shift+tab")
	waitTitle(t, tm, "s3sec: Buckets /pong › acme-pong › Versioning & MFA")

	// The Objects pane lists its first page through the session.
	typeKeys(tm, "shift+tab", "shift+tab")
	waitTitle(t, tm, "s3sec: Buckets /pong › acme-pong › Objects")

	// esc goes back to the filtered grid, a second esc clears the filter.
	typeKeys(tm, "esc")
	waitTitle(t, tm, "s3sec: Buckets /pong")
	typeKeys(tm, "esc")
	waitTitle(t, tm, "s3sec: Buckets")

	tm.Send(press("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*App)
	if len(final.stack) != 1 || final.overview.filter != "" {
		t.Fatalf("after esc esc: %d screens, filter %q; want the bare overview", len(final.stack), final.overview.filter)
	}
}

func TestAccessDeniedFacetShowsInItsCellOnly(t *testing.T) {
	tm := startConsole(t, openSandbox(t, "s3:GetBucketCORS"), 120, 30)
	waitTitle(t, tm, "s3sec: Buckets")
	out := quitAndRender(t, tm)
	header, rows := gridRows(t, out)
	cors := strings.Index(header, "CORS")
	tls := strings.Index(header, "TLS-only")
	if cors < 0 || tls < 0 {
		t.Fatalf("no CORS or TLS-only column in %q", header)
	}
	if len(rows) != 9 {
		t.Fatalf("%d rows, want the 9 seeded buckets:\n%s", len(rows), out)
	}
	for _, r := range rows {
		cell := strings.TrimSpace(r[cors:tls])
		if cell != "denied" && cell != "AccessDenied" {
			t.Errorf("CORS cell = %q, want the error code: %q", cell, r)
		}
		if strings.Count(r, "denied")+strings.Count(r, "AccessDenied") != 1 {
			t.Errorf("the error leaks out of the CORS cell: %q", r)
		}
	}
}

// gridRows returns the header line and the bucket rows of an overview frame.
func gridRows(t *testing.T, frame string) (string, []string) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	for i, l := range lines {
		if strings.Contains(l, "Bucket") && strings.Contains(l, "Findings") {
			var rows []string
			for _, r := range lines[i+1:] {
				if !strings.HasPrefix(r, "  acme-") && !strings.HasPrefix(r, "› acme-") {
					break
				}
				rows = append(rows, r)
			}
			return l, rows
		}
	}
	t.Fatalf("no grid header in:\n%s", frame)
	return "", nil
}

var _ = io.Discard
var _ tea.Model = (*App)(nil)
