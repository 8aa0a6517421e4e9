package sandbox_test

import (
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

var versionIDShape = regexp.MustCompile(`^[A-Za-z0-9._]{32}$`)

func TestVersioningEnabledSemantics(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ver")
	enableVersioning(t, c, "ver", s3types.BucketVersioningStatusEnabled)
	v1 := aws.ToString(mustPut(t, c, "ver", "doc.txt", "one"))
	v2 := aws.ToString(mustPut(t, c, "ver", "doc.txt", "two"))
	if !versionIDShape.MatchString(v1) || !versionIDShape.MatchString(v2) || v1 == v2 {
		t.Fatalf("version ids %q %q", v1, v2)
	}
	get := func(vid string) (string, error) {
		in := &s3.GetObjectInput{Bucket: aws.String("ver"), Key: aws.String("doc.txt")}
		if vid != "" {
			in.VersionId = aws.String(vid)
		}
		out, err := c.GetObject(ctx, in)
		if err != nil {
			return "", err
		}
		if aws.ToString(out.VersionId) == "" {
			t.Fatalf("GetObject without x-amz-version-id")
		}
		return readAll(t, out.Body), nil
	}
	if got, err := get(""); err != nil || got != "two" {
		t.Fatalf("current: %q %v", got, err)
	}
	if got, err := get(v1); err != nil || got != "one" {
		t.Fatalf("v1: %q %v", got, err)
	}

	// DELETE without versionId adds a delete marker.
	del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("ver"), Key: aws.String("doc.txt")})
	if err != nil || !aws.ToBool(del.DeleteMarker) || !versionIDShape.MatchString(aws.ToString(del.VersionId)) {
		t.Fatalf("delete marker: %v %+v", err, del)
	}
	marker := aws.ToString(del.VersionId)
	_, err = get("")
	expectError(t, err, 404, "NoSuchKey", "The specified key does not exist.")
	raw := do(t, srv, clientOpts{}, http.MethodGet, "/ver/doc.txt", nil, nil)
	if raw.Header.Get("x-amz-delete-marker") != "true" || raw.Header.Get("x-amz-version-id") != marker {
		t.Fatalf("404 under a marker: %v", raw.Header)
	}
	_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("ver"), Key: aws.String("doc.txt")})
	expectError(t, err, 404, "NotFound", "")

	// GET of the marker itself is 405 with Allow: DELETE.
	raw = do(t, srv, clientOpts{}, http.MethodGet, "/ver/doc.txt?versionId="+marker, nil, nil)
	if raw.Status != 405 || raw.Header.Get("Allow") != "DELETE" || raw.Header.Get("x-amz-delete-marker") != "true" ||
		!strings.Contains(raw.Body, "<Code>MethodNotAllowed</Code><Message>The specified method is not allowed against this resource.</Message><Method>GET</Method><ResourceType>DeleteMarker</ResourceType>") {
		t.Fatalf("GET marker: %d %v %s", raw.Status, raw.Header, raw.Body)
	}

	// Removing the marker brings the object back.
	rm, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("ver"), Key: aws.String("doc.txt"), VersionId: aws.String(marker)})
	if err != nil || !aws.ToBool(rm.DeleteMarker) || aws.ToString(rm.VersionId) != marker {
		t.Fatalf("remove marker: %v %+v", err, rm)
	}
	if got, err := get(""); err != nil || got != "two" {
		t.Fatalf("after removing the marker: %q %v", got, err)
	}

	// Permanently deleting a data version.
	rm, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("ver"), Key: aws.String("doc.txt"), VersionId: aws.String(v1)})
	if err != nil || rm.DeleteMarker != nil || aws.ToString(rm.VersionId) != v1 {
		t.Fatalf("delete v1: %v %+v", err, rm)
	}
	_, err = get(v1)
	expectError(t, err, 404, "NoSuchVersion", "The specified version does not exist.")
	raw = do(t, srv, clientOpts{}, http.MethodGet, "/ver/doc.txt?versionId="+v1, nil, nil)
	if !strings.Contains(raw.Body, "<Key>doc.txt</Key><VersionId>"+v1+"</VersionId>") || raw.Header.Get("x-amz-delete-marker") != "" {
		t.Fatalf("NoSuchVersion: %v %s", raw.Header, raw.Body)
	}

	_, err = get("not-a-version")
	expectError(t, err, 400, "InvalidArgument", "Invalid version id specified")
}

