package sandbox_test

import (
	"io"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/internal/s3accesslog"
	"github.com/s3sec/s3sec/sandbox"
)

// deliveryPolicy lets the logging service write under prefix of target.
func deliveryPolicy(target, prefix string) string {
	return `{"Version":"2012-10-17","Statement":[{"Sid":"S3ServerAccessLogsPolicy","Effect":"Allow",` +
		`"Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject",` +
		`"Resource":"arn:aws:s3:::` + target + `/` + prefix + `*",` +
		`"Condition":{"StringEquals":{"aws:SourceAccount":"` + sandbox.DefaultAccountID + `"}}}]}`
}

// putPolicy sets a bucket policy or fails the test.
func putPolicy(t *testing.T, c *s3.Client, bucket, policy string) {
	t.Helper()
	if _, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(policy)}); err != nil {
		t.Fatalf("policy on %s: %v", bucket, err)
	}
}

// logKeys lists the keys under prefix, in order.
func logKeys(t *testing.T, c *s3.Client, bucket, prefix string) []string {
	t.Helper()
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	if err != nil {
		t.Fatalf("list %s: %v", bucket, err)
	}
	var keys []string
	for _, o := range out.Contents {
		keys = append(keys, aws.ToString(o.Key))
	}
	sort.Strings(keys)
	return keys
}

// logRecords reads a log object and splits each line into its fields;
// each line must also be a record for the shared reader.
func logRecords(t *testing.T, c *s3.Client, bucket, key string) [][]string {
	t.Helper()
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("get %s/%s: %v", bucket, key, err)
	}
	defer out.Body.Close()
	body, _ := io.ReadAll(out.Body)
	var recs [][]string
	for _, line := range strings.Split(strings.TrimSuffix(string(body), "\n"), "\n") {
		f, err := s3accesslog.SplitFields(line)
		if err != nil || len(f) != s3accesslog.FieldCount {
			t.Fatalf("record with %d fields (%v): %q", len(f), err, line)
		}
		if _, err := s3accesslog.Parse(line); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		recs = append(recs, f)
	}
	return recs
}

// findRecord returns the first record whose Operation is op.
func findRecord(t *testing.T, recs [][]string, op string) []string {
	t.Helper()
	for _, r := range recs {
		if r[6] == op {
			return r
		}
	}
	t.Fatalf("no %s record in %q", op, recs)
	return nil
}

func TestAccessLogRecordsReachTheTarget(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: fixedClock, AdminDeniedActions: []string{"s3:GetBucketCORS"}})
	root := s3Client(t, srv, clientOpts{})
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	mustBucket(t, root, "src")
	mustBucket(t, root, "logs")
	putPolicy(t, root, "logs", deliveryPolicy("logs", "access/"))
	if _, err := root.PutBucketLogging(ctx, logTo("src", "logs", "access/")); err != nil {
		t.Fatal(err)
	}
	if _, err := root.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("a b.txt"), Body: strings.NewReader("hello")}); err != nil {
		t.Fatal(err)
	}
	_, err := admin.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("src")})
	expectError(t, err, 403, "AccessDenied", "")
	resp, err := httpClient(t, srv).Get(srv.HTTPSURL() + "/src/a%20b.txt") // anonymous
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	deliveries := srv.FlushAccessLogs()
	if len(deliveries) != 1 || deliveries[0].Failure != "" {
		t.Fatalf("deliveries %+v", deliveries)
	}
	keys := logKeys(t, root, "logs", "access/")
	if len(keys) != 1 || !regexp.MustCompile(`^access/2026-11-20-09-30-00-[0-9A-F]{16}$`).MatchString(keys[0]) || keys[0] != deliveries[0].Key {
		t.Fatalf("log objects %q, delivery %q", keys, deliveries[0].Key)
	}
	recs := logRecords(t, root, "logs", keys[0])
	put := findRecord(t, recs, "REST.PUT.OBJECT")
	owner := put[0]
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(owner) || put[4] != owner {
		t.Errorf("owner %q, root requester %q: want the canonical id", owner, put[4])
	}
	for i, want := range map[int]string{1: "src", 2: "20/Nov/2026:09:30:00 +0000", 3: "127.0.0.1", 7: "a%20b.txt",
		8: "PUT /src/a%20b.txt?x-id=PutObject HTTP/1.1", 9: "200", 10: "-", 12: "5", 19: "SigV4", 21: "AuthHeader", 26: "us-east-1"} {
		if put[i] != want {
			t.Errorf("PUT field %d = %q, want %q (%q)", i+1, put[i], want, put)
		}
	}
	if !strings.HasPrefix(put[16], "aws-sdk-go-v2/") || !strings.HasPrefix(put[23], "TLSv1.") || put[20] == "-" || put[22] == "-" {
		t.Errorf("user agent, TLS version, cipher or host missing: %q", put)
	}
	denied := findRecord(t, recs, "REST.GET.CORS")
	if denied[4] != srv.Admin().ARN || denied[9] != "403" || denied[10] != "AccessDenied" {
		t.Errorf("denied request: %q", denied)
	}
	anon := findRecord(t, recs, "REST.GET.OBJECT")
	if anon[4] != "-" || anon[9] != "403" || anon[10] != "AccessDenied" || anon[19] != "-" || anon[21] != "-" {
		t.Errorf("anonymous request: %q", anon)
	}
	if len(srv.FlushAccessLogs()) != 0 {
		t.Error("a second flush without traffic delivered something")
	}

	// A copy is logged twice: the write in the destination's log, the read in the source's.
	mustBucket(t, root, "copies")
	if _, err := root.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("copies"), Key: aws.String("c"), CopySource: aws.String("src/a%20b.txt")}); err != nil {
		t.Fatal(err)
	}
	if _, err := root.PutBucketLogging(ctx, logTo("copies", "logs", "access/copies/")); err != nil {
		t.Fatal(err)
	}
	if _, err := root.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("copies"), Key: aws.String("c"), CopySource: aws.String("src/a%20b.txt")}); err != nil {
		t.Fatal(err)
	}
	for _, d := range srv.FlushAccessLogs() {
		if d.Failure != "" {
			t.Fatalf("delivery %+v", d)
		}
		recs := logRecords(t, root, "logs", d.Key)
		switch d.SourceBucket {
		case "src":
			if len(recs) != 2 { // both copies read from src
				t.Errorf("src log has %d records, want 2 copy reads: %q", len(recs), recs)
			}
			if get := findRecord(t, recs, "REST.COPY.OBJECT_GET"); get[1] != "src" || get[7] != "a%20b.txt" {
				t.Errorf("copy read: %q", get)
			}
		case "copies":
			if w := findRecord(t, recs, "REST.COPY.OBJECT"); w[1] != "copies" || w[7] != "c" {
				t.Errorf("copy write: %q", w)
			}
		}
	}
}

