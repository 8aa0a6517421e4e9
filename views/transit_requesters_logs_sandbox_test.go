package views

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/sandbox"
)

// TestWhoWouldBreakReadsTheAccessLogsSandbox: an anonymous request over
// plain HTTP to the self-logging demo bucket, delivered by the sandbox,
// is named in the Require TLS form before anything is sent.
func TestWhoWouldBreakReadsTheAccessLogsSandbox(t *testing.T) {
	be, srv := openSandboxServer(t, sandbox.Options{Seed: true, Clock: sandboxClock})
	resp, err := http.Get(srv.HTTPURL() + "/acme-selflog/index.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	srv.FlushAccessLogs()

	rec := frameRecorder{app: NewApp(Config{Backend: be, Demo: true, Parallel: 4, Clock: sandboxClock}), mu: &sync.Mutex{}, frames: new([]string)}
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(80, 24))
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "e", "l", "f", "l", "o", "g", "enter")
	waitTitle(t, tm, "s3sec: Buckets /selflog")
	const at = "s3sec: Buckets /selflog › acme-selflog › Transit"
	typeKeys(tm, "enter", "tab", "tab", "tab", "tab", "tab")
	waitTitle(t, tm, at)
	typeKeys(tm, "e")
	waitTitle(t, tm, at+" › Require TLS: minimum TLS")
	const want = "Who would break: 1 requester(s) used plain HTTP" // the line wraps at 80
	shown := func() string {
		for _, f := range rec.seen() {
			if strings.Contains(f, want) {
				return f
			}
		}
		return ""
	}
	for deadline := time.Now().Add(30 * time.Second); shown() == "" && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond) // the form reads the logs in a command; no title marks its end
	}
	f := shown()
	if f == "" || !strings.Contains(f, "anonymous (1)") {
		t.Fatalf("the form never named the anonymous plain-HTTP requester; last frame:\n%s", rec.seen()[len(rec.seen())-1])
	}
	typeKeys(tm, "esc", "esc")
	tm.Send(press("ctrl+c"))
	tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
}