func TestUnversionedAndSuspendedNullVersions(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "nulls")
	if vid := mustPut(t, c, "nulls", "k", "plain"); vid != nil {
		t.Fatalf("unversioned put returned version %q", *vid)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("nulls"), Key: aws.String("k"), VersionId: aws.String("null")})
	if err != nil || readAll(t, out.Body) != "plain" {
		t.Fatalf("versionId=null on an unversioned bucket: %v", err)
	}

	enableVersioning(t, c, "nulls", s3types.BucketVersioningStatusEnabled)
	real1 := aws.ToString(mustPut(t, c, "nulls", "k", "real"))
	enableVersioning(t, c, "nulls", s3types.BucketVersioningStatusSuspended)
	if vid := mustPut(t, c, "nulls", "k", "null-1"); vid != nil {
		t.Fatalf("suspended put: version header %q, want none", *vid)
	}
	mustPut(t, c, "nulls", "k", "null-2") // replaces the null version
	versions := listVersions(t, c, "nulls", nil)
	if want := "k:null:latest k:" + real1 + ":old"; versions != want {
		t.Fatalf("versions %q, want %q", versions, want)
	}
	del, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("nulls"), Key: aws.String("k")})
	if err != nil || !aws.ToBool(del.DeleteMarker) || aws.ToString(del.VersionId) != "null" {
		t.Fatalf("suspended delete: %v %+v", err, del)
	}
	if want := "k:null:latest:marker k:" + real1 + ":old"; listVersions(t, c, "nulls", nil) != want {
		t.Fatalf("after delete: %q", listVersions(t, c, "nulls", nil))
	}
}

// listVersions renders every version of a bucket as "key:id:latest|old[:marker]",
// following the SDK's pagination.
func listVersions(t *testing.T, c *s3.Client, bucket string, maxKeys *int32) string {
	t.Helper()
	var parts []string
	in := &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), MaxKeys: maxKeys}
	for {
		out, err := c.ListObjectVersions(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		type entry struct {
			key, vid string
			latest   bool
			marker   bool
		}
		var page []entry
		for _, v := range out.Versions {
			page = append(page, entry{aws.ToString(v.Key), aws.ToString(v.VersionId), aws.ToBool(v.IsLatest), false})
		}
		for _, m := range out.DeleteMarkers {
			page = append(page, entry{aws.ToString(m.Key), aws.ToString(m.VersionId), aws.ToBool(m.IsLatest), true})
		}
		// The SDK splits the interleaved XML into two lists; restore key order,
		// latest first (enough for these tests: no old delete markers).
		sort.SliceStable(page, func(i, j int) bool {
			if page[i].key != page[j].key {
				return page[i].key < page[j].key
			}
			return page[i].latest && !page[j].latest
		})
		for _, e := range page {
			s := e.key + ":" + e.vid + ":old"
			if e.latest {
				s = e.key + ":" + e.vid + ":latest"
			}
			if e.marker {
				s += ":marker"
			}
			parts = append(parts, s)
		}
		if !aws.ToBool(out.IsTruncated) {
			return strings.Join(parts, " ")
		}
		in.KeyMarker, in.VersionIdMarker = out.NextKeyMarker, out.NextVersionIdMarker
	}
}

func TestListObjectVersionsWire(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "lov")
	enableVersioning(t, c, "lov", s3types.BucketVersioningStatusEnabled)
	a1 := aws.ToString(mustPut(t, c, "lov", "a", "1"))
	a2 := aws.ToString(mustPut(t, c, "lov", "a", "22"))
	del, _ := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("lov"), Key: aws.String("a")})
	am := aws.ToString(del.VersionId)
	b1 := aws.ToString(mustPut(t, c, "lov", "b c", "3"))

	raw := do(t, srv, clientOpts{}, http.MethodGet, "/lov?versions&encoding-type=url", nil, nil)
	entries := regexp.MustCompile(`<(Version|DeleteMarker)><Key>([^<]*)</Key><VersionId>([^<]*)</VersionId><IsLatest>(true|false)</IsLatest>`).FindAllStringSubmatch(raw.Body, -1)
	var got []string
	for _, e := range entries {
		got = append(got, e[1]+" "+e[2]+" "+e[3]+" "+e[4])
	}
	want := []string{"DeleteMarker a " + am + " true", "Version a " + a2 + " false", "Version a " + a1 + " false", "Version b%20c " + b1 + " true"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("entries\n%v\nwant\n%v\n%s", got, want, raw.Body)
	}
	if !strings.HasPrefix(raw.Body, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>lov</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><EncodingType>url</EncodingType>`) {
		t.Fatalf("document head: %s", raw.Body)
	}
	if !strings.Contains(raw.Body, `<ETag>&#34;`) || strings.Contains(raw.Body, `xmlns=""`) {
		t.Fatalf("ETag or namespace: %s", raw.Body)
	}

	// Paging two entries at a time walks the same sequence.
	if all, paged := listVersions(t, c, "lov", nil), listVersions(t, c, "lov", aws.Int32(2)); all != paged {
		t.Fatalf("paged %q != %q", paged, all)
	}
	page := do(t, srv, clientOpts{}, http.MethodGet, "/lov?versions&max-keys=2", nil, nil)
	if !strings.Contains(page.Body, "<NextKeyMarker>a</NextKeyMarker><NextVersionIdMarker>"+a2+"</NextVersionIdMarker>") ||
		!strings.Contains(page.Body, "<IsTruncated>true</IsTruncated>") {
		t.Fatalf("truncated page: %s", page.Body)
	}
	next := do(t, srv, clientOpts{}, http.MethodGet, "/lov?versions&key-marker=a&version-id-marker="+url.QueryEscape(a2), nil, nil)
	if !strings.Contains(next.Body, "<VersionId>"+a1+"</VersionId>") || strings.Contains(next.Body, "<VersionId>"+a2+"</VersionId>") {
		t.Fatalf("page after marker: %s", next.Body)
	}
	bad := do(t, srv, clientOpts{}, http.MethodGet, "/lov?versions&version-id-marker="+a1, nil, nil)
	if bad.Status != 400 || !strings.Contains(bad.Body, "A version-id marker cannot be specified without a key marker.") {
		t.Fatalf("version-id-marker alone: %d %s", bad.Status, bad.Body)
	}
}