func TestAccessLogPartitionedKeys(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: fixedClock})
	c := s3Client(t, srv, clientOpts{region: "eu-west-1"})
	mustBucket(t, c, "src", "eu-west-1")
	mustBucket(t, c, "logs", "eu-west-1")
	putPolicy(t, c, "logs", deliveryPolicy("logs", ""))
	for source, want := range map[s3types.PartitionDateSource]string{
		s3types.PartitionDateSourceEventTime:    `^p/111122223333/eu-west-1/src/2026/11/20/2026-11-20-00-00-00-[0-9A-F]{16}$`,
		s3types.PartitionDateSourceDeliveryTime: `^p/111122223333/eu-west-1/src/2026/11/20/2026-11-20-09-30-00-[0-9A-F]{16}$`,
	} {
		in := logTo("src", "logs", "p/")
		in.BucketLoggingStatus.LoggingEnabled.TargetObjectKeyFormat = &s3types.TargetObjectKeyFormat{
			PartitionedPrefix: &s3types.PartitionedPrefix{PartitionDateSource: source}}
		if _, err := c.PutBucketLogging(ctx, in); err != nil {
			t.Fatal(err)
		}
		if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("src")}); err != nil {
			t.Fatal(err)
		}
		d := srv.FlushAccessLogs()
		if len(d) != 1 || d[0].Failure != "" || !regexp.MustCompile(want).MatchString(d[0].Key) {
			t.Fatalf("%s: deliveries %+v, want key %s", source, d, want)
		}
		findRecord(t, logRecords(t, c, "logs", d[0].Key), "REST.HEAD.BUCKET")
	}
}

func TestAccessLogLoopGrowsPerFlush(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: fixedClock})
	c := s3Client(t, srv, clientOpts{})
	for _, b := range []string{"loop", "quiet", "quietlogs"} {
		mustBucket(t, c, b)
	}
	putPolicy(t, c, "loop", deliveryPolicy("loop", "logs/"))
	putPolicy(t, c, "quietlogs", deliveryPolicy("quietlogs", "logs/"))
	for src, target := range map[string]string{"loop": "loop", "quiet": "quietlogs"} {
		if _, err := c.PutBucketLogging(ctx, logTo(src, target, "logs/")); err != nil {
			t.Fatal(err)
		}
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(src), Key: aws.String("x"), Body: strings.NewReader("x")}); err != nil {
			t.Fatal(err)
		}
	}
	for flush := 1; flush <= 4; flush++ {
		srv.FlushAccessLogs()
		loop := logKeys(t, c, "loop", "logs/")
		quiet := logKeys(t, c, "quietlogs", "logs/")
		if len(loop) != flush || len(quiet) != 1 {
			t.Fatalf("after flush %d: loop has %d log objects, quiet target %d; want %d and 1", flush, len(loop), len(quiet), flush)
		}
	}
	// Later objects record the logging service's writes of earlier ones.
	found := 0
	for _, k := range logKeys(t, c, "loop", "logs/") {
		for _, r := range logRecords(t, c, "loop", k) {
			if r[6] == "REST.PUT.OBJECT" && r[4] == "svc:logging.s3.amazonaws.com" && strings.HasPrefix(r[7], "logs/") {
				found++
			}
		}
	}
	if found != 3 {
		t.Fatalf("%d records of the logging service's own writes, want 3 (one per flush after the first)", found)
	}
}

// fixedClock is Options.Clock at fixedTime.
func fixedClock() time.Time { return fixedTime }
