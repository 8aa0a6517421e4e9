package sandbox_test

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/s3sec/s3sec/sandbox"
)

// corsTestRules are the rules of the "web" bucket in the CORS HTTP tests:
// an exact origin with headers and exposure, a wildcard subdomain, and "*".
var corsTestRules = []s3types.CORSRule{
	{AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"PUT", "GET", "DELETE"},
		AllowedHeaders: []string{"Content-Type", "x-amz-*"}, ExposeHeaders: []string{"ETag", "x-amz-version-id"}, MaxAgeSeconds: aws.Int32(600)},
	{AllowedOrigins: []string{"http://*.origin.test"}, AllowedMethods: []string{"GET"}},
	{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"HEAD"}},
}

// corsSandbox starts a sandbox with bucket "web" (CORS rules above, one
// object "k") and bucket "plain" (no CORS configuration).
func corsSandbox(t *testing.T) (*sandbox.Server, *s3.Client) {
	t.Helper()
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "web")
	mustBucket(t, c, "plain")
	if _, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String("web"),
		CORSConfiguration: &s3types.CORSConfiguration{CORSRules: corsTestRules}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("web"), Key: aws.String("k"), Body: strings.NewReader("v")}); err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// preflight sends an unsigned OPTIONS request with the given headers.
func preflight(t *testing.T, srv *sandbox.Server, path string, header map[string]string) rawResponse {
	t.Helper()
	req, err := http.NewRequest(http.MethodOptions, srv.HTTPSURL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := httpClient(t, srv).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return rawResponse{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

// corsErrorDoc is the error document of a refused preflight.
type corsErrorDoc struct {
	Code, Message, Method, ResourceType, RequestId, HostId string
}

// corsHeaders picks the Access-Control-* and Vary headers of a response.
func corsHeaders(h http.Header) map[string]string {
	out := map[string]string{}
	for k, v := range h {
		if strings.HasPrefix(k, "Access-Control-") || k == "Vary" {
			out[k] = strings.Join(v, "|")
		}
	}
	return out
}

const vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"

func TestCORSPreflightAllowed(t *testing.T) {
	srv, _ := corsSandbox(t)
	cases := []struct {
		name, path string
		header     map[string]string
		want       map[string]string
	}{
		{"object, headers case-insensitively", "/web/any/key", map[string]string{
			"Origin": "https://app.example.com", "Access-Control-Request-Method": "PUT",
			"Access-Control-Request-Headers": "Content-Type,X-Amz-Date, x-amz-content-sha256"}, map[string]string{
			"Access-Control-Allow-Origin": "https://app.example.com", "Access-Control-Allow-Credentials": "true",
			"Access-Control-Allow-Methods": "PUT, GET, DELETE", "Access-Control-Allow-Headers": "content-type, x-amz-date, x-amz-content-sha256",
			"Access-Control-Expose-Headers": "ETag, x-amz-version-id", "Access-Control-Max-Age": "600", "Vary": vary}},
		{"bucket URL, wildcard subdomain", "/web", map[string]string{
			"Origin": "http://a.b.origin.test", "Access-Control-Request-Method": "GET"}, map[string]string{
			"Access-Control-Allow-Origin": "http://a.b.origin.test", "Access-Control-Allow-Credentials": "true",
			"Access-Control-Allow-Methods": "GET", "Vary": vary}},
		{"star origin", "/web/k", map[string]string{
			"Origin": "https://elsewhere.test", "Access-Control-Request-Method": "HEAD"}, map[string]string{
			"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "HEAD", "Vary": vary}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := preflight(t, srv, tc.path, tc.header)
			if res.Status != http.StatusOK || res.Body != "" || res.Header.Get("Content-Length") != "0" {
				t.Fatalf("status %d, Content-Length %q, body %q", res.Status, res.Header.Get("Content-Length"), res.Body)
			}
			if got := corsHeaders(res.Header); !equalMaps(got, tc.want) {
				t.Fatalf("headers\n got %v\nwant %v", got, tc.want)
			}
			if res.Header.Get("x-amz-request-id") == "" || res.Header.Get("Server") != "AmazonS3" {
				t.Fatalf("standard headers missing: %v", res.Header)
			}
		})
	}
}

func TestCORSPreflightRefused(t *testing.T) {
	srv, _ := corsSandbox(t)
	notAllowed := "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
	ok := "https://app.example.com"
	cases := []struct {
		name, path string
		header     map[string]string
		status     int
		want       corsErrorDoc
	}{
		{"no Origin", "/web/k", map[string]string{"Access-Control-Request-Method": "GET", "Referer": ok + "/"},
			400, corsErrorDoc{Code: "BadRequest", Message: "Insufficient information. Origin request header needed."}},
		{"unknown bucket", "/nobucket/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "GET"},
			403, corsErrorDoc{Code: "AccessForbidden", Message: "CORSResponse: Bucket not found", Method: "GET", ResourceType: "BUCKET"}},
		{"no configuration, object URL", "/plain/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "PUT"},
			403, corsErrorDoc{Code: "AccessForbidden", Message: "CORSResponse: CORS is not enabled for this bucket.", Method: "PUT", ResourceType: "BUCKET"}},
		{"no configuration, no method", "/plain", map[string]string{"Origin": ok},
			403, corsErrorDoc{Code: "AccessForbidden", Message: "CORSResponse: CORS is not enabled for this bucket.", Method: "OPTIONS", ResourceType: "BUCKET"}},
		{"no Access-Control-Request-Method", "/web/k", map[string]string{"Origin": ok},
			403, corsErrorDoc{Code: "AccessForbidden", Message: notAllowed, Method: "OPTIONS", ResourceType: "OBJECT"}},
		{"origin not allowed, object URL", "/web/k", map[string]string{"Origin": "https://evil.test", "Access-Control-Request-Method": "GET"},
			403, corsErrorDoc{Code: "AccessForbidden", Message: notAllowed, Method: "GET", ResourceType: "OBJECT"}},
		{"scheme differs, bucket URL", "/web", map[string]string{"Origin": "http://app.example.com", "Access-Control-Request-Method": "GET"},
			403, corsErrorDoc{Code: "AccessForbidden", Message: notAllowed, Method: "GET", ResourceType: "BUCKET"}},
		{"method not allowed", "/web/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "POST"},
			403, corsErrorDoc{Code: "AccessForbidden", Message: notAllowed, Method: "POST", ResourceType: "OBJECT"}},
		{"one header not allowed", "/web/k", map[string]string{"Origin": ok, "Access-Control-Request-Method": "PUT",
			"Access-Control-Request-Headers": "content-type, authorization"},
			403, corsErrorDoc{Code: "AccessForbidden", Message: notAllowed, Method: "PUT", ResourceType: "OBJECT"}},
		{"headers requested, matching rule allows none", "/web/k", map[string]string{"Origin": "http://x.origin.test",
			"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-amz-date"},
			403, corsErrorDoc{Code: "AccessForbidden", Message: notAllowed, Method: "GET", ResourceType: "OBJECT"}},
		{"trailing slash on origin", "/web", map[string]string{"Origin": "http://x.origin.test/", "Access-Control-Request-Method": "GET"},
			403, corsErrorDoc{Code: "AccessForbidden", Message: notAllowed, Method: "GET", ResourceType: "BUCKET"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := preflight(t, srv, tc.path, tc.header)
			var got corsErrorDoc
			if err := xml.Unmarshal([]byte(res.Body), &got); err != nil {
				t.Fatalf("status %d body %q: %v", res.Status, res.Body, err)
			}
			if got.RequestId == "" || got.HostId == "" {
				t.Fatalf("RequestId/HostId missing: %q", res.Body)
			}
			got.RequestId, got.HostId = "", ""
			if res.Status != tc.status || got != tc.want {
				t.Fatalf("got %d %+v\nwant %d %+v", res.Status, got, tc.status, tc.want)
			}
			if h := corsHeaders(res.Header); len(h) != 0 {
				t.Fatalf("CORS headers on a refusal: %v", h)
			}
		})
	}
}

// withHeaders sets request headers on one SDK call.
func withHeaders(header map[string]string) func(*s3.Options) {
	return func(o *s3.Options) {
		for k, v := range header {
			o.APIOptions = append(o.APIOptions, smithyhttp.SetHeaderValue(k, v))
		}
	}
}

// rawHeader is the response header of an SDK call, success or error.
func rawHeader(t *testing.T, md middleware.Metadata, err error) http.Header {
	t.Helper()
	if err != nil {
		var re *smithyhttp.ResponseError
		if !errors.As(err, &re) {
			t.Fatalf("no HTTP response: %v", err)
		}
		return re.Response.Header
	}
	raw, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response)
	if !ok {
		t.Fatal("no raw response in the metadata")
	}
	return raw.Header
}

func TestCORSActualRequests(t *testing.T) {
	_, c := corsSandbox(t)
	app := map[string]string{"Origin": "https://app.example.com"}
	appHeaders := map[string]string{
		"Access-Control-Allow-Origin": "https://app.example.com", "Access-Control-Allow-Credentials": "true",
		"Access-Control-Allow-Methods":  "PUT, GET, DELETE",
		"Access-Control-Expose-Headers": "ETag, x-amz-version-id", "Access-Control-Max-Age": "600", "Vary": vary}
	none := map[string]string{}
	get := func(bucket, key string, h map[string]string) (middleware.Metadata, error) {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}, withHeaders(h))
		if err != nil {
			return middleware.Metadata{}, err
		}
		out.Body.Close()
		return out.ResultMetadata, nil
	}
	cases := []struct {
		name string
		call func() (middleware.Metadata, error)
		fail bool
		want map[string]string
	}{
		{"GET from an allowed origin", func() (middleware.Metadata, error) { return get("web", "k", app) }, false, appHeaders},
		{"GET without Origin", func() (middleware.Metadata, error) { return get("web", "k", nil) }, false, none},
		{"GET from another origin", func() (middleware.Metadata, error) {
			return get("web", "k", map[string]string{"Origin": "https://evil.test"})
		}, false, none},
		{"GET, bucket without CORS", func() (middleware.Metadata, error) {
			if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("plain"), Key: aws.String("k"), Body: strings.NewReader("v")}); err != nil {
				t.Fatal(err)
			}
			return get("plain", "k", app)
		}, false, none},
		{"404 NoSuchKey carries the headers", func() (middleware.Metadata, error) { return get("web", "missing", app) }, true, appHeaders},
		{"GET with preflight headers not allowed", func() (middleware.Metadata, error) {
			return get("web", "k", map[string]string{"Origin": "https://app.example.com", "Access-Control-Request-Headers": "authorization"})
		}, false, none},
		{"HEAD from any origin matches the star rule", func() (middleware.Metadata, error) {
			out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("web"), Key: aws.String("k")},
				withHeaders(map[string]string{"Origin": "https://elsewhere.test"}))
			if err != nil {
				return middleware.Metadata{}, err
			}
			return out.ResultMetadata, nil
		}, false, map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "HEAD", "Vary": vary}},
		{"PUT with a method no rule allows for the origin is stored, without headers", func() (middleware.Metadata, error) {
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("web"), Key: aws.String("p"), Body: strings.NewReader("x")},
				withHeaders(map[string]string{"Origin": "http://x.origin.test"}))
			if err != nil {
				return middleware.Metadata{}, err
			}
			if _, err := get("web", "p", nil); err != nil {
				t.Fatalf("object not stored: %v", err)
			}
			return out.ResultMetadata, nil
		}, false, none},
		{"DELETE from the allowed origin", func() (middleware.Metadata, error) {
			out, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("web"), Key: aws.String("p")}, withHeaders(app))
			if err != nil {
				return middleware.Metadata{}, err
			}
			return out.ResultMetadata, nil
		}, false, appHeaders},
		{"ListBuckets is not bucket-scoped", func() (middleware.Metadata, error) {
			out, err := c.ListBuckets(ctx, &s3.ListBucketsInput{}, withHeaders(app))
			if err != nil {
				return middleware.Metadata{}, err
			}
			return out.ResultMetadata, nil
		}, false, none},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			md, err := tc.call()
			if (err != nil) != tc.fail {
				t.Fatalf("error %v, want failure %v", err, tc.fail)
			}
			if got := corsHeaders(rawHeader(t, md, err)); !equalMaps(got, tc.want) {
				t.Fatalf("headers\n got %v\nwant %v", got, tc.want)
			}
		})
	}
}

