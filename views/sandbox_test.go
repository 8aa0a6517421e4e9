package views

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

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
	return openSandboxWith(t, sandbox.Options{Seed: true, Clock: sandboxClock, AdminDeniedActions: denied})
}

// openSandboxSession starts a sandbox with opts and opens a session on its
// HTTPS listener as the root user or the IAM user admin.
func openSandboxSession(t *testing.T, opts sandbox.Options, root bool) (Backend, *sandbox.Server) {
	t.Helper()
	// The machine's AWS_CA_BUNDLE would make the SDK rebuild the client's
	// TLS settings, which it cannot do for a plain *http.Client.
	t.Setenv("AWS_CA_BUNDLE", "")
	srv, err := sandbox.Start(opts)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(srv.CAPEM()) {
		t.Fatal("sandbox CA is not PEM")
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	// Runs before srv.Close (cleanups run last-in first-out): without open
	// connections the server shuts down at once instead of waiting for them.
	t.Cleanup(tr.CloseIdleConnections)
	creds := srv.Admin()
	if root {
		creds = srv.Root()
	}
	sess, err := awsops.Open(context.Background(), awsops.Options{
		Region: "us-east-1", EndpointURL: srv.HTTPSURL(), HTTPClient: &http.Client{Transport: tr},
		AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey,
	})
	if err != nil {
		t.Fatalf("open session: %v", err)
	}
	return portlessBackend{sess}, srv
}

// openSandboxWith opens a session as admin on a sandbox started with opts.
func openSandboxWith(t *testing.T, opts sandbox.Options) Backend {
	t.Helper()
	be, _ := openSandboxSession(t, opts, false)
	return be
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
		teatest.WithDuration(90*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// quitAndRender quits with ctrl+c (q would close a dialog) and returns the final frame without styles.
func quitAndRender(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(press("ctrl+c"))
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
			if !strings.Contains(out, "10 buckets") || !strings.Contains(out, "all facets loaded") {
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
	typeKeys(tm, "j", "enter") // acme-ping matches too: it logs into acme-pong
	waitTitle(t, tm, "s3sec: Buckets /pong › acme-pong › Overview")
	typeKeys(tm, "tab", "tab", "tab")
	waitTitle(t, tm, "s3sec: Buckets /pong › acme-pong › Logging")
	typeKeys(tm, "shift+tab")
	waitTitle(t, tm, "s3sec: Buckets /pong › acme-pong › Versioning & MFA")

	// Backwards past Overview wraps round to Objects, which lists its
	// first page through the session.
	typeKeys(tm, "shift+tab", "shift+tab", "shift+tab")
	waitTitle(t, tm, "s3sec: Buckets /pong › acme-pong › Objects · page 1")

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
	// Columns by cell position: the frame holds multi-byte marks (›, ↑, …).
	cell := func(s string) int { return ansi.StringWidth(header[:strings.Index(header, s)]) }
	if !strings.Contains(header, "CORS") || !strings.Contains(header, "TLS-only") {
		t.Fatalf("no CORS or TLS-only column in %q", header)
	}
	if len(rows) != 10 {
		t.Fatalf("%d rows, want the 10 seeded buckets:\n%s", len(rows), out)
	}
	cors, tls := cell("CORS"), cell("TLS-only")
	for _, r := range rows {
		got := strings.TrimSpace(ansi.Cut(r, cors, tls))
		if got != "denied" && got != "AccessDenied" {
			t.Errorf("CORS cell = %q, want the error code: %q", got, r)
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
				if g := []rune(r); len(g) < 2 || !strings.HasPrefix(string(g[2:]), "acme-") { // after the cursor and mark gutter
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

func TestObjectsPanePagesVersionsSandbox(t *testing.T) {
	app := NewApp(Config{Backend: openSandbox(t), Parallel: 4, Clock: sandboxClock})
	app.objectsPageSize = 3
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 30))
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "e", "c", "u", "r", "e", "enter", "enter", "shift+tab")
	const at = "s3sec: Buckets /secure › acme-secure-records › Objects · "
	waitTitle(t, tm, at+"page 1")
	// Versions, three per page: the deleted contract first (its delete
	// marker is the latest), then the board minutes and two of the three
	// drafts of the Q1 report.
	typeKeys(tm, "v")
	waitTitle(t, tm, at+"versions · page 1")
	typeKeys(tm, "n")
	waitTitle(t, tm, at+"versions · page 2")
	out := quitAndRender(t, tm)
	if n := strings.Count(out, "reports/2026-q1.pdf"); n != 2 || !strings.Contains(out, "legal/board-minutes-2026-10.txt") {
		t.Errorf("page 2 shows %d versions of reports/2026-q1.pdf, want the board minutes and 2 of them:\n%s", n, out)
	}
	if strings.Contains(out, "contracts/msa.txt") || !strings.Contains(out, "more (n)") {
		t.Errorf("page 2 must not repeat page 1 and must offer a next page:\n%s", out)
	}
	final := tm.FinalModel(t).(*App)
	d := final.top().(*Detail)
	if len(d.objects.pages) != 3 || d.objects.pages[1].keyMarker != "contracts/msa.txt" {
		t.Errorf("page cursors = %+v, want pages 1-3 with page 2 after contracts/msa.txt", d.objects.pages)
	}
}

func TestFirstPageOfVersionsShowsDeleteMarkerSandbox(t *testing.T) {
	app := NewApp(Config{Backend: openSandbox(t), Parallel: 4, Clock: sandboxClock})
	app.objectsPageSize = 3
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 30))
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "e", "c", "u", "r", "e", "enter", "enter", "shift+tab", "v")
	waitTitle(t, tm, "s3sec: Buckets /secure › acme-secure-records › Objects · versions · page 1")
	out := quitAndRender(t, tm)
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "contracts/msa.txt") {
			rows = append(rows, l)
		}
	}
	if len(rows) != 3 || !strings.Contains(rows[0], "delete marker") || !strings.Contains(rows[0], "latest") {
		t.Fatalf("want the delete marker (latest) then two versions of contracts/msa.txt, got:\n%s", strings.Join(rows, "\n"))
	}
}

