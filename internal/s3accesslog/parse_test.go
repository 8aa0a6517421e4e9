package s3accesslog

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// owner is the canonical id of AWS's documented example lines.
const owner = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"

// everyField has a value other than "-" in each of the 27 fields, in the
// shape of the example lines of AWS's LogFormat page.
const everyField = owner + ` DOC-EXAMPLE-BUCKET1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 ` +
	`arn:aws:iam::123456789012:user/alice 3E57427F3EXAMPLE REST.PUT.OBJECT photos/my%20cat%2B1.jpg ` +
	`"PUT /DOC-EXAMPLE-BUCKET1/photos/my%20cat%2B1.jpg?x-tag=1 HTTP/1.1" 403 AccessDenied 243 4406583 41 28 ` +
	`"https://example.com/a page" "aws-cli/2.15 \"quoted\" back\\slash \x09tab" 3HL4kqtJvjVBH40Nrjfkd ` +
	`s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 ` +
	`QueryString DOC-EXAMPLE-BUCKET1.s3.us-west-1.amazonaws.com TLSv1.3 ` +
	`arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes us-west-1`

// wantEveryField is everyField parsed.
var wantEveryField = Record{
	BucketOwner: owner, Bucket: "DOC-EXAMPLE-BUCKET1", Time: time.Date(2019, 2, 6, 0, 0, 38, 0, time.UTC),
	RemoteIP: "192.0.2.3", Requester: "arn:aws:iam::123456789012:user/alice", RequestID: "3E57427F3EXAMPLE",
	Operation: "REST.PUT.OBJECT", Key: "photos/my cat+1.jpg",
	RequestURI: "PUT /DOC-EXAMPLE-BUCKET1/photos/my%20cat%2B1.jpg?x-tag=1 HTTP/1.1",
	HTTPStatus: 403, ErrorCode: "AccessDenied", BytesSent: 243, ObjectSize: 4406583,
	TotalTime: 41 * time.Millisecond, TurnAroundTime: 28 * time.Millisecond,
	Referer: "https://example.com/a page", UserAgent: "aws-cli/2.15 \"quoted\" back\\slash \ttab",
	VersionID: "3HL4kqtJvjVBH40Nrjfkd", HostID: "s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234=",
	SignatureVersion: "SigV4", CipherSuite: "ECDHE-RSA-AES128-GCM-SHA256", AuthType: "QueryString",
	HostHeader: "DOC-EXAMPLE-BUCKET1.s3.us-west-1.amazonaws.com", TLSVersion: "TLSv1.3",
	AccessPointARN: "arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP", ACLRequired: true, Region: "us-west-1",
	Fields: 27,
}

func TestParseGoldenLines(t *testing.T) {
	anonHTTP := Record{
		BucketOwner: owner, Bucket: "demo", Time: time.Date(2026, 5, 1, 10, 11, 12, 0, time.UTC), RemoteIP: "127.0.0.1",
		RequestID: "R1", Operation: "REST.GET.OBJECT", Key: "a", RequestURI: "GET /demo/a HTTP/1.1", HTTPStatus: 200,
		UserAgent: "curl/8", HostHeader: "localhost:9000", Fields: 27,
	}
	withExtra := wantEveryField
	withExtra.Fields, withExtra.Extra = 29, []string{"future-field", "another value"}
	// A record of 2018 ends after Version Id: it says nothing of TLS.
	old := Record{
		BucketOwner: owner, Bucket: "old", Time: time.Date(2018, 1, 2, 3, 4, 5, 0, time.UTC), RemoteIP: "192.0.2.9",
		Requester: owner, RequestID: "OLD1", Operation: "REST.HEAD.BUCKET", RequestURI: "HEAD /old HTTP/1.1", HTTPStatus: 200,
		TotalTime: 3 * time.Millisecond, UserAgent: "S3Console/0.4", Fields: 18,
	}
	// A time in another zone is read as the instant it names, in UTC.
	zoned := anonHTTP
	zoned.Time = time.Date(2026, 5, 1, 8, 11, 12, 0, time.UTC)
	cases := []struct {
		name, line string
		want       Record
		plain      bool
	}{
		{"every field", everyField, wantEveryField, false},
		{"anonymous over plain HTTP", owner + ` demo [01/May/2026:10:11:12 +0000] 127.0.0.1 - R1 REST.GET.OBJECT a "GET /demo/a HTTP/1.1" 200 - - - - - "-" "curl/8" - - - - - localhost:9000 - - - -`, anonHTTP, true},
		{"appended fields", everyField + ` future-field "another value"`, withExtra, false},
		{"old 18-field record", owner + ` old [02/Jan/2018:03:04:05 +0000] 192.0.2.9 ` + owner + ` OLD1 REST.HEAD.BUCKET - "HEAD /old HTTP/1.1" 200 - - - 3 - "-" "S3Console/0.4" -`, old, false},
		{"zone offset", owner + ` demo [01/May/2026:10:11:12 +0200] 127.0.0.1 - R1 REST.GET.OBJECT a "GET /demo/a HTTP/1.1" 200 - - - - - "-" "curl/8" - - - - - localhost:9000 - - - -`, zoned, true},
		{"extra spaces and CR-free", strings.ReplaceAll(owner+` demo [01/May/2026:10:11:12 +0000] 127.0.0.1 - R1 REST.GET.OBJECT a "GET /demo/a HTTP/1.1" 200 - - - - - "-" "curl/8" - - - - - localhost:9000 - - - -`, " 200 ", "  200  "), anonHTTP, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse(c.line)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Parse:\n got %+v\nwant %+v", got, c.want)
			}
			if got.PlainHTTP() != c.plain {
				t.Errorf("PlainHTTP = %v, want %v", got.PlainHTTP(), c.plain)
			}
		})
	}
}

