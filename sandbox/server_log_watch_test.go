package sandbox_test

import (
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// serverLogWatch receives a test sandbox's log (Options.LogWriter, which
// also carries net/http's error log) and remembers every line that reports
// a panic, so the test fails on one even though no client saw it: net/http
// recovers a handler's panic, logs it and just drops the connection, which
// clients retry silently.
type serverLogWatch struct {
	next io.Writer // the test's own LogWriter, if any

	mu     sync.Mutex
	panics []string
}

// Write implements io.Writer. It never calls t: the log may be written
// after the test has ended.
func (w *serverLogWatch) Write(p []byte) (int, error) {
	if strings.Contains(string(p), "panic") {
		w.mu.Lock()
		w.panics = append(w.panics, string(p))
		w.mu.Unlock()
	}
	if w.next != nil {
		return w.next.Write(p)
	}
	return len(p), nil
}

// watchServerLog routes opts' log through a watch that fails t, when the
// test ends, if the server logged a panic. Call it before registering the
// server's Close, so the check runs after Close (cleanups run last first).
func watchServerLog(t testing.TB, opts sandbox.Options) sandbox.Options {
	t.Helper()
	w := &serverLogWatch{next: opts.LogWriter}
	opts.LogWriter = w
	t.Cleanup(func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		for _, p := range w.panics {
			t.Errorf("the sandbox logged a panic:\n%s", p)
		}
	})
	return opts
}
