package sandbox

import (
	"errors"
	"io"
	"net/http"
	"strings"
)

// maxUnreadDrain is how much of a request body the sandbox still reads, when
// it answers without having read it all, to keep the connection: the same
// 256 KiB net/http reads for its own handlers (maxPostHandlerReadBytes).
const maxUnreadDrain = 256 << 10

// Why the sandbox settles the request body itself before it answers:
// sigv4 replaces r.Body and sets r.ContentLength to the decoded length of an
// aws-chunked upload, 0 for an empty object, while the wire still carries the
// framing ("0\r\nx-amz-checksum-crc32:...\r\n\r\n"). net/http trusts
// r.ContentLength == 0 and skips the drain it does before an answer; it then
// reads the rest while closing the body after the handler, where hitting the
// end starts its background read of the connection, and its keep-alive loop
// reads the same connection: "http: panic serving ...: invalid concurrent
// Body.Read call". Settling here, in the handler, before the first byte of
// the answer, leaves net/http nothing to read afterwards, whatever r says.

// wireBody is net/http's request body as the handler received it; it notes
// when the body is over, so settling knows whether anything is left.
type wireBody struct {
	io.ReadCloser
	over bool // read to its end, or failed: nothing more will come from it
}

// Read implements io.Reader.
func (b *wireBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil {
		b.over = true
	}
	return n, err
}

// settlingWriter settles the wire body before the answer's first byte.
type settlingWriter struct {
	http.ResponseWriter
	r       *http.Request
	body    *wireBody // nil: the request had no body
	settled bool
}

// withSettledBody wraps the request body and the response writer of one
// request; the returned finish settles the body when the handler answered
// nothing (net/http then sends an empty 200 itself).
func withSettledBody(w http.ResponseWriter, r *http.Request) (http.ResponseWriter, func()) {
	sw := &settlingWriter{ResponseWriter: w, r: r}
	if r.Body != nil && r.Body != http.NoBody {
		sw.body = &wireBody{ReadCloser: r.Body}
		r.Body = sw.body
	}
	return sw, sw.settle
}

// settle makes sure nothing of the wire body is left for net/http to read
// after the handler: it reads what is left, up to maxUnreadDrain, or else
// answers with "Connection: close" so net/http drops the connection instead
// of reusing it. A client waiting for "100 Continue" has not sent the body
// yet: reading it would ask for it, so that connection is closed instead.
func (w *settlingWriter) settle() {
	if w.settled {
		return
	}
	w.settled = true
	if w.body == nil || w.body.over {
		return
	}
	if !strings.EqualFold(w.r.Header.Get("Expect"), "100-continue") {
		_, err := io.CopyN(io.Discard, w.body, maxUnreadDrain+1)
		switch {
		case errors.Is(err, io.EOF):
			return // all read: the connection can serve the next request
		case err != nil:
			return // the body failed (client gone) or was closed: net/http drops the connection
		}
		// More than maxUnreadDrain is left: not worth reading.
	}
	w.ResponseWriter.Header().Set("Connection", "close")
}

// WriteHeader implements http.ResponseWriter.
func (w *settlingWriter) WriteHeader(code int) {
	w.settle()
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *settlingWriter) Write(p []byte) (int, error) {
	w.settle()
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *settlingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