// A request whose signature is refused still carries the CORS headers of
// the matching rule, as S3's 403s do (5.3).
func TestCORSHeadersOnSignatureError(t *testing.T) {
	srv, _ := corsSandbox(t)
	req, err := http.NewRequest(http.MethodGet, srv.HTTPSURL()+"/web/k", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+srv.Root().AccessKeyID+"/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")
	resp, err := httpClient(t, srv).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want a refusal", resp.StatusCode)
	}
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "https://app.example.com" || resp.Header.Get("Vary") != vary {
		t.Fatalf("CORS headers on the refusal: %v", corsHeaders(resp.Header))
	}
}

// A preflight is answered before any signature check: an invalid
// Authorization header does not matter.
func TestCORSPreflightIgnoresAuthorization(t *testing.T) {
	srv, _ := corsSandbox(t)
	res := preflight(t, srv, "/web/k", map[string]string{"Origin": "https://app.example.com",
		"Access-Control-Request-Method": "GET", "Authorization": "AWS4-HMAC-SHA256 garbage"})
	if res.Status != http.StatusOK || res.Header.Get("Access-Control-Allow-Origin") != "https://app.example.com" {
		t.Fatalf("%d %v %q", res.Status, res.Header, res.Body)
	}
}

// equalMaps compares two string maps.
func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// A virtual-hosted preflight (bucket in the Host) is evaluated for that
// bucket; the path is the key.
func TestCORSPreflightVirtualHosted(t *testing.T) {
	srv, _ := corsSandbox(t)
	req, err := http.NewRequest(http.MethodOptions, srv.HTTPURL()+"/some/key", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "web.localhost"
	req.Header.Set("Origin", "http://a.origin.test")
	req.Header.Set("Access-Control-Request-Method", "GET")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := map[string]string{"Access-Control-Allow-Origin": "http://a.origin.test", "Access-Control-Allow-Credentials": "true",
		"Access-Control-Allow-Methods": "GET", "Vary": vary}
	if got := corsHeaders(resp.Header); resp.StatusCode != http.StatusOK || !equalMaps(got, want) {
		t.Fatalf("%d %v", resp.StatusCode, got)
	}
	req.Host = "plain.localhost"
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("bucket without CORS: %d, want 403", resp.StatusCode)
	}
}

