package awsops_test

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// logDeliveryPolicy lets the logging service write into target.
func logDeliveryPolicy(target, account string) string {
	return `{"Version":"2012-10-17","Statement":[{"Sid":"S3ServerAccessLogsPolicy","Effect":"Allow",` +
		`"Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject",` +
		`"Resource":"arn:aws:s3:::` + target + `/*",` +
		`"Condition":{"StringEquals":{"aws:SourceAccount":"` + account + `"}}}]}`
}

// putLogging points src's logs at target under prefix, partitioned or not.
func putLogging(t *testing.T, c *s3.Client, src, target, prefix string, partitioned bool) {
	t.Helper()
	le := &types.LoggingEnabled{TargetBucket: aws.String(target), TargetPrefix: aws.String(prefix)}
	if partitioned {
		le.TargetObjectKeyFormat = &types.TargetObjectKeyFormat{PartitionedPrefix: &types.PartitionedPrefix{PartitionDateSource: types.PartitionDateSourceEventTime}}
	}
	_, err := c.PutBucketLogging(context.Background(), &s3.PutBucketLoggingInput{Bucket: aws.String(src), BucketLoggingStatus: &types.BucketLoggingStatus{LoggingEnabled: le}})
	must(t, "logging of "+src, err)
}

// TestAccessLogsFromTheSandbox: requests over HTTPS and plain HTTP, signed
// and anonymous, delivered by the sandbox, read back and counted by awsops.
func TestAccessLogsFromTheSandbox(t *testing.T) {
	ctx := context.Background()
	env, srv := sandboxEnv(t, sandbox.Options{})
	root := env.client(t, "us-east-1")
	for _, b := range []string{"app", "app-logs", "quiet", "part", "off"} {
		_, err := root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)})
		must(t, "create "+b, err)
	}
	_, err := root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("app-logs"), Policy: aws.String(logDeliveryPolicy("app-logs", srv.AccountID()))})
	must(t, "delivery policy", err)
	putLogging(t, root, "app", "app-logs", "app/", false)
	putLogging(t, root, "quiet", "app-logs", "quiet/", false)
	putLogging(t, root, "part", "app-logs", "p/", true)

	for _, k := range []string{"a.txt", "b.txt"} {
		_, err := root.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("app"), Key: aws.String(k), Body: strings.NewReader("hello")})
		must(t, "put "+k, err)
	}
	get := func(c *s3.Client, key string) error {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("app"), Key: aws.String(key)})
		if err == nil {
			out.Body.Close()
		}
		return err
	}
	must(t, "get a.txt", get(root, "a.txt"))
	must(t, "get a.txt", get(root, "a.txt"))
	if err := get(root, "missing"); err == nil {
		t.Fatal("GetObject of a missing key succeeded")
	}
	// The admin user over the plain-HTTP listener, and an anonymous GET there.
	admin := srv.Admin()
	plainEnv := env
	plainEnv.url, plainEnv.caFile, plainEnv.keyID, plainEnv.secret = srv.HTTPURL(), "", admin.AccessKeyID, admin.SecretAccessKey
	must(t, "plain get", get(plainEnv.client(t, "us-east-1"), "a.txt"))
	resp, err := http.Get(srv.HTTPURL() + "/app/a.txt")
	must(t, "anonymous get", err)
	resp.Body.Close()
	_, err = root.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("part")})
	must(t, "head part", err)

	sess := env.open(t)
	// Nothing delivered yet: "no logs" is an answer, distinct from "none".
	u, err := sess.PlainHTTPRequesters(ctx, "app", awsops.LogQuery{})
	if err != nil || u.Available || !strings.Contains(u.Describe(), "no logs available: no log object under s3://app-logs/app/") {
		t.Fatalf("before delivery: %+v (%q), %v", u, u.Describe(), err)
	}
	u, err = sess.PlainHTTPRequesters(ctx, "off", awsops.LogQuery{})
	if err != nil || u.Available || u.Describe() != "no logs available: server access logging is off for this bucket" {
		t.Fatalf("logging off: %q, %v", u.Describe(), err)
	}
	if _, err := sess.AccessLogs(ctx, "off", awsops.LogQuery{}); !errors.Is(err, awsops.ErrLoggingOff) {
		t.Fatalf("AccessLogs of a bucket without logging: %v, want ErrLoggingOff", err)
	}

	for _, d := range srv.FlushAccessLogs() {
		if d.Failure != "" {
			t.Fatalf("delivery failed: %+v", d)
		}
	}

	var progress []awsops.LogProgress
	res, err := sess.AccessLogs(ctx, "app", awsops.LogQuery{Progress: func(p awsops.LogProgress) { progress = append(progress, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(progress) < 2 || progress[0].Listed == 0 || progress[0].ToRead != 0 ||
		progress[len(progress)-1] != (awsops.LogProgress{Found: 1, Read: 1, ToRead: 1, Bytes: res.Bytes}) {
		t.Errorf("progress %+v: want the listing, then the object read (%d bytes)", progress, res.Bytes)
	}
	if res.Target.TargetBucket != "app-logs" || res.Target.TargetPrefix != "app/" || res.Target.KeyFormat != awsops.LogKeySimple {
		t.Errorf("target %+v", res.Target)
	}
	if len(res.Objects) != 1 || !strings.HasPrefix(res.Objects[0], "app/") || len(res.BadLines) != 0 || len(res.Limits) != 0 {
		t.Fatalf("objects %q, bad lines %v, limits %q", res.Objects, res.BadLines, res.Limits)
	}
	for i := 1; i < len(res.Records); i++ {
		if res.Records[i].Time.After(res.Records[i-1].Time) {
			t.Fatalf("records not newest first at %d", i)
		}
	}
	sum := awsops.SummariseLogs(res.Records, 0)
	ops := map[string]int{}
	for _, c := range sum.ByOperation {
		ops[c.Name] = c.N
	}
	// PutBucketLogging of app is itself logged (logging was on once it answered).
	if ops["REST.PUT.OBJECT"] != 2 || ops["REST.GET.OBJECT"] != 5 {
		t.Errorf("operations %v: want 2 PUT.OBJECT and 5 GET.OBJECT", sum.ByOperation)
	}
	if sum.ClientErrors != 2 || sum.ServerErrors != 0 || sum.Anonymous != 1 || sum.PlainHTTP != 2 {
		t.Errorf("4xx %d, 5xx %d, anonymous %d, plain HTTP %d: want 2, 0, 1, 2", sum.ClientErrors, sum.ServerErrors, sum.Anonymous, sum.PlainHTTP)
	}
	wantPlain := []awsops.Count{{Name: awsops.Anonymous, N: 1}, {Name: admin.ARN, N: 1}}
	if !reflect.DeepEqual(sum.PlainHTTPBy, wantPlain) {
		t.Errorf("plain-HTTP requesters %v, want %v", sum.PlainHTTPBy, wantPlain)
	}
	if len(sum.TopKeys) == 0 || sum.TopKeys[0] != (awsops.Count{Name: "a.txt", N: 5}) {
		t.Errorf("top keys %v: want a.txt with 5 requests first", sum.TopKeys)
	}
	errs := map[string]int{}
	for _, c := range sum.Errors {
		errs[c.Name] = c.N
	}
	if errs["NoSuchKey"] != 1 || errs["AccessDenied"] != 1 {
		t.Errorf("errors %v", sum.Errors)
	}

	u, err = sess.PlainHTTPRequesters(ctx, "app", awsops.LogQuery{})
	if err != nil || !u.Available || !reflect.DeepEqual(u.Requesters, wantPlain) || u.Records != len(res.Records) {
		t.Fatalf("PlainHTTPRequesters %+v, %v", u, err)
	}
	// quiet's only record is its own PutBucketLogging, over HTTPS: "none".
	if u, _ := sess.PlainHTTPRequesters(ctx, "quiet", awsops.LogQuery{}); !u.Available || u.Describe() != "none: no plain-HTTP request among the 1 newest logged requests" {
		t.Errorf("quiet: %q", u.Describe())
	}

	// PartitionedPrefix: the source's partition under the prefix.
	pres, err := sess.AccessLogs(ctx, "part", awsops.LogQuery{})
	if err != nil {
		t.Fatal(err)
	}
	wantKey := "p/" + srv.AccountID() + "/us-east-1/part/"
	if pres.Target.KeyFormat != awsops.LogKeyPartitionedEventTime || len(pres.Objects) != 1 || !strings.HasPrefix(pres.Objects[0], wantKey) {
		t.Fatalf("partitioned: target %+v, objects %q (want under %s)", pres.Target, pres.Objects, wantKey)
	}
	heads := 0
	for _, r := range pres.Records {
		if r.Operation == "REST.HEAD.BUCKET" && r.Bucket == "part" {
			heads++
		}
	}
	if heads != 1 {
		t.Errorf("partitioned: %d HEAD.BUCKET records, want 1: %+v", heads, pres.Records)
	}
	// Since in the future: the listing starts after every key.
	future, err := sess.AccessLogs(ctx, "part", awsops.LogQuery{Since: time.Now().Add(48 * time.Hour)})
	if err != nil || len(future.Objects) != 0 || len(future.Records) != 0 {
		t.Errorf("since tomorrow: objects %q, %d records, %v", future.Objects, len(future.Records), err)
	}
}

// TestAccessLogsBounds: the newest object wins and the limits are named.
func TestAccessLogsBounds(t *testing.T) {
	ctx := context.Background()
	var now atomic.Int64                                 // the sandbox's clock, stepped a minute per delivery so keys and times differ
	now.Store(time.Now().Add(-2 * time.Hour).UnixNano()) // inside one search window, not at its edge
	env, srv := sandboxEnv(t, sandbox.Options{Clock: func() time.Time { return time.Unix(0, now.Load()) }})
	root := env.client(t, "us-east-1")
	for _, b := range []string{"src", "logs"} {
		_, err := root.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)})
		must(t, "create "+b, err)
	}
	_, err := root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("logs"), Policy: aws.String(logDeliveryPolicy("logs", srv.AccountID()))})
	must(t, "delivery policy", err)
	putLogging(t, root, "src", "logs", "", false)
	var delivered []string
	for _, key := range []string{"first", "second"} {
		_, err := root.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String(key), Body: strings.NewReader("x")})
		must(t, "put", err)
		d := srv.FlushAccessLogs()
		if len(d) != 1 || d[0].Failure != "" {
			t.Fatalf("deliveries %+v", d)
		}
		delivered = append(delivered, d[0].Key)
		now.Add(int64(time.Minute))
	}
	sess := env.open(t)
	res, err := sess.AccessLogs(ctx, "src", awsops.LogQuery{MaxObjects: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Objects) != 1 || res.Objects[0] != delivered[1] || res.Found != 2 {
		t.Fatalf("read %q of %d found, want only the newest %s", res.Objects, res.Found, delivered[1])
	}
	if len(res.Limits) != 1 || res.Limits[0] != "read the newest 1 of 2 log objects" {
		t.Errorf("limits %q", res.Limits)
	}
	for _, r := range res.Records {
		if r.Key == "first" {
			t.Errorf("a record of the older object was read: %+v", r)
		}
	}
	res, err = sess.AccessLogs(ctx, "src", awsops.LogQuery{MaxRecords: 1})
	if err != nil || len(res.Records) != 1 || res.Records[0].Key != "second" || len(res.Objects) != 2 {
		t.Fatalf("MaxRecords 1: %d records (%+v) from %q, %v", len(res.Records), res.Records, res.Objects, err)
	}

	// A newest object larger than MaxBytes is read in part, up to its last
	// whole line: the cut line is not reported as malformed.
	res, err = sess.AccessLogs(ctx, "src", awsops.LogQuery{MaxBytes: 10})
	if err != nil || len(res.Objects) != 1 || len(res.Records) != 0 || len(res.BadLines) != 0 ||
		!slices.Contains(res.Limits, delivered[1]+" read only to 0 bytes") {
		t.Fatalf("MaxBytes 10: objects %q, %d records, bad lines %v, limits %q, %v", res.Objects, len(res.Records), res.BadLines, res.Limits, err)
	}

	// A log object the caller may not read is reported; the others are read.
	deny := strings.Replace(logDeliveryPolicy("logs", srv.AccountID()), `}]}`, `},{"Sid":"DenyOne","Effect":"Deny","Principal":"*",`+
		`"Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/`+delivered[1]+`"}]}`, 1)
	_, err = root.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("logs"), Policy: aws.String(deny)})
	must(t, "deny policy", err)
	res, err = sess.AccessLogs(ctx, "src", awsops.LogQuery{})
	if err != nil || len(res.Objects) != 1 || res.Objects[0] != delivered[0] || len(res.Unread) != 1 || res.Unread[0].Key != delivered[1] {
		t.Fatalf("one object denied: read %q, unread %v, %v", res.Objects, res.Unread, err)
	}
	if fe := awsops.Classify(res.Unread[0].Err); fe.Code != "AccessDenied" {
		t.Errorf("unread object: %v, want AccessDenied", res.Unread[0].Err)
	}
	if _, err := sess.AccessLogs(ctx, "src", awsops.LogQuery{MaxObjects: 1}); awsops.Classify(err).Code != "AccessDenied" {
		t.Errorf("the only object chosen is denied: %v, want the AccessDenied as the answer", err)
	}
}
