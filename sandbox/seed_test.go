package sandbox_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// demoRegions is where each demo bucket lives.
var demoRegions = map[string]string{
	"acme-secure-records": "us-east-1", "acme-access-logs": "us-east-1", "acme-selflog": "us-east-1",
	"acme-ping": "eu-west-1", "acme-pong": "eu-west-1", "acme-public-assets": "us-east-1",
	"acme-suspended": "eu-west-1", "acme-scratch": "eu-west-1", "acme-lifecycle-archive": "eu-west-1",
	"acme-ssec-vault": "eu-west-1",
}

// seeded starts a sandbox with the demo data and a fixed clock.
func seeded(t *testing.T) (*sandbox.Server, map[string]*s3.Client) {
	srv := start(t, sandbox.Options{Seed: true, Clock: func() time.Time { return fixedTime }})
	return srv, map[string]*s3.Client{
		"us-east-1": s3Client(t, srv, clientOpts{}),
		"eu-west-1": s3Client(t, srv, clientOpts{region: "eu-west-1"}),
	}
}

func TestSeedBucketsAndNotes(t *testing.T) {
	_, clients := seeded(t)
	out, err := clients["us-east-1"].ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range out.Buckets {
		got = append(got, aws.ToString(b.Name))
		if want := demoRegions[aws.ToString(b.Name)]; aws.ToString(b.BucketRegion) != want {
			t.Errorf("%s in %s, want %s", aws.ToString(b.Name), aws.ToString(b.BucketRegion), want)
		}
		if !b.CreationDate.Before(fixedTime) {
			t.Errorf("%s created %v, not in the past of the clock", aws.ToString(b.Name), b.CreationDate)
		}
	}
	want := append([]string(nil), sandbox.DemoBuckets...)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") || len(want) != 10 {
		t.Fatalf("buckets %v, want %v", got, want)
	}
	for _, name := range sandbox.DemoBuckets {
		if sandbox.DemoBucketNotes[name] == "" {
			t.Errorf("no note for %s", name)
		}
	}
}

// versionsOf lists "id-or-marker:latest" for one key, newest first.
func versionsOf(t *testing.T, c *s3.Client, bucket, key string) (versions []string, markers int) {
	t.Helper()
	out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), Prefix: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range out.Versions {
		if aws.ToString(v.Key) == key {
			versions = append(versions, aws.ToString(v.VersionId))
		}
	}
	for _, m := range out.DeleteMarkers {
		if aws.ToString(m.Key) == key {
			markers++
			if !aws.ToBool(m.IsLatest) {
				t.Errorf("%s/%s: delete marker not latest", bucket, key)
			}
		}
	}
	return versions, markers
}

