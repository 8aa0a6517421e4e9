// Package accesslog is S3 server access logging as data: the record of one
// request in AWS's log format, the names of log objects, and the buffer that
// batches records per destination until they are delivered. It knows
// nothing of HTTP or of the sandbox's buckets; the sandbox fills records and
// writes the batches.
package accesslog

import (
	"github.com/s3sec/s3sec/sandbox/internal/uriencode"
	"strconv"
	"strings"
	"time"
)

// Record is one request as S3 server access logging reports it. Empty
// strings and zero sizes are written as "-".
type Record struct {
	BucketOwner      string    // canonical user id of the source bucket's owner
	Bucket           string    // source bucket
	Time             time.Time // when the request was received
	RemoteIP         string
	Requester        string // canonical id, IAM ARN, "" for anonymous
	RequestID        string
	Operation        string // REST.PUT.OBJECT, ...
	Key              string // raw object key; written URL-encoded
	RequestURI       string // request line: "GET /bucket?versioning HTTP/1.1"
	HTTPStatus       int
	ErrorCode        string
	BytesSent        int64
	ObjectSize       int64 // -1 or 0: not applicable
	TotalTime        time.Duration
	TurnAroundTime   time.Duration
	Referer          string
	UserAgent        string
	VersionID        string
	HostID           string
	SignatureVersion string // SigV4 or ""
	CipherSuite      string
	AuthType         string // AuthHeader, QueryString or ""
	HostHeader       string
	TLSVersion       string // TLSv1.2, TLSv1.3 or ""
	AccessPointARN   string
	ACLRequired      bool
	Region           string // the newest (27th) field; its semantics are unverified (S3-BEHAVIOR 4.4)
}

// FieldCount is the number of fields Format writes.
const FieldCount = 27

// TimeLayout is the layout of the Time field, brackets included.
const TimeLayout = "[02/Jan/2006:15:04:05 -0700]"

// Format renders the record as one log line without the trailing newline,
// fields in the documented order (S3-BEHAVIOR 4.4).
func (r Record) Format() string {
	fields := []string{
		dash(r.BucketOwner),
		dash(r.Bucket),
		r.Time.UTC().Format(TimeLayout),
		dash(r.RemoteIP),
		dash(r.Requester),
		dash(r.RequestID),
		dash(r.Operation),
		dash(EscapeKey(r.Key)),
		quote(r.RequestURI),
		strconv.Itoa(r.HTTPStatus),
		dash(r.ErrorCode),
		size(r.BytesSent),
		size(r.ObjectSize),
		millis(r.TotalTime),
		millis(r.TurnAroundTime),
		quote(r.Referer),
		quote(r.UserAgent),
		dash(r.VersionID),
		dash(r.HostID),
		dash(r.SignatureVersion),
		dash(r.CipherSuite),
		dash(r.AuthType),
		dash(r.HostHeader),
		dash(r.TLSVersion),
		dash(r.AccessPointARN),
		yes(r.ACLRequired),
		dash(r.Region),
	}
	for i, f := range fields {
		if i != 2 && i != 8 && i != 15 && i != 16 {
			fields[i] = strings.Map(noSpace, f) // unquoted fields never contain a separator
		}
	}
	return strings.Join(fields, " ")
}

// dash writes an empty value as "-".
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// quote writes a quoted field; quotes, backslashes and control characters
// inside are escaped so one record stays one line.
func quote(s string) string {
	if s == "" {
		return `"-"`
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range []byte(s) {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(c)|0x100, 16)[1:])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// noSpace replaces separators and control characters in an unquoted field.
func noSpace(r rune) rune {
	if r <= ' ' || r == 0x7f {
		return '_'
	}
	return r
}

// size writes a byte count, "-" when zero or unknown.
func size(n int64) string {
	if n <= 0 {
		return "-"
	}
	return strconv.FormatInt(n, 10)
}

// millis writes a duration in whole milliseconds.
func millis(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return strconv.FormatInt(d.Milliseconds(), 10)
}

// yes writes the aclRequired field.
func yes(b bool) string {
	if b {
		return "Yes"
	}
	return "-"
}

// EscapeKey URL-encodes an object key as the Key field shows it: every
// byte outside the unreserved set and "/" as %XX.
func EscapeKey(key string) string { return uriencode.Path(key) }
