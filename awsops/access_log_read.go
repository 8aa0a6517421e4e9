package awsops

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/internal/s3accesslog"
)

// LogRecord is one parsed server access log record.
type LogRecord = s3accesslog.Record

// LogLineError is a line of a log object that is not a record.
type LogLineError = s3accesslog.ParseError

// LogQuery bounds a read of access logs: the newest log objects first,
// never more than the limits. Zero values take the defaults.
type LogQuery struct {
	Since      time.Time // only records from then on; zero: no time bound
	MaxObjects int       // log objects read at most (default 20)
	MaxBytes   int64     // bytes read at most, all objects together (default 8 MiB)
	MaxListed  int       // keys listed at most while looking for the newest (default 10000)
	MaxRecords int       // records kept at most, newest first; 0: all that were read
	Now        time.Time // the present, for the search windows; zero: the wall clock
	// Progress is told how the read advances, one call at a time; nil: not told.
	Progress func(LogProgress)
}

// LogProgress is how far a read of access logs has come.
type LogProgress struct {
	Listed int   // keys listed so far
	Found  int   // log objects of the source among them
	Read   int   // log objects read
	ToRead int   // log objects chosen to be read (0 while listing)
	Bytes  int64 // bytes read
}

// Defaults of LogQuery.
const (
	defaultLogObjects = 20
	defaultLogBytes   = 8 << 20
	defaultLogListed  = 10000
	logReaders        = 4 // log objects fetched at once
)

// LogResult is what a read of access logs found.
type LogResult struct {
	Target   AccessLogTarget
	Records  []LogRecord      // newest first
	Objects  []string         // the log objects read, newest first
	BadLines []*LogLineError  // lines that are not records, with object and line
	Unread   []LogObjectError // log objects that could not be read (the others were)
	Found    int              // log objects of the source found by the listing
	Bytes    int64            // bytes read
	// Limits says which bound stopped the read early, in words; empty
	// when everything found was read.
	Limits []string
}

// LogObjectError is a log object that could not be read: it may have
// expired since the listing, or its key or policy may refuse the caller.
type LogObjectError struct {
	Key string
	Err error
}

// Error names the object and the cause.
func (e LogObjectError) Error() string { return e.Key + ": " + e.Err.Error() }

// logObject is one log object found by the listing.
type logObject struct {
	key      string
	size     int64
	modified time.Time
}

// AccessLogs reads the newest server access log records of bucket from its
// configured target (AccessLogTarget, then ReadAccessLogs).
func (s *Session) AccessLogs(ctx context.Context, bucket string, q LogQuery) (LogResult, error) {
	t, err := s.AccessLogTarget(ctx, bucket)
	if err != nil {
		return LogResult{Target: t}, err
	}
	return s.ReadAccessLogs(ctx, t, q)
}

// ReadAccessLogs finds the newest log objects of t's source under its
// prefix (in windows of growing age, so a long history is not listed to
// its end), reads them within the query's bounds, and parses them.
// Records of other sources sharing a simple prefix and records before
// Since are left out; lines that are not records and objects that cannot
// be read are reported, not fatal, unless no object could be read.
func (s *Session) ReadAccessLogs(ctx context.Context, t AccessLogTarget, q LogQuery) (LogResult, error) {
	q = q.withDefaults()
	res := LogResult{Target: t}
	objs, complete, err := s.findLogObjects(ctx, t, q)
	if err != nil {
		return res, err
	}
	res.Found = len(objs)
	if !complete {
		res.Limits = append(res.Limits, fmt.Sprintf("listed %d keys and stopped: newer log objects may exist (use a later since)", q.MaxListed))
	}
	chosen, limits := chooseLogObjects(objs, q)
	res.Limits = append(res.Limits, limits...)
	reads := s.fetchLogObjects(ctx, t, chosen, q.MaxBytes, func(read int, bytes int64) {
		q.report(LogProgress{Found: len(objs), Read: read, ToRead: len(chosen), Bytes: bytes})
	})
	for i, r := range reads {
		if r.err != nil {
			if ctx.Err() != nil {
				return res, r.err
			}
			res.Unread = append(res.Unread, LogObjectError{Key: chosen[i].key, Err: r.err})
			continue
		}
		res.Objects = append(res.Objects, chosen[i].key)
		res.Bytes += r.bytes
		res.BadLines = append(res.BadLines, r.bad...)
		for j := len(r.records) - 1; j >= 0; j-- { // a later line is a later request: newest first, also on equal times
			if rec := r.records[j]; rec.Bucket == t.SourceBucket && !rec.Time.Before(q.Since) {
				res.Records = append(res.Records, rec)
			}
		}
		if r.cut {
			res.Limits = append(res.Limits, fmt.Sprintf("%s read only to %d bytes", chosen[i].key, r.bytes))
		}
	}
	if len(res.Unread) > 0 && len(res.Objects) == 0 {
		return res, res.Unread[0].Err // nothing could be read: that is the answer
	}
	sort.SliceStable(res.Records, func(i, j int) bool { return res.Records[i].Time.After(res.Records[j].Time) })
	if q.MaxRecords > 0 && len(res.Records) > q.MaxRecords {
		res.Records = res.Records[:q.MaxRecords]
		res.Limits = append(res.Limits, fmt.Sprintf("kept the newest %d records", q.MaxRecords))
	}
	return res, nil
}

// report tells Progress, when set.
func (q LogQuery) report(p LogProgress) {
	if q.Progress != nil {
		q.Progress(p)
	}
}

// withDefaults fills the zero bounds.
func (q LogQuery) withDefaults() LogQuery {
	if q.MaxObjects <= 0 {
		q.MaxObjects = defaultLogObjects
	}
	if q.MaxBytes <= 0 {
		q.MaxBytes = defaultLogBytes
	}
	if q.MaxListed <= 0 {
		q.MaxListed = defaultLogListed
	}
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	return q
}

