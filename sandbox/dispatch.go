package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// serveHTTP is the single entry point: it applies the injected latency, then
// hands the request to KMS, the Query protocol (STS/IAM) or S3.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	// Before any answer the request body is settled (body_settle.go), so no
	// read of it is left for net/http once the handler returns.
	w, settle := withSettledBody(w, r)
	defer settle()
	if s.opts.Latency > 0 {
		t := time.NewTimer(s.opts.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return // the client gave up; nobody is left to answer
		}
	}
	w.Header().Set("Date", httpTime(time.Now()))
	switch {
	case strings.HasPrefix(r.Header.Get("X-Amz-Target"), "TrentService."):
		s.serveKMS(w, r)
	case isQueryProtocol(r):
		s.serveQuery(w, r)
	default:
		s.serveS3(w, r)
	}
}

// isQueryProtocol recognises AWS Query requests (STS, IAM): a form POST to the
// service root, or a GET of the root carrying Action=.
func isQueryProtocol(r *http.Request) bool {
	if r.URL.Path != "/" && r.URL.Path != "" {
		return false
	}
	if r.Method == http.MethodPost {
		return strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/x-www-form-urlencoded")
	}
	return r.Method == http.MethodGet && r.URL.Query().Get("Action") != ""
}
