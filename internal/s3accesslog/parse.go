package s3accesslog

import (
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// ParseError is a line that is not a record. Object and Line are filled by
// the readers (Line counts from 1); Field is 0 when no single field is at fault.
type ParseError struct {
	Object string // the log object, when known
	Line   int
	Field  int
	Reason string
}

// Error names the object, the line, the field by number and name, and why.
func (e *ParseError) Error() string {
	s := "access log"
	if e.Object != "" {
		s += " " + e.Object
	}
	if e.Line > 0 {
		s += fmt.Sprintf(" line %d", e.Line)
	}
	if e.Field > 0 {
		name := "appended field"
		if e.Field <= FieldCount {
			name = FieldNames[e.Field-1]
		}
		s += fmt.Sprintf(", field %d (%s)", e.Field, name)
	}
	return s + ": " + e.Reason
}

// fieldError is a ParseError about field n (1-based).
func fieldError(n int, format string, args ...any) *ParseError {
	return &ParseError{Field: n, Reason: fmt.Sprintf(format, args...)}
}

// Parse parses one log line (without its newline). Unknown trailing fields
// are kept in Extra; a missing field past MinFields is left empty. Errors
// are *ParseError.
func Parse(line string) (Record, error) {
	toks, err := split(line)
	if err != nil {
		return Record{}, err
	}
	if len(toks) < MinFields {
		return Record{}, &ParseError{Reason: fmt.Sprintf("%d fields, a record has at least %d", len(toks), MinFields)}
	}
	p := parser{toks: toks}
	r := Record{Fields: len(toks)}
	r.BucketOwner = p.str(1)
	r.Bucket = p.str(2)
	r.Time = p.time(fieldTime)
	r.RemoteIP = p.str(4)
	r.Requester = p.str(5)
	r.RequestID = p.str(6)
	r.Operation = p.str(7)
	r.Key = decodeKey(p.str(fieldKey))
	r.RequestURI = p.quoted(fieldRequestURI)
	r.HTTPStatus = int(p.number(fieldStatus))
	r.ErrorCode = p.str(11)
	r.BytesSent = p.number(12)
	r.ObjectSize = p.number(13)
	r.TotalTime = time.Duration(p.number(14)) * time.Millisecond
	r.TurnAroundTime = time.Duration(p.number(15)) * time.Millisecond
	r.Referer = p.quoted(fieldReferer)
	r.UserAgent = p.quoted(fieldUserAgent)
	r.VersionID = p.str(18)
	r.HostID = p.str(19)
	r.SignatureVersion = p.str(20)
	r.CipherSuite = p.str(fieldCipher)
	r.AuthType = p.str(22)
	r.HostHeader = p.str(23)
	r.TLSVersion = p.str(fieldTLSVersion)
	r.AccessPointARN = p.str(25)
	r.ACLRequired = p.str(26) == "Yes"
	r.Region = p.str(27)
	for _, t := range toks[min(len(toks), FieldCount):] {
		r.Extra = append(r.Extra, t.text)
	}
	if p.err != nil {
		return Record{}, p.err
	}
	return r, nil
}

// parser reads the fields of one line, keeping the first error.
type parser struct {
	toks []token
	err  *ParseError
}

// str is field n with "-" as "", or "" when the line ends before it.
func (p *parser) str(n int) string {
	if n > len(p.toks) {
		return ""
	}
	t := p.toks[n-1]
	if t.bracketed && p.err == nil {
		p.err = fieldError(n, "unexpected [bracketed] value %q", t.text)
	}
	if t.text == "-" {
		return ""
	}
	return t.text
}

// quoted is a field S3 always writes in quotes; a bare word there means
// the line is not in the format (a field is missing or split).
func (p *parser) quoted(n int) string {
	t := p.toks[n-1]
	if !t.quoted && t.text != "-" && p.err == nil {
		p.err = fieldError(n, "want a quoted value, got %q", t.text)
	}
	if t.text == "-" {
		return ""
	}
	return t.text
}

// number is a non-negative integer field; "-" is 0.
func (p *parser) number(n int) int64 {
	s := p.str(n)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if (err != nil || v < 0) && p.err == nil {
		p.err = fieldError(n, "%q is not a number", s)
	}
	return v
}

// time is the [bracketed] request time.
func (p *parser) time(n int) time.Time {
	t := p.toks[n-1]
	if !t.bracketed {
		if p.err == nil {
			p.err = fieldError(n, "want a [bracketed] time, got %q", t.text)
		}
		return time.Time{}
	}
	v, err := time.Parse(TimeLayout, t.text)
	if err != nil && p.err == nil {
		p.err = fieldError(n, "%q is not a time like 06/Feb/2019:00:00:38 +0000", t.text)
	}
	return v.UTC()
}

// decodeKey undoes the URL encoding of the Key field; a key that does not
// decode is kept as written rather than lost.
func decodeKey(s string) string {
	if k, err := url.PathUnescape(s); err == nil {
		return k
	}
	return s
}
