package sandbox

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/s3sec/s3sec/sandbox/accesslog"
	"github.com/s3sec/s3sec/sandbox/policy"
)

// Log delivery as S3 does it (S3-BEHAVIOR 4.5): records wait in a buffer and
// are written, as the logging service, into the target bucket on an
// interval. A write the target refuses is dropped silently, as on AWS; the
// sandbox keeps the reason (LogDeliveryFailures) and prints it to
// Options.LogWriter, since nothing else would show it.

// loggingService is the principal S3 delivers server access logs as.
const loggingService = "logging.s3.amazonaws.com"

// logDeliveryRequester is the Requester field of the log writes' own
// records; AWS's exact value is unverified (S3-BEHAVIOR 11), this names the
// service the way other service principals appear in S3 logs.
const logDeliveryRequester = "svc:" + loggingService

// maxBufferedRecords bounds the records waiting for delivery (memory only).
const maxBufferedRecords = 100000

// maxKeptFailures bounds the delivery failures remembered.
const maxKeptFailures = 200

// LogDelivery is one attempt to write a log object.
type LogDelivery struct {
	Time         time.Time // delivery time (Options.Clock)
	SourceBucket string
	TargetBucket string
	Key          string // the log object's key
	Records      int
	Failure      string // why the target did not receive it; "" when delivered
}

// accessLogState is the buffer and the delivery history of a server.
type accessLogState struct {
	buf       accesslog.Buffer
	deliverMu sync.Mutex // one flush at a time
	mu        sync.Mutex // guards failures
	failures  []LogDelivery
	stop      chan struct{}
}

// queueAccessRecord adds a record to the buffer; a full buffer loses it, as
// a delivery failure would.
func (s *Server) queueAccessRecord(d accesslog.Destination, r accesslog.Record) {
	if !s.logs.buf.Add(d, r) {
		s.noteFailure(LogDelivery{Time: s.opts.Clock().UTC(), SourceBucket: d.SourceBucket, TargetBucket: d.TargetBucket,
			Records: 1, Failure: "too many records waiting for delivery"})
	}
}

// FlushAccessLogs delivers every buffered server access log record now and
// returns one entry per log object attempted. The log writes are requests
// to the target bucket: when the target logs too, their records wait for
// the next flush (so a logging loop grows by one object per flush).
func (s *Server) FlushAccessLogs() []LogDelivery {
	s.logs.deliverMu.Lock()
	defer s.logs.deliverMu.Unlock()
	var out []LogDelivery
	for _, b := range s.logs.buf.Drain() {
		d := s.deliver(b)
		if d.Failure != "" {
			s.noteFailure(d)
		}
		out = append(out, d)
	}
	return out
}

// LogDeliveryFailures returns the most recent failed deliveries, oldest first.
func (s *Server) LogDeliveryFailures() []LogDelivery {
	s.logs.mu.Lock()
	defer s.logs.mu.Unlock()
	return append([]LogDelivery(nil), s.logs.failures...)
}

// noteFailure remembers a failure and reports it on Options.LogWriter.
func (s *Server) noteFailure(d LogDelivery) {
	s.logs.mu.Lock()
	s.logs.failures = append(s.logs.failures, d)
	if n := len(s.logs.failures); n > maxKeptFailures {
		s.logs.failures = append([]LogDelivery(nil), s.logs.failures[n-maxKeptFailures:]...)
	}
	s.logs.mu.Unlock()
	if w := s.opts.LogWriter; w != nil {
		fmt.Fprintf(w, "s3sec sandbox: %d access log record(s) of %s not delivered to %s: %s\n",
			d.Records, d.SourceBucket, d.TargetBucket, d.Failure)
	}
}

// deliver writes one batch as a log object into its target, unless the
// target refuses the logging service.
func (s *Server) deliver(b accesslog.Batch) LogDelivery {
	now := s.opts.Clock().UTC()
	dest := b.Destination
	key := dest.ObjectKey(now, b.EventDay, accesslog.UniqueString())
	res := LogDelivery{Time: now, SourceBucket: dest.SourceBucket, TargetBucket: dest.TargetBucket, Key: key, Records: len(b.Records)}
	body := b.Body()

	start := time.Now()
	st := s.store
	st.mu.Lock()
	target := st.get(dest.TargetBucket)
	if why := s.deliveryProblem(target, dest, key); why != "" {
		st.mu.Unlock()
		res.Failure = why
		return res
	}
	v := newDataVersion(key, int64(len(body)), "text/plain", now)
	sc := keyScope{Bucket: target.Name, Region: target.Region, Key: key, Requester: logDeliveryRequester}
	if err := s.sealContent(v, body, chooseSSE(sseRequest{}, target.config.encryption), sc); err != nil {
		st.mu.Unlock()
		res.Failure = "writing the log object failed: " + err.Message
		return res
	}
	target.putVersion(v, s.versionIDs.next)
	st.mu.Unlock()

	s.logDeliveryWrite(target.Name, key, int64(len(body)), v.VersionID, now, time.Since(start))
	return res
}