// TestEveryFieldIsRead checks the golden line really covers every field:
// each of the 27 fields of wantEveryField is set.
func TestEveryFieldIsRead(t *testing.T) {
	v := reflect.ValueOf(wantEveryField)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if name == "Extra" {
			continue
		}
		if v.Field(i).IsZero() {
			t.Errorf("field %s is empty in the every-field golden line", name)
		}
	}
	fields, err := SplitFields(everyField)
	if err != nil || len(fields) != FieldCount {
		t.Fatalf("SplitFields: %d fields, %v", len(fields), err)
	}
}

func TestParseMalformedLines(t *testing.T) {
	good := strings.Fields(strings.SplitN(everyField, `"`, 2)[0]) // the first 8 fields
	head := strings.Join(good, " ")
	tail := ` 200 - - - - - "-" "ua" - - - - - - - - - -`
	cases := []struct {
		name, line, want string
	}{
		{"empty", "", "0 fields, a record has at least 18"},
		{"too few fields", head + ` "GET / HTTP/1.1" 200`, "10 fields, a record has at least 18"},
		{"unterminated quote", head + ` "GET / HTTP/1.1 200 - -`, `field 9 (Request-URI): the quoted field has no closing quote`},
		{"unterminated time", owner + ` b [06/Feb/2019:00:00:38 +0000 rest`, `field 3 (Time): the [bracketed] time has no closing ]`},
		{"text glued to a quote", head + ` "GET / HTTP/1.1"200` + tail, `field 9 (Request-URI): text follows the closing delimiter`},
		// moto_server 5.x writes the request line without quotes.
		{"unquoted request line", head + ` GET /b HTTP/1.1` + tail, `field 9 (Request-URI): want a quoted value, got "GET"`},
		{"bare time", strings.Replace(head, "[06/Feb/2019:00:00:38 +0000]", "06/Feb/2019:00:00:38", 1) + ` "x"` + tail, `field 3 (Time): want a [bracketed] time`},
		{"bad time", strings.Replace(head, "06/Feb/2019", "31/Feb/2019", 1) + ` "x"` + tail, `field 3 (Time): "31/Feb/2019:00:00:38 +0000" is not a time`},
		{"status not a number", head + ` "x" OK` + tail[4:], `field 10 (HTTP status): "OK" is not a number`},
		{"negative size", head + ` "x" 200 - -5` + tail[8:], `field 12 (Bytes Sent): "-5" is not a number`},
		{"bracket in a plain field", head + ` "x" 200 - - - - - "-" "ua" [v] - - - - - - - - -`, `field 18 (Version Id): unexpected [bracketed] value "v"`},
		{"unquoted user agent", head + ` "x" 200 - - - - - "-" aws-cli/2 - - - - - - - - - -`, `field 17 (User-Agent): want a quoted value, got "aws-cli/2"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(c.line)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) = %v, want a *ParseError", c.line, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
		})
	}
}
