package sandbox_test

import (
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/s3sec/s3sec/sandbox"
)

func TestCreateBucketNameRules(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	for _, name := range []string{"ab", strings.Repeat("a", 64), "Upper-case", "under_score", "a..b", "-start", "end-",
		"192.168.5.4", "xn--punycode", "sthree-bucket", "amzn-s3-demo-bucket", "bucket-s3alias", "bucket--ol-s3", "bucket.mrap"} {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
		if got := asAPIError(t, err); got.Status != 400 || got.Code != "InvalidBucketName" || got.Message != "The specified bucket is not valid." {
			t.Errorf("%q: %+v", name, got)
		}
	}
	for _, name := range []string{"abc", strings.Repeat("a", 63), "my.dotted.bucket", "0-digits-first"} {
		mustBucket(t, c, name)
	}
}

func TestCreateBucketRegionRules(t *testing.T) {
	srv := start(t, sandbox.Options{})
	east := s3Client(t, srv, clientOpts{})
	west := s3Client(t, srv, clientOpts{region: "eu-west-1"})

	_, err := east.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bucket-1"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "us-east-1"}})
	expectError(t, err, 400, "InvalidLocationConstraint", "The specified location-constraint is not valid")

	_, err = east.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bucket-2"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}})
	expectError(t, err, 400, "IllegalLocationConstraintException",
		"The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.")

	_, err = west.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bucket-3")})
	expectError(t, err, 400, "IllegalLocationConstraintException",
		"The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.")

	_, err = s3Client(t, srv, clientOpts{region: "ap-south-1"}).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bucket-4"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "ap-south-1"}})
	expectError(t, err, 400, "InvalidLocationConstraint", "")

	// Re-creating an own bucket: us-east-1 keeps its legacy 200, other regions answer 409.
	mustBucket(t, east, "legacy")
	mustBucket(t, east, "legacy")
	mustBucket(t, west, "regional", "eu-west-1")
	_, err = west.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("regional"),
		CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}})
	expectError(t, err, 409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.")
}

var canonicalID = regexp.MustCompile(`^[0-9a-f]{64}$`)

func TestListBuckets(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: func() time.Time { return fixedTime }})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "alpha")
	mustBucket(t, c, "beta")
	mustBucket(t, s3Client(t, srv, clientOpts{region: "eu-west-1"}), "gamma", "eu-west-1")

	out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if !canonicalID.MatchString(aws.ToString(out.Owner.ID)) || out.Owner.DisplayName != nil {
		t.Fatalf("owner %+v", out.Owner)
	}
	var got []string
	for _, b := range out.Buckets {
		got = append(got, aws.ToString(b.Name)+"@"+aws.ToString(b.BucketRegion)+"@"+aws.ToString(b.BucketArn))
		if !b.CreationDate.Equal(fixedTime) {
			t.Errorf("%s created %v", aws.ToString(b.Name), b.CreationDate)
		}
	}
	want := "alpha@us-east-1@arn:aws:s3:::alpha beta@us-east-1@arn:aws:s3:::beta gamma@eu-west-1@arn:aws:s3:::gamma"
	if strings.Join(got, " ") != want {
		t.Fatalf("buckets %v", got)
	}

	page, err := c.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(2)})
	if err != nil || len(page.Buckets) != 2 || page.ContinuationToken == nil {
		t.Fatalf("page 1: %v %+v", err, page)
	}
	page2, err := c.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(2), ContinuationToken: page.ContinuationToken})
	if err != nil || len(page2.Buckets) != 1 || aws.ToString(page2.Buckets[0].Name) != "gamma" || page2.ContinuationToken != nil {
		t.Fatalf("page 2: %v %+v", err, page2)
	}
	byRegion, err := c.ListBuckets(ctx, &s3.ListBucketsInput{BucketRegion: aws.String("eu-west-1")})
	if err != nil || len(byRegion.Buckets) != 1 || aws.ToString(byRegion.Buckets[0].Name) != "gamma" {
		t.Fatalf("bucket-region: %v %+v", err, byRegion)
	}
	byPrefix, err := c.ListBuckets(ctx, &s3.ListBucketsInput{Prefix: aws.String("b")})
	if err != nil || len(byPrefix.Buckets) != 1 || aws.ToString(byPrefix.Prefix) != "b" {
		t.Fatalf("prefix: %v %+v", err, byPrefix)
	}
}

