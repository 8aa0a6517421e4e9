package awsops

import (
	"fmt"
	"strings"
	"time"
)

// DefaultTimeout is how long one attempt of a call waits for the answer's
// headers, and how long a body may go without a byte, when Options.Timeout
// is zero. S3 answers bucket-setting reads in milliseconds and streams
// objects steadily: thirty seconds of silence means nothing is coming.
const DefaultTimeout = 30 * time.Second

// CodeTimeout marks a call the endpoint did not answer in time: no response
// headers, or a body that stopped arriving, within the session's timeout.
// The console's grid shows it in the cell of that facet only.
const CodeTimeout = "Timeout"

// TimeoutError says which endpoint did not answer which call, and for how
// long it was waited for. It is a net.Error-style timeout (Timeout() is
// true), so the SDK's retryer treats it as a transient network failure;
// the session allows one retry at most (see finalTimeoutNotRetryable).
type TimeoutError struct {
	Endpoint string        // scheme://host that was asked, e.g. https://s3.eu-west-1.amazonaws.com
	Op       string        // API operation, e.g. GetBucketPolicy; "" when unknown
	After    time.Duration // the wait that ran out
	Attempts int           // attempts that timed out; 0 or 1 is not mentioned
	Stalled  bool          // the answer had begun, then no byte came for After
	Whole    bool          // After bounded the whole call, retries included (see bounded)
	Sending  bool          // the endpoint stopped taking the request (an upload) for After
	final    bool          // the call has had its one retry: the retryer must give up
	cause    error         // for Whole: the SDK's error when the deadline ended the call
}

// Error reads, for example, "no answer from https://127.0.0.1:9000 within
// 30s (GetBucketPolicy)".
func (e *TimeoutError) Error() string {
	what := e.Op
	if e.Attempts > 1 {
		if what != "" {
			what += ", "
		}
		what += fmt.Sprintf("%d attempts", e.Attempts)
	}
	if what != "" {
		what = " (" + what + ")"
	}
	switch {
	case e.Stalled:
		return fmt.Sprintf("the answer from %s stalled: no data for %s%s", e.Endpoint, e.After, what)
	case e.Sending:
		return fmt.Sprintf("the request to %s stalled: nothing could be sent for %s%s", e.Endpoint, e.After, what)
	case e.Whole:
		return fmt.Sprintf("no complete answer from %s within %s%s", e.Endpoint, e.After, what)
	}
	return fmt.Sprintf("no answer from %s within %s%s", e.Endpoint, e.After, what)
}

// Unwrap returns the SDK's error behind a Whole timeout, or nil.
func (e *TimeoutError) Unwrap() error { return e.cause }

// Timeout reports true, as net.Error timeouts do.
func (e *TimeoutError) Timeout() bool { return true }

// IsTimeout reports whether err is an endpoint that did not answer in time:
// our own Timeout class, S3's RequestTimeout, or a deadline that passed
// rather than a cancel by the user.
func IsTimeout(err error) bool {
	fe := Classify(err)
	if fe == nil {
		return false
	}
	if fe.Code == CodeTimeout || fe.Code == "RequestTimeout" {
		return true
	}
	lower := strings.ToLower(fe.Message)
	return strings.Contains(lower, "deadline exceeded") || strings.Contains(lower, "timed out")
}

// timeoutOrDefault returns the per-attempt timeout for an Options value:
// zero means DefaultTimeout, a negative value none at all.
func timeoutOrDefault(d time.Duration) time.Duration {
	if d == 0 {
		return DefaultTimeout
	}
	if d < 0 {
		return 0
	}
	return d
}

// callBudget is the deadline of one read of bucket state, retries included:
// two attempts that each wait the full timeout for headers (the retryer
// allows one retry after a timeout), plus room for the backoff between
// them. At the default that is about a minute.
func callBudget(timeout time.Duration) time.Duration {
	return 2*timeout + min(timeout/2, 5*time.Second)
}
