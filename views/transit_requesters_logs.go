package views

import (
	"context"
	"errors"
	"fmt"

	"github.com/s3sec/s3sec/awsops"
)

// readPlainHTTPRequesters answers "who would break" from the bucket's
// newest server access log records (the default bounds of awsops). No
// logging, or no record to read, is errNoAccessLogs with the reason; a
// failed read is its error.
func readPlainHTTPRequesters(ctx context.Context, be Backend, s awsops.BucketState) ([]plainHTTPRequester, error) {
	res, err := be.AccessLogs(ctx, s.Name, awsops.LogQuery{})
	switch {
	case errors.Is(err, awsops.ErrLoggingOff):
		return nil, fmt.Errorf("%w: %v", errNoAccessLogs, err)
	case err != nil:
		return nil, err
	}
	use := awsops.PlainHTTPUseOf(res)
	if !use.Available {
		return nil, fmt.Errorf("%w: %s", errNoAccessLogs, use.Reason)
	}
	out := make([]plainHTTPRequester, 0, len(use.Requesters))
	for _, c := range use.Requesters {
		name := c.Name
		if name == awsops.Anonymous {
			name = "anonymous"
		}
		out = append(out, plainHTTPRequester{Requester: name, Requests: c.N})
	}
	return out, nil
}
