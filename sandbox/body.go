package sandbox

import (
	"fmt"
	"io"
	"net/http"

	"github.com/s3sec/s3sec/sandbox/sigv4"
)

// maxConfigBody bounds configuration documents (S3 allows 64 KB for CORS, 20 KB for policies).
const maxConfigBody = 1 << 20

// readBody reads a small request payload (a configuration document, a part
// list; already de-chunked and checked by sigv4) up to limit bytes; object
// content streams through copyBody instead. A payload that fails its signature or checksum surfaces
// here as the *sigv4.Error the body's Read returns.
func (c *s3Call) readBody(limit int64) ([]byte, *s3Error) {
	if c.r.Body == nil {
		return nil, nil
	}
	data, err := io.ReadAll(io.LimitReader(c.r.Body, limit+1))
	if err != nil {
		if se, ok := sigv4.AsError(err); ok {
			return nil, fromSigv4(se)
		}
		return nil, newError(http.StatusBadRequest, "IncompleteBody",
			"The request body terminated unexpectedly")
	}
	if int64(len(data)) > limit {
		return nil, newError(http.StatusBadRequest, "EntityTooLarge",
			"Your proposed upload exceeds the maximum allowed size").
			with("ProposedSize", fmt.Sprint(len(data))).with("MaxSizeAllowed", fmt.Sprint(limit))
	}
	return data, nil
}

// fromSigv4 converts an authentication failure into an S3 error answer.
func fromSigv4(e *sigv4.Error) *s3Error {
	out := newError(e.Status, e.Code, e.Message)
	for _, f := range e.Fields {
		out.with(f.Name, f.Value)
	}
	return out
}