// logWindows are the ages listed in turn when no Since is given: the
// newest objects are usually in the first, and a quiet log is still found.
var logWindows = []time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour, 31 * 24 * time.Hour}

// findLogObjects lists the source's log objects: from Since when given,
// else from each window's start until enough are found (each window
// listing only what the previous one did not), and finally from the top.
// complete is false when MaxListed stopped a listing.
func (s *Session) findLogObjects(ctx context.Context, t AccessLogTarget, q LogQuery) ([]logObject, bool, error) {
	l := listingOf(t)
	c := s.s3Client(t.TargetRegion)
	listed := 0
	var found []logObject
	list := func(from, until string) (bool, error) {
		var token *string
		for {
			in := &s3.ListObjectsV2Input{Bucket: aws.String(t.TargetBucket), Prefix: aws.String(l.prefix),
				EncodingType: types.EncodingTypeUrl, ContinuationToken: token}
			if from != "" && token == nil {
				in.StartAfter = aws.String(from)
			}
			out, err := c.ListObjectsV2(ctx, in)
			if err != nil {
				return false, wrapOp("s3:ListObjectsV2", err)
			}
			dec := newKeyDecoder(out.EncodingType)
			for _, o := range out.Contents {
				k := dec.key(o.Key)
				if until != "" && k > until {
					return true, nil // listed by the previous window
				}
				listed++
				if l.match.MatchString(k) {
					found = append(found, logObject{key: k, size: aws.ToInt64(o.Size), modified: aws.ToTime(o.LastModified)})
				}
			}
			if dec.err != nil {
				return false, wrapOp("s3:ListObjectsV2", dec.err)
			}
			q.report(LogProgress{Listed: listed, Found: len(found)})
			if !aws.ToBool(out.IsTruncated) {
				return true, nil
			}
			if listed >= q.MaxListed {
				return false, nil
			}
			token = out.NextContinuationToken
		}
	}
	if !q.Since.IsZero() || l.startAt == nil {
		from := ""
		if !q.Since.IsZero() && l.startAt != nil {
			from = l.startAt(q.Since)
		}
		ok, err := list(from, "")
		return found, ok, err
	}
	until := ""
	for _, w := range logWindows {
		from := l.startAt(q.Now.Add(-w))
		ok, err := list(from, until)
		if err != nil || !ok || len(found) >= q.MaxObjects {
			return found, ok, err
		}
		until = from
	}
	ok, err := list("", until)
	return found, ok, err
}

// chooseLogObjects picks the newest objects within MaxObjects and MaxBytes
// (the newest one always, read only in part when it alone is too big).
func chooseLogObjects(objs []logObject, q LogQuery) ([]logObject, []string) {
	sort.SliceStable(objs, func(i, j int) bool {
		if !objs[i].modified.Equal(objs[j].modified) {
			return objs[i].modified.After(objs[j].modified)
		}
		return objs[i].key > objs[j].key
	})
	var chosen []logObject
	var limits []string
	var total int64
	for i, o := range objs {
		if len(chosen) == q.MaxObjects {
			limits = append(limits, fmt.Sprintf("read the newest %d of %d log objects", q.MaxObjects, len(objs)))
			break
		}
		if len(chosen) > 0 && total+o.size > q.MaxBytes {
			limits = append(limits, fmt.Sprintf("read the newest %d of %d log objects (%d bytes at most)", i, len(objs), q.MaxBytes))
			break
		}
		chosen = append(chosen, o)
		total += o.size
	}
	return chosen, limits
}

// logRead is one fetched and parsed log object.
type logRead struct {
	records []LogRecord
	bad     []*LogLineError
	bytes   int64
	cut     bool // the object was larger than the bytes left and was read in part
	err     error
}

// fetchLogObjects reads and parses the chosen objects, a few at a time,
// sharing a budget of maxBytes; the results are in the order of objs.
func (s *Session) fetchLogObjects(ctx context.Context, t AccessLogTarget, objs []logObject, maxBytes int64, done func(read int, bytes int64)) []logRead {
	out := make([]logRead, len(objs))
	var mu sync.Mutex // serialises done
	read, bytes := 0, int64(0)
	c := s.s3Client(t.TargetRegion)
	var wg sync.WaitGroup
	sem := make(chan struct{}, logReaders)
	per := maxBytes // each object was chosen within the total; the newest alone may exceed it
	for i, o := range objs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = readLogObject(ctx, c, t.TargetBucket, o.key, per)
			mu.Lock()
			defer mu.Unlock()
			read++
			bytes += out[i].bytes
			done(read, bytes)
		}()
	}
	wg.Wait()
	return out
}

// readLogObject reads one log object up to limit bytes; a cut object loses
// its last, partial line rather than reporting it as malformed.
func readLogObject(ctx context.Context, c *s3.Client, bucket, key string, limit int64) logRead {
	obj, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return logRead{err: wrapOp("s3:GetObject", err)}
	}
	defer obj.Body.Close()
	body, err := io.ReadAll(io.LimitReader(obj.Body, limit+1))
	if err != nil {
		return logRead{err: wrapOp("s3:GetObject", err)}
	}
	r := logRead{}
	if int64(len(body)) > limit {
		body = body[:limit]
		if i := bytes.LastIndexByte(body, '\n'); i >= 0 {
			body = body[:i+1]
		} else {
			body = nil
		}
		r.cut = true
	}
	r.bytes = int64(len(body))
	r.records, r.bad, r.err = s3accesslog.ReadAll(bytes.NewReader(body), key)
	return r
}