func TestDeleteBucket(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "full")
	mustPut(t, c, "full", "k", "v")
	_, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("full")})
	expectError(t, err, 409, "BucketNotEmpty", "The bucket you tried to delete is not empty")

	// A versioned bucket holding only a delete marker is still not empty.
	mustBucket(t, c, "markers")
	enableVersioning(t, c, "markers", s3types.BucketVersioningStatusEnabled)
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("markers"), Key: aws.String("ghost")}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("markers")})
	expectError(t, err, 409, "BucketNotEmpty", "The bucket you tried to delete is not empty. You must delete all versions in the bucket.")

	mustBucket(t, c, "empty")
	res := do(t, srv, clientOpts{}, http.MethodDelete, "/empty", nil, nil)
	if res.Status != http.StatusNoContent {
		t.Fatalf("DeleteBucket: %d %s", res.Status, res.Body)
	}
	_, err = c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("empty")})
	expectError(t, err, 404, "NotFound", "")
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("empty")})
	expectError(t, err, 404, "NoSuchBucket", "The specified bucket does not exist")
}

func TestHeadBucketAndLocation(t *testing.T) {
	srv := start(t, sandbox.Options{})
	east := s3Client(t, srv, clientOpts{})
	west := s3Client(t, srv, clientOpts{region: "eu-west-1"})
	mustBucket(t, east, "east-bucket")
	mustBucket(t, west, "west-bucket", "eu-west-1")

	head, err := west.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("west-bucket")})
	if err != nil || aws.ToString(head.BucketRegion) != "eu-west-1" {
		t.Fatalf("HeadBucket: %v %+v", err, head)
	}
	// GetBucketLocation answers whatever region the request was signed for.
	for name, want := range map[string]string{"east-bucket": "", "west-bucket": "eu-west-1"} {
		loc, err := east.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(name)})
		if err != nil || string(loc.LocationConstraint) != want {
			t.Fatalf("GetBucketLocation %s: %v %q", name, err, loc.LocationConstraint)
		}
	}
	raw := do(t, srv, clientOpts{}, http.MethodGet, "/east-bucket?location", nil, nil)
	if raw.Body != `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>` {
		t.Fatalf("us-east-1 location body %q", raw.Body)
	}
	raw = do(t, srv, clientOpts{}, http.MethodGet, "/west-bucket?location", nil, nil)
	if raw.Body != `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>` {
		t.Fatalf("eu-west-1 location body %q", raw.Body)
	}
}

func TestWrongRegionInCredentialScope(t *testing.T) {
	srv := start(t, sandbox.Options{})
	west := s3Client(t, srv, clientOpts{region: "eu-west-1"})
	mustBucket(t, west, "west-bucket", "eu-west-1")
	east := s3Client(t, srv, clientOpts{})

	_, err := east.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("west-bucket")})
	expectError(t, err, 400, "AuthorizationHeaderMalformed",
		"The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'")
	raw := do(t, srv, clientOpts{}, http.MethodGet, "/west-bucket?versioning", nil, nil)
	if !strings.Contains(raw.Body, "<Region>eu-west-1</Region>") || raw.Header.Get("x-amz-bucket-region") != "eu-west-1" {
		t.Fatalf("region error: %v %s", raw.Header, raw.Body)
	}

	// HeadBucket answers a bodiless 301 naming the region, which the SDK surfaces as an error.
	_, err = east.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("west-bucket")})
	var re *smithyhttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusMovedPermanently ||
		re.Response.Header.Get("x-amz-bucket-region") != "eu-west-1" {
		t.Fatalf("HeadBucket from the wrong region: %v", err)
	}
	// ListBuckets is not bucket-scoped: any region works.
	if _, err := east.ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
		t.Fatal(err)
	}
}