func TestListObjectVersionsDelimiter(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "lovd")
	enableVersioning(t, c, "lovd", s3types.BucketVersioningStatusEnabled)
	for _, k := range []string{"logs/1", "logs/2", "top", "tmp/x"} {
		mustPut(t, c, "lovd", k, k)
	}
	out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("lovd"), Delimiter: aws.String("/")})
	if err != nil {
		t.Fatal(err)
	}
	var prefixes []string
	for _, p := range out.CommonPrefixes {
		prefixes = append(prefixes, aws.ToString(p.Prefix))
	}
	if strings.Join(prefixes, ",") != "logs/,tmp/" || len(out.Versions) != 1 || aws.ToString(out.Versions[0].Key) != "top" {
		t.Fatalf("prefixes %v versions %d", prefixes, len(out.Versions))
	}
}

func TestDeleteObjects(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "batch")
	enableVersioning(t, c, "batch", s3types.BucketVersioningStatusEnabled)
	v := aws.ToString(mustPut(t, c, "batch", "keep", "data"))
	mustPut(t, c, "batch", "gone", "data")
	marker, _ := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("batch"), Key: aws.String("old")})
	unknown := strings.Repeat("A", 32)

	out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("batch"), Delete: &s3types.Delete{Objects: []s3types.ObjectIdentifier{
		{Key: aws.String("gone")},
		{Key: aws.String("never-existed")},
		{Key: aws.String("keep"), VersionId: aws.String(v)},
		{Key: aws.String("old"), VersionId: marker.VersionId},
		{Key: aws.String("keep"), VersionId: aws.String(unknown)},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Deleted) != 5 || len(out.Errors) != 0 {
		t.Fatalf("deleted %d errors %d", len(out.Deleted), len(out.Errors))
	}
	d := out.Deleted
	if !aws.ToBool(d[0].DeleteMarker) || !versionIDShape.MatchString(aws.ToString(d[0].DeleteMarkerVersionId)) ||
		!aws.ToBool(d[1].DeleteMarker) || aws.ToString(d[2].VersionId) != v || d[2].DeleteMarker != nil ||
		!aws.ToBool(d[3].DeleteMarker) || aws.ToString(d[3].DeleteMarkerVersionId) != aws.ToString(marker.VersionId) {
		t.Fatalf("deleted entries %+v", d)
	}
	if aws.ToString(d[4].Key) != "keep" || aws.ToString(d[4].VersionId) != unknown || d[4].DeleteMarker != nil {
		t.Fatalf("unknown version entry %+v", d[4])
	}

	quiet, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("batch"), Delete: &s3types.Delete{Quiet: aws.Bool(true),
		Objects: []s3types.ObjectIdentifier{{Key: aws.String("a")}, {Key: aws.String("b")}}}})
	if err != nil || len(quiet.Deleted) != 0 || len(quiet.Errors) != 0 {
		t.Fatalf("quiet: %v %+v", err, quiet)
	}

	var many []s3types.ObjectIdentifier
	for i := 0; i < 1001; i++ {
		many = append(many, s3types.ObjectIdentifier{Key: aws.String("k")})
	}
	_, err = c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("batch"), Delete: &s3types.Delete{Objects: many}})
	expectError(t, err, 400, "MalformedXML", "")
}