// A configuration change applies to the next request: after
// DeleteBucketCors the same preflight is refused as "not enabled".
func TestCORSPreflightFollowsConfiguration(t *testing.T) {
	srv, c := corsSandbox(t)
	h := map[string]string{"Origin": "https://app.example.com", "Access-Control-Request-Method": "GET"}
	if res := preflight(t, srv, "/web/k", h); res.Status != http.StatusOK {
		t.Fatalf("before: %d", res.Status)
	}
	if _, err := c.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: aws.String("web")}); err != nil {
		t.Fatal(err)
	}
	res := preflight(t, srv, "/web/k", h)
	if res.Status != http.StatusForbidden || !strings.Contains(res.Body, "CORS is not enabled for this bucket.") {
		t.Fatalf("after DeleteBucketCors: %d %s", res.Status, res.Body)
	}
}

// POST requests (here DeleteObjects) are evaluated with their own method.
func TestCORSActualPost(t *testing.T) {
	_, c := corsSandbox(t)
	if _, err := c.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String("plain"),
		CORSConfiguration: &s3types.CORSConfiguration{CORSRules: []s3types.CORSRule{
			{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"POST"}}}}}); err != nil {
		t.Fatal(err)
	}
	del := &s3.DeleteObjectsInput{Bucket: aws.String("plain"), Delete: &s3types.Delete{Objects: []s3types.ObjectIdentifier{{Key: aws.String("x")}}}}
	out, err := c.DeleteObjects(ctx, del, withHeaders(map[string]string{"Origin": "https://any.test"}))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "POST", "Vary": vary}
	if got := corsHeaders(rawHeader(t, out.ResultMetadata, nil)); !equalMaps(got, want) {
		t.Fatalf("POST: %v", got)
	}
	// The same origin on a GET matches no rule: no headers.
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("plain"), Key: aws.String("x")},
		withHeaders(map[string]string{"Origin": "https://any.test"}))
	if got := corsHeaders(rawHeader(t, middleware.Metadata{}, err)); len(got) != 0 {
		t.Fatalf("GET: %v", got)
	}
}
