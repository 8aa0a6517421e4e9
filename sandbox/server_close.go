package sandbox

import (
	"io"
	"net"
	"net/http"
	"os"
	"sync"
)

// freshConns tracks the connections that have not sent a request yet, so
// Close can drop them at once. http.Server.Shutdown closes idle keep-alive
// connections immediately but treats a connection that never sent a
// request as busy for its first five seconds, and HTTP clients open such
// connections all the time (a pool dials ahead, then keeps the spare):
// `s3sec report --demo` used to sit two seconds in Close waiting for them.
type freshConns struct {
	mu      sync.Mutex
	conns   map[net.Conn]struct{}
	closing bool // Close has begun: new connections are closed on arrival
	// out receives the servers' error log (Options.LogWriter); nil means
	// os.Stderr, where net/http would print it.
	out io.Writer
}

// track is an http.Server ConnState hook.
func (f *freshConns) track(c net.Conn, state http.ConnState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if state != http.StateNew {
		delete(f.conns, c)
		return
	}
	if f.closing {
		c.Close()
		return
	}
	if f.conns == nil {
		f.conns = map[net.Conn]struct{}{}
	}
	f.conns[c] = struct{}{}
}

// closeAll closes every connection that has not sent a request, and every
// one that arrives from now on. A request in flight is not affected:
// Shutdown still lets it finish.
func (f *freshConns) closeAll() {
	f.mu.Lock()
	f.closing = true
	conns := make([]net.Conn, 0, len(f.conns))
	for c := range f.conns {
		conns = append(conns, c)
	}
	clear(f.conns)
	f.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

// Write is the servers' error log (what net/http would print to stderr).
// Once Close has begun, the errors are the ones it causes ("TLS handshake
// error ... use of closed network connection" for the connections it
// drops) and are not printed: they would land on the demo console's screen
// or after report's output.
func (f *freshConns) Write(p []byte) (int, error) {
	f.mu.Lock()
	closing := f.closing
	f.mu.Unlock()
	if closing {
		return len(p), nil
	}
	if f.out != nil {
		return f.out.Write(p)
	}
	return os.Stderr.Write(p)
}