func TestSeedSecureRecords(t *testing.T) {
	srv, clients := seeded(t)
	c := clients["us-east-1"]
	const b = "acme-secure-records"
	enc, err := c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(b)})
	if err != nil {
		t.Fatal(err)
	}
	rule := enc.ServerSideEncryptionConfiguration.Rules[0]
	if rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm != s3types.ServerSideEncryptionAwsKms ||
		aws.ToString(rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID) != "alias/acme-records" || !aws.ToBool(rule.BucketKeyEnabled) {
		t.Fatalf("encryption %+v", rule)
	}
	ver, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(b)})
	if err != nil || ver.Status != s3types.BucketVersioningStatusEnabled || ver.MFADelete != s3types.MFADeleteStatusEnabled {
		t.Fatalf("versioning %v %+v", err, ver)
	}
	lg, err := c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(b)})
	if err != nil || aws.ToString(lg.LoggingEnabled.TargetBucket) != "acme-access-logs" || aws.ToString(lg.LoggingEnabled.TargetPrefix) != "secure-records/" {
		t.Fatalf("logging %v %+v", err, lg)
	}
	pol, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
	if err != nil || !strings.Contains(aws.ToString(pol.Policy), `"aws:SecureTransport":"false"`) {
		t.Fatalf("policy %v %v", err, aws.ToString(pol.Policy))
	}
	_, err = s3Client(t, srv, clientOpts{plain: true}).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("reports/2026-q2.pdf")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	cors, err := c.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(b)})
	if err != nil || len(cors.CORSRules) != 1 {
		t.Fatalf("cors %v %+v", err, cors)
	}
	r := cors.CORSRules[0]
	if strings.Join(r.AllowedOrigins, ",") != "https://app.acme.example" || strings.Join(r.AllowedMethods, ",") != "GET,HEAD" ||
		strings.Join(r.ExposeHeaders, ",") != "ETag" || aws.ToInt32(r.MaxAgeSeconds) != 3000 {
		t.Fatalf("cors rule %+v", r)
	}
	if v, m := versionsOf(t, c, b, "reports/2026-q1.pdf"); len(v) != 3 || m != 0 {
		t.Fatalf("q1 report: %d versions %d markers", len(v), m)
	}
	if v, m := versionsOf(t, c, b, "reports/2026-q2.pdf"); len(v) != 1 || m != 0 {
		t.Fatalf("q2 report: %d versions %d markers", len(v), m)
	}
	if v, m := versionsOf(t, c, b, "contracts/msa.txt"); len(v) != 2 || m != 1 {
		t.Fatalf("msa: %d versions %d markers", len(v), m)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("contracts/msa.txt")})
	expectError(t, err, 404, "NoSuchKey", "")
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("reports/2026-q1.pdf")})
	if err != nil || !strings.Contains(readAll(t, got.Body), "final") || aws.ToString(got.ContentType) != "application/pdf" {
		t.Fatalf("current q1 report: %v", err)
	}
}

func TestSeedLogTargetsAndLoops(t *testing.T) {
	_, clients := seeded(t)
	east, west := clients["us-east-1"], clients["eu-west-1"]
	enc, err := east.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String("acme-access-logs")})
	if err != nil {
		t.Fatal(err)
	}
	rule := enc.ServerSideEncryptionConfiguration.Rules[0]
	if aws.ToString(rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID) != "alias/acme-logs" || aws.ToBool(rule.BucketKeyEnabled) {
		t.Fatalf("log bucket encryption %+v", rule)
	}
	pol, err := east.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("acme-access-logs")})
	if err != nil || !strings.Contains(aws.ToString(pol.Policy), "logging.s3.amazonaws.com") || !strings.Contains(aws.ToString(pol.Policy), "aws:SourceAccount") {
		t.Fatalf("log bucket policy %v %s", err, aws.ToString(pol.Policy))
	}
	logs, err := east.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("acme-access-logs"), Prefix: aws.String("secure-records/")})
	if err != nil || len(logs.Contents) < 2 {
		t.Fatalf("log objects %v %d", err, len(logs.Contents))
	}

	for _, tc := range []struct {
		c                      *s3.Client
		source, target, prefix string
	}{
		{east, "acme-selflog", "acme-selflog", "logs/"},
		{west, "acme-ping", "acme-pong", "from-ping/"},
		{west, "acme-pong", "acme-ping", "from-pong/"},
	} {
		lg, err := tc.c.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(tc.source)})
		if err != nil || aws.ToString(lg.LoggingEnabled.TargetBucket) != tc.target || aws.ToString(lg.LoggingEnabled.TargetPrefix) != tc.prefix {
			t.Fatalf("%s logging %v %+v", tc.source, err, lg)
		}
	}
	for name, want := range map[string]s3types.BucketVersioningStatus{"acme-ping": "Enabled", "acme-pong": ""} {
		v, err := west.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(name)})
		if err != nil || v.Status != want {
			t.Fatalf("%s versioning %v %q", name, err, v.Status)
		}
	}
	self, err := east.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("acme-selflog")})
	if err != nil || keysAndPrefixes(self) != "index.html,logs/2026-11-01-00-00-00-0123456789ABCDEF | " {
		t.Fatalf("selflog objects %v %q", err, keysAndPrefixes(self))
	}
	if v, err := east.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("acme-selflog")}); err != nil || v.Status != "" {
		t.Fatalf("selflog versioning %v %q", err, v.Status)
	}
}

