package accesslog

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/internal/s3accesslog"
)

var t0 = time.Date(2019, 2, 6, 0, 0, 38, 0, time.UTC)

func TestFormatFieldsInOrder(t *testing.T) {
	r := Record{
		BucketOwner: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", Bucket: "demo",
		Time: t0, RemoteIP: "127.0.0.1", RequestID: "3E57427F3EXAMPLE", Operation: "REST.PUT.OBJECT",
		Key: "photos/my cat.jpg", RequestURI: "PUT /demo/photos/my%20cat.jpg HTTP/1.1", HTTPStatus: 200,
		ObjectSize: 4406583, TotalTime: 41 * time.Millisecond, TurnAroundTime: 28 * time.Millisecond,
		UserAgent: `aws-sdk-go-v2/1.36.0 "x"`, HostID: "s9lz=", SignatureVersion: "SigV4", AuthType: "AuthHeader",
		HostHeader: "localhost:9000", Region: "us-east-1",
	}
	line := r.Format()
	want := `79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be demo [06/Feb/2019:00:00:38 +0000] ` +
		`127.0.0.1 - 3E57427F3EXAMPLE REST.PUT.OBJECT photos/my%20cat.jpg "PUT /demo/photos/my%20cat.jpg HTTP/1.1" ` +
		`200 - - 4406583 41 28 "-" "aws-sdk-go-v2/1.36.0 \"x\"" - s9lz= SigV4 - AuthHeader localhost:9000 - - - us-east-1`
	if line != want {
		t.Fatalf("Format:\n got %s\nwant %s", line, want)
	}
	fields, err := s3accesslog.SplitFields(line)
	if err != nil {
		t.Fatal(err)
	}
	if len(fields) != FieldCount {
		t.Fatalf("%d fields, want %d: %q", len(fields), FieldCount, fields)
	}
	for i, want := range map[int]string{2: "06/Feb/2019:00:00:38 +0000", 6: "REST.PUT.OBJECT", 8: "PUT /demo/photos/my%20cat.jpg HTTP/1.1", 16: `aws-sdk-go-v2/1.36.0 "x"`, 26: "us-east-1"} {
		if fields[i] != want {
			t.Errorf("field %d = %q, want %q", i+1, fields[i], want)
		}
	}
}

func TestFormatKeepsOneLine(t *testing.T) {
	line := Record{Time: t0, Key: "a\nb c", UserAgent: "x\ny", RemoteIP: "1 2"}.Format()
	if strings.ContainsAny(line, "\n\r") {
		t.Fatalf("newline in record: %q", line)
	}
	fields, err := s3accesslog.SplitFields(line)
	if err != nil || len(fields) != FieldCount {
		t.Fatalf("fields %d %v: %q", len(fields), err, line)
	}
	if fields[7] != "a%0Ab%20c" {
		t.Errorf("key field %q", fields[7])
	}
}

