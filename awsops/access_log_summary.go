package awsops

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// Anonymous is how a request without credentials is named in counts.
const Anonymous = "(anonymous)"

// Count is how many records share one value.
type Count struct {
	Name string
	N    int
}

// LogSummary is what a set of records says at a glance.
type LogSummary struct {
	Records      int
	First, Last  time.Time // the oldest and the newest record
	ByOperation  []Count   // most frequent first
	ByStatus     []Count   // HTTP status as text ("200", "403", "-" when absent)
	ByRequester  []Count   // Anonymous for requests without credentials
	TopKeys      []Count   // object keys, requests without a key left out
	Errors       []Count   // error codes of failed requests
	ClientErrors int       // 4xx answers
	ServerErrors int       // 5xx answers
	Anonymous    int       // requests without credentials
	PlainHTTP    int       // requests over plain HTTP
	PlainHTTPBy  []Count   // who made them
}

// SummariseLogs counts records by operation, status, requester, key and
// error; each list keeps its top entries (0: all), most frequent first,
// ties by name.
func SummariseLogs(recs []LogRecord, top int) LogSummary {
	s := LogSummary{Records: len(recs)}
	ops, statuses, reqs, keys, errs, plain := counter{}, counter{}, counter{}, counter{}, counter{}, counter{}
	for _, r := range recs {
		if s.First.IsZero() || r.Time.Before(s.First) {
			s.First = r.Time
		}
		if r.Time.After(s.Last) {
			s.Last = r.Time
		}
		ops.add(r.Operation)
		statuses.add(statusText(r.HTTPStatus))
		reqs.add(RequesterName(r))
		if r.Key != "" {
			keys.add(r.Key)
		}
		if r.ErrorCode != "" {
			errs.add(r.ErrorCode)
		}
		switch {
		case r.HTTPStatus >= 500:
			s.ServerErrors++
		case r.HTTPStatus >= 400:
			s.ClientErrors++
		}
		if r.Anonymous() {
			s.Anonymous++
		}
		if r.PlainHTTP() {
			s.PlainHTTP++
			plain.add(RequesterName(r))
		}
	}
	s.ByOperation, s.ByStatus, s.ByRequester = ops.top(top), statuses.top(top), reqs.top(top)
	s.TopKeys, s.Errors, s.PlainHTTPBy = keys.top(top), errs.top(top), plain.top(top)
	return s
}

// RequesterName is the Requester of a record, Anonymous when it has none.
func RequesterName(r LogRecord) string {
	if r.Anonymous() {
		return Anonymous
	}
	return r.Requester
}

// statusText is an HTTP status as counted.
func statusText(code int) string {
	if code == 0 {
		return "-"
	}
	return strconv.Itoa(code)
}

// counter counts occurrences of names.
type counter map[string]int

func (c counter) add(name string) {
	if name == "" {
		name = "-"
	}
	c[name]++
}

// top is the counts, most frequent first, ties by name, at most n (0: all).
func (c counter) top(n int) []Count {
	out := make([]Count, 0, len(c))
	for name, k := range c {
		out = append(out, Count{name, k})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Name < out[j].Name
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// PlainHTTPCounts is who sent requests over plain HTTP in recs, with how
// many, most first: the callers a TLS-only bucket policy would refuse.
func PlainHTTPCounts(recs []LogRecord) []Count {
	c := counter{}
	for _, r := range recs {
		if r.PlainHTTP() {
			c.add(RequesterName(r))
		}
	}
	return c.top(0)
}

// PlainHTTPUse answers "who would break if the bucket required TLS?" from
// its newest access log records. Available false means there was nothing
// to look at (Reason says why): that is not the same as nobody.
type PlainHTTPUse struct {
	Available  bool
	Reason     string // why no logs are available
	Records    int    // records looked at
	From, To   time.Time
	Requesters []Count // plain-HTTP requesters, most requests first; empty: none
}

// Describe says it in one line, keeping "no logs" apart from "none".
func (u PlainHTTPUse) Describe() string {
	switch {
	case !u.Available:
		return "no logs available: " + u.Reason
	case len(u.Requesters) == 0:
		return fmt.Sprintf("none: no plain-HTTP request among the %d newest logged requests", u.Records)
	}
	n := 0
	for _, c := range u.Requesters {
		n += c.N
	}
	return fmt.Sprintf("%d plain-HTTP requests by %d requesters among the %d newest logged requests", n, len(u.Requesters), u.Records)
}

// PlainHTTPRequesters reads the bucket's newest access log records (within
// q's bounds) and counts the requesters that used plain HTTP. Logging off
// and a target without delivered records are answers (Available false),
// not errors; a failed read is an error.
func (s *Session) PlainHTTPRequesters(ctx context.Context, bucket string, q LogQuery) (PlainHTTPUse, error) {
	res, err := s.AccessLogs(ctx, bucket, q)
	switch {
	case errors.Is(err, ErrLoggingOff):
		return PlainHTTPUse{Reason: ErrLoggingOff.Error()}, nil
	case err != nil:
		return PlainHTTPUse{}, err
	}
	return PlainHTTPUseOf(res), nil
}

// PlainHTTPUseOf is PlainHTTPUse from a read of the logs (AccessLogs).
func PlainHTTPUseOf(res LogResult) PlainHTTPUse {
	if len(res.Records) == 0 {
		reason := fmt.Sprintf("no log object under s3://%s/%s yet", res.Target.TargetBucket, res.Target.TargetPrefix)
		if len(res.Objects) > 0 {
			reason = fmt.Sprintf("the %d newest log objects hold no readable record of this bucket", len(res.Objects))
		}
		return PlainHTTPUse{Reason: reason}
	}
	u := PlainHTTPUse{Available: true, Records: len(res.Records), Requesters: PlainHTTPCounts(res.Records)}
	u.To, u.From = res.Records[0].Time, res.Records[len(res.Records)-1].Time
	return u
}