// deliveryProblem says why the target would refuse the logging service's
// write of key, or "" when it accepts it; the caller holds the store lock.
// The sandbox has no ACLs (every bucket is BucketOwnerEnforced), so the
// grant must come from the target's bucket policy.
func (s *Server) deliveryProblem(target *bucket, dest accesslog.Destination, key string) string {
	if target == nil {
		return "the target bucket does not exist"
	}
	if target.Region != dest.SourceRegion {
		return "the target bucket is in " + target.Region + ", the source in " + dest.SourceRegion
	}
	if alg := target.config.encryption.Algorithm; alg == algKMS || alg == algDSSE {
		return "the target bucket's default encryption is " + alg + "; S3 delivers server access logs only to buckets encrypted with SSE-S3"
	}
	req := policy.Request{
		Principal: policy.Principal{Kind: policy.Service, Service: loggingService},
		Action:    "s3:PutObject",
		Resource:  "arn:aws:s3:::" + target.Name + "/" + key,
		Keys: map[string][]string{
			"aws:sourcearn":             {"arn:aws:s3:::" + dest.SourceBucket},
			"aws:sourceaccount":         {dest.SourceAccount},
			"aws:securetransport":       {"true"},
			"s3:resourceaccount":        {s.opts.AccountID},
			"aws:viaawsservice":         {"false"},
			"aws:principalisawsservice": {"true"},
			"aws:currenttime":           {s.opts.Clock().UTC().Format(time.RFC3339)},
			"aws:epochtime":             {strconv.FormatInt(s.opts.Clock().Unix(), 10)},
		},
	}
	// A service principal has no identity permissions: only an Allow
	// naming it (or everyone) lets the write in, and a Deny wins.
	switch res := target.config.policyDoc.Evaluate(req); res.Decision {
	case policy.ExplicitDeny:
		return "the target bucket policy denies " + loggingService + " s3:PutObject (statement " + quoteSid(res.Statement.Sid) + ")"
	case policy.ImplicitDeny:
		return "the target bucket policy does not allow " + loggingService + " s3:PutObject on " + req.Resource
	}
	return ""
}

// quoteSid names a statement for a message.
func quoteSid(sid string) string {
	if sid == "" {
		return "without Sid"
	}
	return `"` + sid + `"`
}

// logDeliveryWrite records the log object write itself when the target
// bucket logs too: delivery is a request like any other.
func (s *Server) logDeliveryWrite(target, key string, size int64, versionID string, now time.Time, took time.Duration) {
	dest, owner, ok := s.logDestination(target)
	if !ok {
		return
	}
	if versionID == nullVersionID {
		versionID = ""
	}
	ids := newRequestIDs()
	s.queueAccessRecord(dest, accesslog.Record{
		BucketOwner:      owner,
		Bucket:           target,
		Time:             now,
		Requester:        logDeliveryRequester,
		RequestID:        ids.RequestID,
		Operation:        "REST.PUT.OBJECT",
		Key:              key,
		RequestURI:       "PUT /" + target + "/" + accesslog.EscapeKey(key) + " HTTP/1.1",
		HTTPStatus:       200,
		ObjectSize:       size,
		TotalTime:        took,
		TurnAroundTime:   took,
		HostID:           ids.HostID,
		SignatureVersion: "SigV4",
		AuthType:         "AuthHeader",
		HostHeader:       target + ".s3." + dest.SourceRegion + ".amazonaws.com",
		TLSVersion:       "TLSv1.2",
		Region:           dest.SourceRegion,
	})
}

// startLogDelivery flushes on Options.AccessLogInterval until Close.
func (s *Server) startLogDelivery() {
	s.logs.buf.MaxRecords = maxBufferedRecords
	s.logs.stop = make(chan struct{})
	if s.opts.AccessLogInterval <= 0 {
		return
	}
	go func() {
		t := time.NewTicker(s.opts.AccessLogInterval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				s.FlushAccessLogs()
			case <-s.logs.stop:
				return
			}
		}
	}()
}

// stopLogDelivery ends the interval flushes.
func (s *Server) stopLogDelivery() {
	if s.logs.stop != nil {
		close(s.logs.stop)
	}
}
