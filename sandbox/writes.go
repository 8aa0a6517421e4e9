package sandbox

import (
	"net/http"
	"sync/atomic"
)

// writeCounter counts S3 requests that may change something (PUT, POST,
// DELETE), whatever their answer: a test proves with it that a dry run
// sent no write at all, not merely that none succeeded.
type writeCounter struct{ n atomic.Int64 }

// note counts r when its method mutates.
func (w *writeCounter) note(r *http.Request) {
	switch r.Method {
	case http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodPatch:
		w.n.Add(1)
	}
}

// Writes is the number of mutating S3 requests (PUT, POST, DELETE) the
// server has received since it started, refused ones included. STS, IAM
// and KMS requests are not counted.
func (s *Server) Writes() int64 { return s.writes.n.Load() }
