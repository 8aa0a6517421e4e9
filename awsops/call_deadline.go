package awsops

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/middleware"
)

// callTrace follows one API operation through its attempts: the endpoint
// and operation last sent (for messages), and how many attempts timed out
// (to stop retrying after the second). A trace made by bounded is the
// parent of the operations' traces inside it and learns their endpoint.
type callTrace struct {
	parent *callTrace

	mu       sync.Mutex
	endpoint string
	op       string
	timeouts int
	// stall is the last attempt that timed out because the answer (or the
	// request) stalled, noted on every trace up the chain: when the call's
	// whole budget then ends it, under load before the retry's own stall
	// timer, the stall is still the cause worth naming.
	stall *TimeoutError
}

// traceKey is the context key of the current *callTrace.
type traceKey struct{}

// traceOf returns the context's trace, or nil.
func traceOf(ctx context.Context) *callTrace {
	t, _ := ctx.Value(traceKey{}).(*callTrace)
	return t
}

// withTrace returns ctx carrying t.
func withTrace(ctx context.Context, t *callTrace) context.Context {
	return context.WithValue(ctx, traceKey{}, t)
}

// note records the endpoint and operation of an attempt. Safe on nil.
func (t *callTrace) note(endpoint, op string) {
	for ; t != nil; t = t.parent {
		t.mu.Lock()
		t.endpoint = endpoint
		if op != "" {
			t.op = op
		}
		t.mu.Unlock()
	}
}

// last returns the endpoint and operation last noted.
func (t *callTrace) last() (endpoint, op string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.endpoint, t.op
}

// timedOut counts a timed-out attempt into e: from the second one on, e is
// final and the retryer gives up. Safe on nil (e is then never final,
// and the SDK's attempt limit applies).
func (t *callTrace) timedOut(e *TimeoutError) *TimeoutError {
	if t == nil {
		return e
	}
	t.mu.Lock()
	t.timeouts++
	e.Attempts = t.timeouts
	e.final = t.timeouts >= 2
	t.mu.Unlock()
	if e.Stalled || e.Sending {
		for p := t; p != nil; p = p.parent {
			p.mu.Lock()
			p.stall = e
			p.mu.Unlock()
		}
	}
	return e
}

// addCallTrace gives every operation of every client built from the
// session's config a trace of its own (API options run on each call).
func addCallTrace(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("s3secCallTrace",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			return next.HandleInitialize(withTrace(ctx, &callTrace{parent: traceOf(ctx)}), in)
		}), middleware.Before)
}

// finalTimeoutNotRetryable stops the SDK's retries once a call has timed
// out twice: a silent endpoint then costs two timeouts, not three plus
// backoff. Earlier timeouts stay retryable (a lost connection is worth one
// more try); every other error is left to the standard rules.
var finalTimeoutNotRetryable = retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
	var te *TimeoutError
	if errors.As(err, &te) && te.final {
		return aws.FalseTernary
	}
	return aws.UnknownTernary
})

// errCallBudget is the cause of a context that bounded canceled.
var errCallBudget = errors.New("call budget spent")

// bounded runs one read of bucket state (a facet, a page of ListBuckets,
// GetCallerIdentity) under its own deadline, callBudget of the session's
// timeout, so that its total time, retries included, stays bounded even
// when an endpoint answers too slowly for the per-attempt timeouts to fire.
// When that deadline ends the call (and not the caller's ctx), the error
// is a *TimeoutError naming the endpoint and operation.
func (s *Session) bounded(ctx context.Context, op string, call func(context.Context) error) error {
	if s.timeout <= 0 {
		return call(ctx)
	}
	budget := callBudget(s.timeout)
	tr := &callTrace{parent: traceOf(ctx)}
	cctx, cancel := context.WithTimeoutCause(withTrace(ctx, tr), budget, errCallBudget)
	defer cancel()
	err := call(cctx)
	if err == nil || ctx.Err() != nil || !errors.Is(context.Cause(cctx), errCallBudget) {
		return err
	}
	var te *TimeoutError
	if errors.As(err, &te) {
		return err // the attempts' own timeout already says it
	}
	tr.mu.Lock()
	stall := tr.stall
	tr.mu.Unlock()
	if stall != nil {
		named := *stall // an attempt stalled, then the budget ended the retry
		named.cause = err
		return &named
	}
	endpoint, lastOp := tr.last()
	if endpoint == "" {
		endpoint = s.Endpoint()
	}
	if lastOp == "" {
		lastOp = op
	}
	return &TimeoutError{Endpoint: endpoint, Op: lastOp, After: budget, Whole: true, cause: err}
}