func TestSeedOtherBuckets(t *testing.T) {
	_, clients := seeded(t)
	east, west := clients["us-east-1"], clients["eu-west-1"]

	cors, err := east.GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String("acme-public-assets")})
	if err != nil || len(cors.CORSRules) != 2 || strings.Join(cors.CORSRules[1].AllowedMethods, ",") != "PUT,POST" ||
		cors.CORSRules[0].AllowedOrigins[0] != "*" || strings.Join(cors.CORSRules[0].AllowedHeaders, ",") != "*" {
		t.Fatalf("public assets CORS %v %+v", err, cors)
	}
	assets, _ := east.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("acme-public-assets")})
	if keysAndPrefixes(assets) != "css/site.css,img/logo.png | " {
		t.Fatalf("assets %q", keysAndPrefixes(assets))
	}

	sv, err := west.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("acme-suspended")})
	if err != nil || sv.Status != s3types.BucketVersioningStatusSuspended {
		t.Fatalf("suspended %v %+v", err, sv)
	}
	if v, _ := versionsOf(t, west, "acme-suspended", "config.json"); len(v) != 3 || v[0] != "null" || v[1] == "null" || v[2] == "null" {
		t.Fatalf("suspended versions %v", v)
	}

	_, err = west.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String("acme-scratch")})
	expectError(t, err, 404, "NoSuchPublicAccessBlockConfiguration", "")
	_, err = west.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("acme-scratch")})
	expectError(t, err, 404, "NoSuchBucketPolicy", "")
	enc, err := west.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String("acme-scratch")})
	if err != nil || enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm != s3types.ServerSideEncryptionAes256 {
		t.Fatalf("scratch encryption %v", err)
	}
	if v, err := west.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("acme-scratch")}); err != nil || v.Status != "" {
		t.Fatalf("scratch versioning %v", err)
	}
	scratch, _ := west.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("acme-scratch")})
	if len(scratch.Contents) < 2 {
		t.Fatalf("scratch objects %d", len(scratch.Contents))
	}

	lc, err := west.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String("acme-lifecycle-archive")})
	if err != nil || len(lc.Rules) != 2 {
		t.Fatalf("lifecycle %v %+v", err, lc)
	}
	tr := lc.Rules[0].Transitions[0]
	if aws.ToString(lc.Rules[0].Filter.Prefix) != "archive/" || aws.ToInt32(tr.Days) != 90 || tr.StorageClass != s3types.TransitionStorageClassGlacier ||
		aws.ToInt32(lc.Rules[1].NoncurrentVersionExpiration.NoncurrentDays) != 30 {
		t.Fatalf("lifecycle rules %+v", lc.Rules)
	}
	pol, err := west.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("acme-lifecycle-archive")})
	if err != nil || !strings.Contains(aws.ToString(pol.Policy), "aws:SecureTransport") {
		t.Fatalf("archive policy %v", err)
	}
	if v, err := west.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("acme-lifecycle-archive")}); err != nil || v.Status != s3types.BucketVersioningStatusEnabled {
		t.Fatalf("archive versioning %v", err)
	}
}

func TestSeedIsDeterministic(t *testing.T) {
	listing := func() string {
		srv, _ := seeded(t)
		return do(t, srv, clientOpts{}, http.MethodGet, "/acme-secure-records?versions", nil, nil).Body
	}
	first, second := listing(), listing()
	if first != second || !strings.Contains(first, "<LastModified>") {
		t.Fatalf("two seeded sandboxes differ:\n%s\n%s", first, second)
	}
}