// TestFormatReadsBack checks the sandbox's writer against the shared
// reader (a separate implementation): every field comes back as written.
func TestFormatReadsBack(t *testing.T) {
	r := Record{
		BucketOwner: "o", Bucket: "b", Time: t0, RemoteIP: "192.0.2.1", Requester: "arn:aws:iam::1:user/a", RequestID: "R",
		Operation: "REST.GET.OBJECT", Key: "dir/a b+c", RequestURI: "GET /b/dir/a%20b%2Bc HTTP/1.1", HTTPStatus: 404,
		ErrorCode: "NoSuchKey", BytesSent: 12, ObjectSize: 34, TotalTime: 5 * time.Millisecond, TurnAroundTime: 2 * time.Millisecond,
		Referer: "https://r", UserAgent: "ua \\ \"q\"\x01", VersionID: "v", HostID: "h", SignatureVersion: "SigV4",
		CipherSuite: "TLS_AES_128_GCM_SHA256", AuthType: "AuthHeader", HostHeader: "localhost", TLSVersion: "TLSv1.3",
		AccessPointARN: "arn:ap", ACLRequired: true, Region: "us-east-1",
	}
	got, err := s3accesslog.Parse(r.Format())
	if err != nil {
		t.Fatal(err)
	}
	want := s3accesslog.Record{
		BucketOwner: r.BucketOwner, Bucket: r.Bucket, Time: r.Time, RemoteIP: r.RemoteIP, Requester: r.Requester,
		RequestID: r.RequestID, Operation: r.Operation, Key: r.Key, RequestURI: r.RequestURI, HTTPStatus: r.HTTPStatus,
		ErrorCode: r.ErrorCode, BytesSent: r.BytesSent, ObjectSize: r.ObjectSize, TotalTime: r.TotalTime,
		TurnAroundTime: r.TurnAroundTime, Referer: r.Referer, UserAgent: r.UserAgent, VersionID: r.VersionID,
		HostID: r.HostID, SignatureVersion: r.SignatureVersion, CipherSuite: r.CipherSuite, AuthType: r.AuthType,
		HostHeader: r.HostHeader, TLSVersion: r.TLSVersion, AccessPointARN: r.AccessPointARN, ACLRequired: true,
		Region: r.Region, Fields: FieldCount,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\n got %+v\nwant %+v", got, want)
	}
}

func TestObjectKeyFormats(t *testing.T) {
	delivered := time.Date(2026, 11, 20, 9, 30, 5, 0, time.UTC)
	event := time.Date(2026, 11, 19, 23, 59, 0, 0, time.UTC)
	d := Destination{SourceBucket: "src", SourceAccount: "111122223333", SourceRegion: "eu-west-1", TargetPrefix: "logs/"}
	cases := []struct {
		format, source, want string
	}{
		{"", "", "logs/2026-11-20-09-30-05-ABCDEF0123456789"},
		{SimplePrefix, "", "logs/2026-11-20-09-30-05-ABCDEF0123456789"},
		{PartitionedPrefix, EventTime, "logs/111122223333/eu-west-1/src/2026/11/19/2026-11-19-00-00-00-ABCDEF0123456789"},
		{PartitionedPrefix, "", "logs/111122223333/eu-west-1/src/2026/11/19/2026-11-19-00-00-00-ABCDEF0123456789"},
		{PartitionedPrefix, DeliveryTime, "logs/111122223333/eu-west-1/src/2026/11/20/2026-11-20-09-30-05-ABCDEF0123456789"},
	}
	for _, c := range cases {
		d.KeyFormat, d.DateSource = c.format, c.source
		if got := d.ObjectKey(delivered, event, "ABCDEF0123456789"); got != c.want {
			t.Errorf("%s/%s: %s, want %s", c.format, c.source, got, c.want)
		}
	}
	if u := UniqueString(); len(u) != 16 || strings.ToUpper(u) != u {
		t.Errorf("UniqueString %q", u)
	}
}

func TestBufferBatchesPerDestinationAndDay(t *testing.T) {
	var b Buffer
	simple := Destination{SourceBucket: "a", TargetBucket: "logs"}
	part := Destination{SourceBucket: "b", TargetBucket: "logs", KeyFormat: PartitionedPrefix}
	b.Add(simple, Record{Time: t0})
	b.Add(simple, Record{Time: t0.Add(48 * time.Hour)})
	b.Add(part, Record{Time: t0})
	b.Add(part, Record{Time: t0.Add(48 * time.Hour)})
	batches := b.Drain()
	if len(batches) != 3 {
		t.Fatalf("%d batches, want 3 (one simple, two event days): %+v", len(batches), batches)
	}
	if b.Len() != 0 || len(b.Drain()) != 0 {
		t.Fatal("Drain left records behind")
	}
	if got := strings.Count(string(batches[0].Body()), "\n"); got != 2 {
		t.Errorf("simple batch has %d lines, want 2", got)
	}
	full := Buffer{MaxRecords: 1}
	if !full.Add(simple, Record{}) || full.Add(simple, Record{}) || full.Dropped() != 1 {
		t.Errorf("MaxRecords not applied: dropped %d", full.Dropped())
	}
}
