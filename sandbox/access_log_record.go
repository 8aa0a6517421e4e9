package sandbox

import (
	"crypto/tls"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/s3sec/s3sec/sandbox/accesslog"
)

// accessEntry follows one S3 request for its server access log record:
// serveS3 fills in what it learns (caller, operation, error code) and the
// writer counts what was sent.
type accessEntry struct {
	start     time.Time // wall clock, for the durations
	received  time.Time // Options.Clock, for the record's Time field
	ids       requestIDs
	w         *countingWriter
	principal *principal // nil: anonymous or not authenticated
	op        *operation // nil: not routed
	errCode   string
}

// fail sends an error answer and keeps its code for the record.
func (e *accessEntry) fail(w http.ResponseWriter, r *http.Request, err *s3Error) {
	e.errCode = err.Code
	writeS3Error(w, r, e.ids, err)
}

// countingWriter records the status, the body bytes and when the answer began.
type countingWriter struct {
	http.ResponseWriter
	status    int
	bytes     int64
	firstByte time.Time
}

// WriteHeader implements http.ResponseWriter.
func (w *countingWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status, w.firstByte = code, time.Now()
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *countingWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status, w.firstByte = http.StatusOK, time.Now()
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logAccess queues the record of a finished request when its bucket logs.
// Requests whose bucket is unknown (ListBuckets, a missing bucket) are not
// logged anywhere, as on AWS.
func (s *Server) logAccess(r *http.Request, e *accessEntry) {
	bucket, key := splitBucketKey(r)
	if bucket == "" {
		return
	}
	op := e.op
	if op == nil {
		op, _ = route(r.Method, bucket, key, r.URL.Query(), r.Header)
	}
	// Most buckets do not log: the record is built only once a log wants it.
	var rec accesslog.Record
	built := false
	record := func() accesslog.Record {
		if !built {
			rec, built = s.accessRecord(r, e, op, key), true
		}
		return rec
	}
	if dest, owner, ok := s.logDestination(bucket); ok {
		rec := record()
		rec.BucketOwner, rec.Bucket, rec.Region = owner, bucket, dest.SourceRegion
		s.queueAccessRecord(dest, rec)
	}
	if op == opCopyObject {
		// The read side of a copy is logged in the source bucket's log (4.4).
		src, err := parseCopySource(r.Header.Get("X-Amz-Copy-Source"))
		if err != nil {
			return
		}
		if dest, owner, ok := s.logDestination(src.Bucket); ok {
			rec := record()
			rec.BucketOwner, rec.Bucket, rec.Region = owner, src.Bucket, dest.SourceRegion
			rec.Operation, rec.Key, rec.VersionID = "REST.COPY.OBJECT_GET", src.Key, src.VersionID
			s.queueAccessRecord(dest, rec)
		}
	}
}

// accessRecord builds the record of a finished request, without the
// bucket fields (the caller names the bucket whose log it goes to).
func (s *Server) accessRecord(r *http.Request, e *accessEntry, op *operation, key string) accesslog.Record {
	status := e.w.status
	if status == 0 {
		status = http.StatusOK
	}
	rec := accesslog.Record{
		Time:           e.received,
		RemoteIP:       remoteIP(r),
		Requester:      s.requesterField(e.principal),
		RequestID:      e.ids.RequestID,
		Operation:      operationName(r.Method, op, key),
		Key:            key,
		RequestURI:     r.Method + " " + r.RequestURI + " " + r.Proto,
		HTTPStatus:     status,
		ErrorCode:      e.errCode,
		BytesSent:      e.w.bytes,
		TotalTime:      time.Since(e.start),
		TurnAroundTime: e.w.firstByte.Sub(e.start),
		Referer:        r.Header.Get("Referer"),
		UserAgent:      r.Header.Get("User-Agent"),
		VersionID:      r.URL.Query().Get("versionId"),
		HostID:         e.ids.HostID,
		HostHeader:     r.Host,
	}
	if e.w.firstByte.IsZero() {
		rec.TurnAroundTime = rec.TotalTime
	}
	if key != "" && status < 300 {
		rec.ObjectSize = objectSize(r, e.w.Header())
	}
	rec.SignatureVersion, rec.AuthType = authFields(r)
	if r.TLS != nil {
		rec.CipherSuite = cipherSuiteName(r.TLS.CipherSuite)
		rec.TLSVersion = "TLSv" + tlsVersionNumber(r.TLS.Version)
	}
	return rec
}

// logDestination returns where a bucket's records go and its owner's
// canonical id, or ok=false when the bucket is missing or does not log.
func (s *Server) logDestination(bucket string) (d accesslog.Destination, owner string, ok bool) {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	b := s.store.get(bucket)
	if b == nil || !b.config.logging.Enabled {
		return d, "", false
	}
	l := b.config.logging
	return accesslog.Destination{
		SourceBucket: b.Name, SourceAccount: s.opts.AccountID, SourceRegion: b.Region,
		TargetBucket: l.TargetBucket, TargetPrefix: l.TargetPrefix,
		KeyFormat: l.KeyFormat, DateSource: l.PartitionDateSource,
	}, canonicalUserID(s.opts.AccountID), true
}

// requesterField is the Requester of a record: the canonical id for the
// account root, the principal's ARN for an IAM user, "-" for anonymous.
func (s *Server) requesterField(p *principal) string {
	switch {
	case p == nil:
		return ""
	case p.isRoot:
		return canonicalUserID(p.account)
	}
	return p.creds.ARN
}

// remoteIP is the client address without its port.
func remoteIP(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// authFields are the Signature Version and Authentication Type fields.
func authFields(r *http.Request) (sigVersion, authType string) {
	switch {
	case r.URL.Query().Has("X-Amz-Signature"):
		return "SigV4", "QueryString"
	case strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-"):
		return "SigV4", "AuthHeader"
	case strings.HasPrefix(r.Header.Get("Authorization"), "AWS "):
		return "SigV2", "AuthHeader"
	}
	return "", ""
}

// objectSize is the Object Size field: the whole object's size, from the
// upload's length on writes and the response headers on reads.
func objectSize(r *http.Request, h http.Header) int64 {
	if r.Method == http.MethodPut {
		if n, err := strconv.ParseInt(r.Header.Get("X-Amz-Decoded-Content-Length"), 10, 64); err == nil {
			return n
		}
		return r.ContentLength
	}
	if cr := h.Get("Content-Range"); cr != "" {
		if i := strings.LastIndexByte(cr, '/'); i >= 0 {
			n, _ := strconv.ParseInt(cr[i+1:], 10, 64)
			return n
		}
	}
	n, _ := strconv.ParseInt(h.Get("Content-Length"), 10, 64)
	return n
}

// opensslCipherNames maps Go's cipher suite ids to the OpenSSL names S3
// logs (TLS 1.3 suites keep their IANA names there too).
var opensslCipherNames = map[uint16]string{
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:       "ECDHE-RSA-AES128-GCM-SHA256",
	tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:       "ECDHE-RSA-AES256-GCM-SHA384",
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:     "ECDHE-ECDSA-AES128-GCM-SHA256",
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:     "ECDHE-ECDSA-AES256-GCM-SHA384",
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: "ECDHE-RSA-CHACHA20-POLY1305",
}

// cipherSuiteName is the Cipher Suite field.
func cipherSuiteName(id uint16) string {
	if n, ok := opensslCipherNames[id]; ok {
		return n
	}
	return tls.CipherSuiteName(id)
}
