package sandbox_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

func TestCopyInPlaceReencryptsSSES3ToSSEKMS(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "reenc")
	keyARN := newKey(t, srv, "us-east-1", "alias/reenc")
	body := bytes.Repeat([]byte("quarterly numbers, do not share. "), 200)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("reenc"), Key: aws.String("report.txt"), Body: bytes.NewReader(body),
		ContentType: aws.String("text/plain"), Metadata: map[string]string{"owner": "finance"}}); err != nil {
		t.Fatal(err)
	}
	before := srv.RawObjectBytes("reenc", "report.txt", "")

	// Copying onto itself without any change is refused.
	_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("reenc"), Key: aws.String("report.txt"), CopySource: aws.String("reenc/report.txt")})
	expectError(t, err, 400, "InvalidRequest", "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")

	out, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("reenc"), Key: aws.String("report.txt"), CopySource: aws.String("reenc/report.txt"),
		ServerSideEncryption: s3types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String("alias/reenc")})
	if err != nil {
		t.Fatalf("in-place re-encryption: %v", err)
	}
	if out.ServerSideEncryption != s3types.ServerSideEncryptionAwsKms || aws.ToString(out.SSEKMSKeyId) != keyARN ||
		out.CopyObjectResult == nil || aws.ToString(out.CopyObjectResult.ETag) == md5ETag(string(body)) {
		t.Fatalf("CopyObject output %+v %+v", out, out.CopyObjectResult)
	}
	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("reenc"), Key: aws.String("report.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if readAll(t, get.Body) != string(body) || get.ServerSideEncryption != s3types.ServerSideEncryptionAwsKms ||
		aws.ToString(get.SSEKMSKeyId) != keyARN || get.Metadata["owner"] != "finance" || aws.ToString(get.ContentType) != "text/plain" {
		t.Fatalf("after re-encryption: %+v", get)
	}
	after := srv.RawObjectBytes("reenc", "report.txt", "")
	if bytes.Equal(before, after) {
		t.Fatal("bytes at rest unchanged by the re-encryption")
	}
	assertEncryptedAtRest(t, srv, "reenc", "report.txt", "", body)
	if calls := srv.KMSCalls("reenc"); calls.GenerateDataKey != 1 || calls.Decrypt != 1 {
		t.Fatalf("KMS calls %+v: one GenerateDataKey for the copy, one Decrypt for the GET", calls)
	}

	// REPLACE is a legal in-place copy too, and replaces the metadata.
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("reenc"), Key: aws.String("report.txt"), CopySource: aws.String("reenc/report.txt"),
		MetadataDirective: s3types.MetadataDirectiveReplace, Metadata: map[string]string{"owner": "legal"}, ContentType: aws.String("text/markdown")})
	if err != nil {
		t.Fatal(err)
	}
	h, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("reenc"), Key: aws.String("report.txt")})
	if err != nil || h.Metadata["owner"] != "legal" || aws.ToString(h.ContentType) != "text/markdown" || h.ServerSideEncryption != s3types.ServerSideEncryptionAes256 {
		t.Fatalf("after REPLACE (bucket default SSE-S3 applies again): %v %+v", err, h)
	}
}

func TestCopySSECToSSES3AndToAnotherKey(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "vault")
	allowSSEC(t, c, "vault")
	k, k2 := newSSECKey("copy source"), newSSECKey("copy target")
	if res := do(t, srv, clientOpts{}, http.MethodPut, "/vault/secret", []byte("customer-keyed secret"), k.headers()); res.Status != 200 {
		t.Fatalf("PUT: %d %s", res.Status, res.Body)
	}
	src := func(in *s3.CopyObjectInput, key ssecKey) {
		in.CopySourceSSECustomerAlgorithm, in.CopySourceSSECustomerKey, in.CopySourceSSECustomerKeyMD5 = aws.String("AES256"), aws.String(key.b64), aws.String(key.md5)
	}
	// No destination headers: the copy is SSE-S3 (2.6 copy semantics).
	in := &s3.CopyObjectInput{Bucket: aws.String("vault"), Key: aws.String("decrypted"), CopySource: aws.String("vault/secret")}
	src(in, k)
	out, err := c.CopyObject(ctx, in)
	if err != nil || out.ServerSideEncryption != s3types.ServerSideEncryptionAes256 || out.SSECustomerKeyMD5 != nil {
		t.Fatalf("SSE-C → SSE-S3: %v %+v", err, out)
	}
	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("vault"), Key: aws.String("decrypted")})
	if err != nil || readAll(t, get.Body) != "customer-keyed secret" {
		t.Fatalf("GET of the SSE-S3 copy without key: %v", err)
	}
	// Destination SSE-C headers: a copy under the new key.
	in = &s3.CopyObjectInput{Bucket: aws.String("vault"), Key: aws.String("rekeyed"), CopySource: aws.String("vault/secret"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(k2.b64), SSECustomerKeyMD5: aws.String(k2.md5)}
	src(in, k)
	out, err = c.CopyObject(ctx, in)
	if err != nil || out.ServerSideEncryption != "" || aws.ToString(out.SSECustomerKeyMD5) != k2.md5 {
		t.Fatalf("SSE-C → SSE-C: %v %+v", err, out)
	}
	if res := do(t, srv, clientOpts{}, http.MethodGet, "/vault/rekeyed", nil, k2.headers()); res.Status != 200 || res.Body != "customer-keyed secret" {
		t.Fatalf("GET with the new key: %d %q", res.Status, res.Body)
	}
	// Source key errors.
	in = &s3.CopyObjectInput{Bucket: aws.String("vault"), Key: aws.String("x"), CopySource: aws.String("vault/secret")}
	_, err = c.CopyObject(ctx, in)
	expectError(t, err, 400, "InvalidRequest", "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")
	src(in, k2)
	_, err = c.CopyObject(ctx, in)
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	in = &s3.CopyObjectInput{Bucket: aws.String("vault"), Key: aws.String("x"), CopySource: aws.String("vault/decrypted")}
	src(in, k)
	_, err = c.CopyObject(ctx, in)
	expectError(t, err, 400, "InvalidRequest", "The encryption parameters are not applicable to this object.")
}

