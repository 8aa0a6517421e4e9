package awsops

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
)

// stallGuard is the session's http.RoundTripper. The transport under it
// stops waiting for response headers after the timeout
// (http.Transport.ResponseHeaderTimeout, which starts once the request body
// is sent, so a long upload is not cut) and for a write that makes no
// progress (idleWriteConn: an endpoint that stopped reading an upload);
// stallGuard names those failures
// (which endpoint, which call, how long) and watches every response body:
// when a Read gets no byte for the timeout, the request is canceled and the
// Read fails with a stalled *TimeoutError. A slow body that keeps
// trickling is never cut, and neither is a caller that is slow to read:
// the clock runs only while a Read is waiting.
type stallGuard struct {
	next    *http.Transport
	timeout time.Duration
}

// newStallGuard sets the header timeout on t and wraps it.
func newStallGuard(t *http.Transport, timeout time.Duration) *stallGuard {
	t.ResponseHeaderTimeout = timeout
	t.DialContext = guardWrites(t.DialContext, timeout)
	return &stallGuard{next: t, timeout: timeout}
}

// RoundTrip implements http.RoundTripper.
func (g *stallGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	endpoint := req.URL.Scheme + "://" + req.URL.Host
	op := awsmiddleware.GetOperationName(req.Context())
	tr := traceOf(req.Context())
	tr.note(endpoint, op)

	// A context of our own, so that a stalled body can be abandoned: canceling
	// it closes the connection, which ends the Read blocked on it.
	ctx, cancel := context.WithCancelCause(req.Context())
	resp, err := g.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel(nil)
		if req.Context().Err() == nil {
			switch {
			case isHeaderTimeout(err):
				return nil, tr.timedOut(&TimeoutError{Endpoint: endpoint, Op: op, After: g.timeout})
			case isWriteStall(err):
				return nil, tr.timedOut(&TimeoutError{Endpoint: endpoint, Op: op, After: g.timeout, Sending: true})
			}
		}
		return nil, err
	}
	resp.Body = &idleBody{
		body:   resp.Body,
		idle:   g.timeout,
		cancel: cancel,
		stalled: func() error {
			return tr.timedOut(&TimeoutError{Endpoint: endpoint, Op: op, After: g.timeout, Stalled: true})
		},
	}
	return resp, nil
}

// isHeaderTimeout recognises http.Transport's ResponseHeaderTimeout error.
// The standard library exports neither its type nor its value, only its
// text and Timeout() method.
func isHeaderTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout() && strings.Contains(err.Error(), "timeout awaiting response headers")
}

// idleBody is a response body whose Reads fail when no byte arrives for idle.
type idleBody struct {
	body    io.ReadCloser
	idle    time.Duration
	cancel  context.CancelCauseFunc
	stalled func() error // builds the error when the stall is seen (once)

	mu      sync.Mutex
	timer   *time.Timer
	reading bool      // a Read is waiting on the body
	armedAt time.Time // when that Read began
	err     error     // set once the body stalled
	over    bool      // a Read has returned an error: later ones return io.EOF
}

// Read implements io.Reader, with the idle clock running while it waits.
func (b *idleBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	if b.over {
		// The failure was reported by the Read that met it; the body is
		// over. (After an error the SDK drains the body, and a second error
		// would make it print a warning on stderr, across the console.)
		b.mu.Unlock()
		return 0, io.EOF
	}
	if b.err != nil {
		b.over = true
		b.mu.Unlock()
		return 0, b.err
	}
	b.reading, b.armedAt = true, time.Now()
	if b.timer == nil {
		b.timer = time.AfterFunc(b.idle, b.expire)
	} else {
		b.timer.Reset(b.idle)
	}
	b.mu.Unlock()

	n, err := b.body.Read(p)

	b.mu.Lock()
	b.reading = false
	b.timer.Stop()
	stallErr := b.err
	b.over = err != nil && err != io.EOF
	b.mu.Unlock()
	if stallErr != nil && err != nil {
		// The connection was closed under the Read: say why.
		return n, stallErr
	}
	return n, err
}

// expire runs when the timer fires. A timer fired late for a Read that has
// already returned, or re-armed since, is ignored.
func (b *idleBody) expire() {
	b.mu.Lock()
	if !b.reading || b.err != nil || time.Since(b.armedAt) < b.idle {
		b.mu.Unlock()
		return
	}
	b.err = b.stalled()
	err := b.err
	b.mu.Unlock()
	b.cancel(err)
}

// Close closes the body and releases the request's context.
func (b *idleBody) Close() error {
	err := b.body.Close()
	b.mu.Lock()
	if b.timer != nil {
		b.timer.Stop()
	}
	b.mu.Unlock()
	b.cancel(nil)
	return err
}
