package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// listingFixture is a bucket with a small tree of keys.
func listingFixture(t *testing.T) (*sandbox.Server, *s3.Client) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "tree")
	for _, k := range []string{"a.txt", "docs/one.md", "docs/two.md", "docs/sub/three.md", "img/logo.png", "z.txt"} {
		mustPut(t, c, "tree", k, k)
	}
	return srv, c
}

// keysAndPrefixes renders a ListObjectsV2 page as "keys | prefixes".
func keysAndPrefixes(out *s3.ListObjectsV2Output) string {
	var keys, prefixes []string
	for _, o := range out.Contents {
		keys = append(keys, aws.ToString(o.Key))
	}
	for _, p := range out.CommonPrefixes {
		prefixes = append(prefixes, aws.ToString(p.Prefix))
	}
	return strings.Join(keys, ",") + " | " + strings.Join(prefixes, ",")
}

func TestListObjectsV2PrefixDelimiter(t *testing.T) {
	_, c := listingFixture(t)
	cases := []struct {
		prefix, delimiter, want string
	}{
		{"", "", "a.txt,docs/one.md,docs/sub/three.md,docs/two.md,img/logo.png,z.txt | "},
		{"", "/", "a.txt,z.txt | docs/,img/"},
		{"docs/", "/", "docs/one.md,docs/two.md | docs/sub/"},
		{"docs/s", "", "docs/sub/three.md | "},
		{"nothing/", "/", " | "},
	}
	for _, tc := range cases {
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("tree"),
			Prefix: aws.String(tc.prefix), Delimiter: aws.String(tc.delimiter)})
		if err != nil {
			t.Fatal(err)
		}
		if got := keysAndPrefixes(out); got != tc.want {
			t.Errorf("prefix %q delimiter %q: %q, want %q", tc.prefix, tc.delimiter, got, tc.want)
		}
		if int(aws.ToInt32(out.KeyCount)) != len(out.Contents)+len(out.CommonPrefixes) {
			t.Errorf("KeyCount %d", aws.ToInt32(out.KeyCount))
		}
	}
}

func TestListObjectsV2Pagination(t *testing.T) {
	_, c := listingFixture(t)
	var pages []string
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String("tree"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(1)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, keysAndPrefixes(out))
	}
	want := "a.txt | ;  | docs/;  | img/; z.txt | "
	if strings.Join(pages, "; ") != want {
		t.Fatalf("pages %q, want %q", strings.Join(pages, "; "), want)
	}
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("tree"), StartAfter: aws.String("docs/two.md")})
	if err != nil || keysAndPrefixes(out) != "img/logo.png,z.txt | " || aws.ToString(out.StartAfter) != "docs/two.md" {
		t.Fatalf("start-after: %v %q", err, keysAndPrefixes(out))
	}
	_, err = c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("tree"), ContinuationToken: aws.String("!!!")})
	expectError(t, err, 400, "InvalidArgument", "The continuation token provided is incorrect")
}

func TestListObjectsV2OwnerAndEncoding(t *testing.T) {
	srv, c := listingFixture(t)
	mustPut(t, c, "tree", "space key+plus", "x")
	plain, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("tree")})
	if err != nil || plain.Contents[0].Owner != nil || plain.Contents[0].StorageClass != s3types.ObjectStorageClassStandard {
		t.Fatalf("without fetch-owner: %v %+v", err, plain.Contents[0])
	}
	owned, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("tree"), FetchOwner: aws.Bool(true)})
	if err != nil || !canonicalID.MatchString(aws.ToString(owned.Contents[0].Owner.ID)) {
		t.Fatalf("fetch-owner: %v", err)
	}
	raw := do(t, srv, clientOpts{}, http.MethodGet, "/tree?list-type=2&prefix=space&encoding-type=url", nil, nil)
	if !strings.Contains(raw.Body, "<Key>space%20key%2Bplus</Key>") || !strings.Contains(raw.Body, "<EncodingType>url</EncodingType>") {
		t.Fatalf("encoding-type=url: %s", raw.Body)
	}
	bad := do(t, srv, clientOpts{}, http.MethodGet, "/tree?list-type=2&encoding-type=base64", nil, nil)
	if bad.Status != 400 || !strings.Contains(bad.Body, "<ArgumentName>encoding-type</ArgumentName>") {
		t.Fatalf("bad encoding-type: %d %s", bad.Status, bad.Body)
	}
}

func TestListingsHideDeletedObjects(t *testing.T) {
	_, c := listingFixture(t)
	enableVersioning(t, c, "tree", s3types.BucketVersioningStatusEnabled)
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("tree"), Key: aws.String("a.txt")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("tree"), Delimiter: aws.String("/")})
	if err != nil || keysAndPrefixes(out) != "z.txt | docs/,img/" {
		t.Fatalf("%v %q", err, keysAndPrefixes(out))
	}
}

func TestListObjectsV1Marker(t *testing.T) {
	_, c := listingFixture(t)
	out, err := c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("tree"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(2)})
	if err != nil || !aws.ToBool(out.IsTruncated) || aws.ToString(out.NextMarker) != "docs/" || out.Contents[0].Owner == nil {
		t.Fatalf("page 1: %v %+v", err, out)
	}
	out, err = c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("tree"), Delimiter: aws.String("/"), Marker: out.NextMarker})
	if err != nil || aws.ToBool(out.IsTruncated) || len(out.Contents) != 1 || aws.ToString(out.Contents[0].Key) != "z.txt" ||
		len(out.CommonPrefixes) != 1 || aws.ToString(out.CommonPrefixes[0].Prefix) != "img/" {
		t.Fatalf("page 2: %v %+v", err, out)
	}
}