func TestCopySourcesVersionsAndConditions(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	west := s3Client(t, srv, clientOpts{region: "eu-west-1"})
	mustBucket(t, c, "dest")
	mustBucket(t, west, "src-eu", "eu-west-1")
	enableVersioning(t, west, "src-eu", s3types.BucketVersioningStatusEnabled)
	v1 := aws.ToString(mustPut(t, west, "src-eu", "dir/file name.txt", "version one"))
	mustPut(t, west, "src-eu", "dir/file name.txt", "version two")

	// Cross-region copy of an older version; the key is URL-encoded in the header.
	out, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dest"), Key: aws.String("copy"),
		CopySource: aws.String("src-eu/dir/file%20name.txt?versionId=" + v1)})
	if err != nil || aws.ToString(out.CopySourceVersionId) != v1 || out.VersionId != nil {
		t.Fatalf("copy of v1: %v %+v", err, out)
	}
	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("dest"), Key: aws.String("copy")})
	if err != nil || readAll(t, get.Body) != "version one" || aws.ToString(get.ETag) != md5ETag("version one") {
		t.Fatalf("copied content: %v", err)
	}
	// Restoring an old version in place is legal without any change.
	if _, err := west.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("src-eu"), Key: aws.String("dir/file name.txt"),
		CopySource: aws.String("src-eu/dir/file%20name.txt?versionId=" + v1)}); err != nil {
		t.Fatalf("restore of v1: %v", err)
	}
	cur, err := west.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("src-eu"), Key: aws.String("dir/file name.txt")})
	if err != nil || readAll(t, cur.Body) != "version one" {
		t.Fatalf("restored: %v", err)
	}

	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dest"), Key: aws.String("x"), CopySource: aws.String("src-eu/missing")})
	expectError(t, err, 404, "NoSuchKey", "")
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dest"), Key: aws.String("x"), CopySource: aws.String("no-such-bucket/k")})
	expectError(t, err, 404, "NoSuchBucket", "")
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dest"), Key: aws.String("x"), CopySource: aws.String("dest/copy"),
		CopySourceIfMatch: aws.String(`"0123456789abcdef0123456789abcdef"`)})
	expectError(t, err, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dest"), Key: aws.String("x"), CopySource: aws.String("dest/copy"),
		CopySourceIfNoneMatch: aws.String(md5ETag("version one"))})
	expectError(t, err, 412, "PreconditionFailed", "")
}

func TestCopyIsAuthorisedOnSourceAndDestination(t *testing.T) {
	srv := start(t, sandbox.Options{AdminDeniedActions: []string{"s3:GetObject"}})
	c := s3Client(t, srv, clientOpts{})
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	mustBucket(t, c, "authz")
	mustPut(t, c, "authz", "src", "data")
	_, err := admin.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("authz"), Key: aws.String("dst"), CopySource: aws.String("authz/src")})
	expectError(t, err, 403, "AccessDenied", "User: "+srv.Admin().ARN+
		" is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::authz/src\" with an explicit deny in an identity-based policy")

	srv2 := start(t, sandbox.Options{AdminDeniedActions: []string{"s3:PutObject"}})
	c2 := s3Client(t, srv2, clientOpts{})
	mustBucket(t, c2, "authz")
	mustPut(t, c2, "authz", "src", "data")
	_, err = s3Client(t, srv2, clientOpts{creds: srv2.Admin()}).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("authz"),
		Key: aws.String("dst"), CopySource: aws.String("authz/src")})
	expectError(t, err, 403, "AccessDenied", "User: "+srv2.Admin().ARN+
		" is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::authz/dst\" with an explicit deny in an identity-based policy")

	// A bucket policy denying reads of the source stops the copy as well.
	_, err = c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String("authz"), Policy: aws.String(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::authz/src"}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("authz"), Key: aws.String("dst"), CopySource: aws.String("authz/src")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
}

func TestCopyResponseHeadersRaw(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "raw")
	enableVersioning(t, c, "raw", s3types.BucketVersioningStatusEnabled)
	srcVersion := aws.ToString(mustPut(t, c, "raw", "src", "raw copy"))
	res := do(t, srv, clientOpts{}, http.MethodPut, "/raw/dst", nil, http.Header{"X-Amz-Copy-Source": {"/raw/src"}})
	if res.Status != 200 || res.Header.Get("X-Amz-Copy-Source-Version-Id") != srcVersion || res.Header.Get("X-Amz-Version-Id") == "" ||
		res.Header.Get("X-Amz-Server-Side-Encryption") != "AES256" {
		t.Fatalf("copy answer %d %v", res.Status, res.Header)
	}
	if !strings.Contains(res.Body, `<CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ETag>&#34;`+strings.Trim(md5ETag("raw copy"), `"`)+`&#34;</ETag><LastModified>`) {
		t.Fatalf("copy document %s", res.Body)
	}
}
