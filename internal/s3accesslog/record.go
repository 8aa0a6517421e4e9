// Package s3accesslog reads Amazon S3 server access logs: the record of one
// request in AWS's documented format (S3-BEHAVIOR 4.4), parsed field by
// field with clear errors for lines that are not records. It is a leaf
// package shared by awsops (which reads the logs of real endpoints), the
// console and the sandbox's tests (which check what the sandbox writes).
package s3accesslog

import "time"

// Record is one request as S3 server access logging reports it. A field
// written as "-" is the zero value.
type Record struct {
	BucketOwner      string    // canonical user id of the source bucket's owner
	Bucket           string    // the source bucket
	Time             time.Time // when the request was received (UTC)
	RemoteIP         string
	Requester        string // canonical id, IAM ARN, or "" for an anonymous request
	RequestID        string
	Operation        string // REST.PUT.OBJECT, ...
	Key              string // the object key, URL-decoded (as written when it does not decode)
	RequestURI       string // the request line: "GET /bucket?versioning HTTP/1.1"
	HTTPStatus       int
	ErrorCode        string
	BytesSent        int64
	ObjectSize       int64
	TotalTime        time.Duration // whole milliseconds
	TurnAroundTime   time.Duration // whole milliseconds
	Referer          string
	UserAgent        string
	VersionID        string
	HostID           string
	SignatureVersion string // SigV2, SigV4, or "" (anonymous)
	CipherSuite      string // "" over plain HTTP
	AuthType         string // AuthHeader, QueryString, or ""
	HostHeader       string
	TLSVersion       string // TLSv1.2, TLSv1.3, or "" over plain HTTP
	AccessPointARN   string
	ACLRequired      bool
	Region           string   // the 27th field; its exact meaning is not documented yet
	Extra            []string // fields AWS appended after the ones known here

	// Fields is how many fields the line had. Old logs end earlier (the
	// TLS fields arrived in 2019), so a missing field is unknown, not "-".
	Fields int
}

// FieldCount is the number of fields known here; lines may have more.
const FieldCount = 27

// MinFields is the fewest fields a record may have: logs written before
// AWS added Host Id and the later fields end after Version Id.
const MinFields = 18

// FieldNames are the documented names of the fields, in order.
var FieldNames = [FieldCount]string{
	"Bucket Owner", "Bucket", "Time", "Remote IP", "Requester", "Request ID", "Operation", "Key",
	"Request-URI", "HTTP status", "Error Code", "Bytes Sent", "Object Size", "Total Time",
	"Turn-Around Time", "Referer", "User-Agent", "Version Id", "Host Id", "Signature Version",
	"Cipher Suite", "Authentication Type", "Host Header", "TLS version", "Access Point ARN",
	"aclRequired", "Region",
}

// Field numbers (1-based, as the documentation counts) the parser checks.
const (
	fieldTime       = 3
	fieldKey        = 8
	fieldRequestURI = 9
	fieldStatus     = 10
	fieldReferer    = 16
	fieldUserAgent  = 17
	fieldCipher     = 21
	fieldTLSVersion = 24
)

// TimeLayout is the layout of the Time field inside its brackets.
const TimeLayout = "02/Jan/2006:15:04:05 -0700"

// Anonymous reports whether the request carried no credentials.
func (r Record) Anonymous() bool { return r.Requester == "" }

// PlainHTTP reports whether the request came over plain HTTP: no cipher
// suite and no TLS version. A record too old to have those fields is not
// counted, since nothing says how it travelled.
func (r Record) PlainHTTP() bool {
	return r.Fields >= fieldTLSVersion && r.CipherSuite == "" && r.TLSVersion == ""
}

// Failed reports whether S3 answered with an error (HTTP 4xx or 5xx).
func (r Record) Failed() bool { return r.HTTPStatus >= 400 }