func TestEscCancelsListingSandbox(t *testing.T) {
	be := openSandboxWith(t, sandbox.Options{Seed: true, Clock: sandboxClock, Latency: 800 * time.Millisecond})
	tm := startConsole(t, be, 100, 30)
	waitTitle(t, tm, "s3sec: Buckets (loading)")
	typeKeys(tm, "esc")
	// Identity (STS) is still on its way; the listing is not.
	out := quitAndRender(t, tm)
	if !strings.Contains(out, "Listing canceled") {
		t.Fatalf("esc did not cancel the listing:\n%s", out)
	}
}

func TestObjectsPaneFollowsContinuationTokensSandbox(t *testing.T) {
	app := NewApp(Config{Backend: openSandbox(t), Parallel: 4, Clock: sandboxClock})
	app.objectsPageSize = 1
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 30))
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "e", "c", "u", "r", "e", "enter", "enter", "shift+tab")
	const at = "s3sec: Buckets /secure › acme-secure-records › Objects · "
	waitTitle(t, tm, at+"page 1")
	typeKeys(tm, "n")
	waitTitle(t, tm, at+"page 2")
	typeKeys(tm, "n")
	waitTitle(t, tm, at+"page 3")
	out := quitAndRender(t, tm)
	// The deleted contract is no current key; the board minutes were page
	// 1 and the Q1 report page 2.
	if !strings.Contains(out, "reports/2026-q2.pdf") || strings.Contains(out, "reports/2026-q1.pdf") || strings.Contains(out, "more (n)") {
		t.Fatalf("page 3 of 3 must hold only reports/2026-q2.pdf:\n%s", out)
	}
}
