package views

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/faultnet"
	"github.com/s3sec/s3sec/sandbox"
)

// openSandboxServer is openSandboxWith keeping the server, so a test can
// deliver the access logs the console's own requests produced.
func openSandboxServer(t *testing.T, opts sandbox.Options) (Backend, *sandbox.Server) {
	t.Helper()
	return openSandboxSession(t, opts, false)
}

// TestLogViewerShowsDeliveredRecordsSandbox: at 80x24, the self-logging
// demo bucket's viewer shows the seeded record and the records of the
// console's own reads, which the sandbox delivered into the bucket.
func TestLogViewerShowsDeliveredRecordsSandbox(t *testing.T) {
	be, srv := openSandboxServer(t, sandbox.Options{Seed: true, Clock: sandboxClock})
	tm := startConsole(t, be, 80, 24)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "e", "l", "f", "l", "o", "g", "enter")
	waitTitle(t, tm, "s3sec: Buckets /selflog")
	typeKeys(tm, "enter", "tab", "tab", "tab")
	const pane = "s3sec: Buckets /selflog › acme-selflog › Logging"
	waitTitle(t, tm, pane)
	for _, d := range srv.FlushAccessLogs() { // the overview's reads of acme-selflog, logged into itself
		if d.SourceBucket == "acme-selflog" && d.Failure != "" {
			t.Fatalf("delivery failed: %+v", d)
		}
	}
	typeKeys(tm, "l")
	waitTitle(t, tm, pane+" › Access log")
	out := quitAndRender(t, tm)
	lines := strings.Split(out, "\n")
	if len(lines) > 24 {
		t.Fatalf("%d lines at 80x24:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d cells wide: %q", w, l)
		}
	}
	for _, want := range []string{
		"Access log of acme-selflog → s3://acme-selflog/logs/",
		"records from 2 log objects", // the seeded object and the delivered one
		"GET.LOGGING_STATUS",         // a delivered record of the console's own read
		"11-01 10:15:40 200",         // the seeded record (dated after the sandbox's clock), selected
		"GET.OBJECT",                 //
		"Requesters user/admin",      //
		"arn:aws:iam::111122223333:user/admin · GET /acme-selflog/reports/", // the selected record in full
		"r refresh", // the viewer's keys in the footer
	} {
		if !strings.Contains(out, want) {
			t.Errorf("viewer lacks %q:\n%s", want, out)
		}
	}
}

// TestLogViewerKeyWhenLoggingIsOffSandbox: l on a bucket without logging
// says so and opens nothing; tab still moves on.
func TestLogViewerKeyWhenLoggingIsOffSandbox(t *testing.T) {
	tm := startConsole(t, openSandbox(t), 100, 30)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "c", "r", "a", "t", "c", "h", "enter")
	waitTitle(t, tm, "s3sec: Buckets /scratch")
	typeKeys(tm, "enter", "tab", "tab", "tab")
	waitTitle(t, tm, "s3sec: Buckets /scratch › acme-scratch › Logging")
	typeKeys(tm, "l")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Server access logging is off")) },
		teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	out := quitAndRender(t, tm)
	if !strings.Contains(out, "Server access logging is off…") || strings.Contains(out, "Access log of") {
		t.Errorf("l with logging off:\n%s", out)
	}
}

// TestLogViewerCancelsAStalledReadSandbox: a proxy never answers the GET
// of a log object; the viewer shows the spinner, esc cancels the read
// (the request ends, nothing is left running) and a second esc leaves.
func TestLogViewerCancelsAStalledReadSandbox(t *testing.T) {
	t.Setenv("AWS_CA_BUNDLE", "")
	srv, err := sandbox.Start(sandbox.Options{Seed: true, Clock: sandboxClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	proxy, caFile := faultnet.ProxyTLS(t, srv.HTTPSURL(), srv.CAPEM(), faultnet.Config{Rule: func(r *http.Request) faultnet.Fault {
		if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/acme-selflog/logs/") {
			return faultnet.StallHeaders
		}
		return faultnet.Pass
	}})
	admin := srv.Admin()
	sess, err := awsops.Open(context.Background(), awsops.Options{
		Region: "us-east-1", EndpointURL: proxy, CABundle: caFile,
		AccessKeyID: admin.AccessKeyID, SecretAccessKey: admin.SecretAccessKey,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)

	tm := startConsole(t, portlessBackend{sess}, 80, 24)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "e", "l", "f", "l", "o", "g", "enter")
	waitTitle(t, tm, "s3sec: Buckets /selflog")
	typeKeys(tm, "enter", "tab", "tab", "tab")
	const pane = "s3sec: Buckets /selflog › acme-selflog › Logging"
	waitTitle(t, tm, pane)
	typeKeys(tm, "l")
	waitTitle(t, tm, pane+" › Access log (loading)")
	typeKeys(tm, "esc")
	waitTitle(t, tm, pane+" › Access log") // no longer loading: the read was canceled ("Reading canceled.", see logviewer's tests)
	typeKeys(tm, "esc")
	waitTitle(t, tm, pane)
	tm.Send(press("ctrl+c"))
	app := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*App)
	d, ok := app.top().(*Detail)
	if !ok || d.flow != nil || app.status.InFlight != 0 {
		t.Fatalf("after esc esc: detail %v, flow %v, calls in flight %d; want the Logging pane and nothing running", ok, d.flow, app.status.InFlight)
	}
}
