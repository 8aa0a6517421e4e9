package sandbox_test

import (
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// errorDoc is the part of an S3 error document the SSE-C table specifies.
type errorDoc struct {
	Code          string  `xml:"Code"`
	Message       string  `xml:"Message"`
	ArgumentName  *string `xml:"ArgumentName"`
	ArgumentValue *string `xml:"ArgumentValue"`
}

// expectRawError asserts a raw answer's status and error document; argName
// and argValue are checked when not "-" ("" means the element is absent).
func expectRawError(t *testing.T, what string, res rawResponse, status int, code, message, argName, argValue string) {
	t.Helper()
	var doc errorDoc
	if err := xml.Unmarshal([]byte(res.Body), &doc); err != nil {
		t.Fatalf("%s: %d, not an error document: %q", what, res.Status, res.Body)
	}
	if res.Status != status || doc.Code != code || doc.Message != message {
		t.Fatalf("%s: got %d %s %q, want %d %s %q", what, res.Status, doc.Code, doc.Message, status, code, message)
	}
	check := func(name string, got *string, want string) {
		if want == "-" {
			return
		}
		if (want == "") != (got == nil) || got != nil && *got != want {
			t.Fatalf("%s: %s = %v, want %q", what, name, got, want)
		}
	}
	check("ArgumentName", doc.ArgumentName, argName)
	check("ArgumentValue", doc.ArgumentValue, argValue)
}

// with returns a copy of h with the given header set (or removed when value is "").
func with(h http.Header, name, value string) http.Header {
	out := h.Clone()
	if value == "" {
		out.Del(name)
	} else {
		out.Set(name, value)
	}
	return out
}

const (
	hAlg = "X-Amz-Server-Side-Encryption-Customer-Algorithm"
	hKey = "X-Amz-Server-Side-Encryption-Customer-Key"
	hMD5 = "X-Amz-Server-Side-Encryption-Customer-Key-Md5"
)

func TestSSECWriteValidationInSpecOrder(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ssec")
	allowSSEC(t, c, "ssec")
	k := newSSECKey("write validation")
	short := keyOf([]byte("only sixteen byt"))
	put := func(h http.Header) rawResponse {
		return do(t, srv, clientOpts{}, http.MethodPut, "/ssec/k", []byte("payload"), h)
	}
	const sseArg = "x-amz-server-side-encryption"
	for _, tc := range []struct {
		name           string
		h              http.Header
		code, message  string
		argName, value string
	}{
		{"with x-amz-server-side-encryption", with(with(k.headers(), "X-Amz-Server-Side-Encryption", "AES256"), hAlg, "AES128"),
			"InvalidArgument", "Server Side Encryption with Customer provided key is incompatible with the encryption method specified", sseArg, "AES256"},
		{"algorithm not AES256", with(k.headers(), hAlg, "AES128"),
			"InvalidEncryptionAlgorithmError", "The Encryption request you specified is not valid. Supported value: AES256.", sseArg, "AES128"},
		{"key without algorithm", with(k.headers(), hAlg, ""),
			"InvalidArgument", "Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.", sseArg, ""},
		{"algorithm without key", with(with(k.headers(), hKey, ""), hMD5, ""),
			"InvalidArgument", "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.", sseArg, ""},
		{"MD5 absent", with(k.headers(), hMD5, ""),
			"InvalidArgument", "Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.", sseArg, ""},
		{"MD5 wrong (checked before the length)", with(short.headers(), hMD5, k.md5),
			"InvalidArgument", "The calculated MD5 hash of the key did not match the hash that was provided.", sseArg, "null"},
		{"key of 16 bytes", short.headers(),
			"InvalidArgument", "The secret key was invalid for the specified algorithm.", sseArg, ""},
	} {
		expectRawError(t, tc.name, put(tc.h), http.StatusBadRequest, tc.code, tc.message, tc.argName, tc.value)
	}
	if res := put(k.headers()); res.Status != http.StatusOK {
		t.Fatalf("valid SSE-C PUT: %d %s", res.Status, res.Body)
	}
}

func TestSSECOverPlainHTTPIsRefusedFirst(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ssec")
	allowSSEC(t, c, "ssec")
	mustPut(t, c, "ssec", "plain-object", "x")
	k := newSSECKey("plain http")
	const msg = "Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection."
	// Even an otherwise invalid combination gets the transport error first.
	for _, h := range []http.Header{k.headers(), with(k.headers(), "X-Amz-Server-Side-Encryption", "AES256")} {
		res := do(t, srv, clientOpts{plain: true}, http.MethodPut, "/ssec/k", []byte("payload"), h)
		expectRawError(t, "PUT over HTTP", res, http.StatusBadRequest, "InvalidRequest", msg, "", "")
	}
	res := do(t, srv, clientOpts{plain: true}, http.MethodGet, "/ssec/plain-object", nil, k.headers())
	expectRawError(t, "GET over HTTP", res, http.StatusBadRequest, "InvalidRequest", msg, "", "")
	// The SDK sees the same answer.
	_, err := s3Client(t, srv, clientOpts{plain: true}).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("ssec"), Key: aws.String("k"),
		Body: strings.NewReader("x"), SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(k.b64), SSECustomerKeyMD5: aws.String(k.md5)})
	expectError(t, err, 400, "InvalidRequest", msg)
}

func TestSSECReads(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ssec")
	allowSSEC(t, c, "ssec")
	enableVersioning(t, c, "ssec", s3types.BucketVersioningStatusEnabled)
	k1, k2 := newSSECKey("version one"), newSSECKey("version two")
	v1 := do(t, srv, clientOpts{}, http.MethodPut, "/ssec/doc", []byte("first secret"), k1.headers())
	v2 := do(t, srv, clientOpts{}, http.MethodPut, "/ssec/doc", []byte("second secret"), k2.headers())
	mustPut(t, c, "ssec", "plain", "not SSE-C")
	if v1.Status != 200 || v2.Status != 200 {
		t.Fatalf("puts: %d %d", v1.Status, v2.Status)
	}
	// The PUT answer: no SSE header, the customer algorithm and key MD5, an ETag that is not the MD5.
	if v2.Header.Get("X-Amz-Server-Side-Encryption") != "" || v2.Header.Get(hAlg) != "AES256" || v2.Header.Get(hMD5) != k2.md5 ||
		v2.Header.Get("ETag") == md5ETag("second secret") {
		t.Fatalf("SSE-C PUT headers %v", v2.Header)
	}
	id1 := v1.Header.Get("X-Amz-Version-Id")

	// Each version opens with its own key.
	if res := do(t, srv, clientOpts{}, http.MethodGet, "/ssec/doc", nil, k2.headers()); res.Status != 200 || res.Body != "second secret" ||
		res.Header.Get(hAlg) != "AES256" || res.Header.Get(hMD5) != k2.md5 || res.Header.Get("X-Amz-Server-Side-Encryption") != "" {
		t.Fatalf("GET current: %d %q %v", res.Status, res.Body, res.Header)
	}
	if res := do(t, srv, clientOpts{}, http.MethodGet, "/ssec/doc?versionId="+id1, nil, k1.headers()); res.Status != 200 || res.Body != "first secret" {
		t.Fatalf("GET v1: %d %q", res.Status, res.Body)
	}

	const wrongKey = "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key."
	expectRawError(t, "another version's key", do(t, srv, clientOpts{}, http.MethodGet, "/ssec/doc", nil, k1.headers()),
		http.StatusForbidden, "AccessDenied", wrongKey, "", "")
	expectRawError(t, "wrong-length key on a read", do(t, srv, clientOpts{}, http.MethodGet, "/ssec/doc", nil, keyOf([]byte("short")).headers()),
		http.StatusForbidden, "AccessDenied", wrongKey, "", "")
	expectRawError(t, "no key", do(t, srv, clientOpts{}, http.MethodGet, "/ssec/doc", nil, nil), http.StatusBadRequest, "InvalidRequest",
		"The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.", "", "")
	expectRawError(t, "key on a non-SSE-C object", do(t, srv, clientOpts{}, http.MethodGet, "/ssec/plain", nil, k1.headers()),
		http.StatusBadRequest, "InvalidRequest", "The encryption parameters are not applicable to this object.", "", "")
	expectRawError(t, "bad algorithm on GET", do(t, srv, clientOpts{}, http.MethodGet, "/ssec/doc", nil, with(k2.headers(), hAlg, "aws:kms")),
		http.StatusBadRequest, "InvalidEncryptionAlgorithmError", "The Encryption request you specified is not valid. Supported value: AES256.",
		"x-amz-server-side-encryption", "aws:kms")

	// HEAD: the same statuses, no body.
	for _, tc := range []struct {
		h      http.Header
		status int
	}{{nil, 400}, {k1.headers(), 403}, {k2.headers(), 200}} {
		res := do(t, srv, clientOpts{}, http.MethodHead, "/ssec/doc", nil, tc.h)
		if res.Status != tc.status || res.Body != "" {
			t.Fatalf("HEAD: %d %q, want %d without body", res.Status, res.Body, tc.status)
		}
	}
	_, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("ssec"), Key: aws.String("doc"),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(k1.b64), SSECustomerKeyMD5: aws.String(k1.md5)})
	if got := asAPIError(t, err); got.Status != 403 {
		t.Fatalf("SDK HEAD with the wrong key: %+v", got)
	}

	// Deleting needs no key.
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("ssec"), Key: aws.String("doc"), VersionId: aws.String(id1)}); err != nil {
		t.Fatalf("DeleteObject of an SSE-C version without key: %v", err)
	}
	assertEncryptedAtRest(t, srv, "ssec", "doc", "", []byte("second secret"))
}

func TestSSECBlockedByDefaultUntilAllowed(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "blocked")
	k := newSSECKey("blocked")
	blocked := func(who string) string {
		return "User: " + who + " is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::blocked/k\" because this bucket has blocked upload requests that specify Server Side Encryption with Customer provided keys (SSE-C). Please specify a different server-side encryption type"
	}
	res := do(t, srv, clientOpts{}, http.MethodPut, "/blocked/k", []byte("x"), k.headers())
	expectRawError(t, "root PUT", res, http.StatusForbidden, "AccessDenied", blocked(srv.Root().ARN), "", "")
	res = do(t, srv, clientOpts{creds: srv.Admin()}, http.MethodPut, "/blocked/k", []byte("x"), k.headers())
	expectRawError(t, "admin PUT", res, http.StatusForbidden, "AccessDenied", blocked(srv.Admin().ARN), "", "")
	res = do(t, srv, clientOpts{}, http.MethodPost, "/blocked/k?uploads", nil, k.headers())
	expectRawError(t, "CreateMultipartUpload", res, http.StatusForbidden, "AccessDenied", blocked(srv.Root().ARN), "", "")

	allowSSEC(t, c, "blocked")
	if res := do(t, srv, clientOpts{}, http.MethodPut, "/blocked/k", []byte("allowed now"), k.headers()); res.Status != 200 {
		t.Fatalf("PUT after allowing SSE-C: %d %s", res.Status, res.Body)
	}
	// Blocking again stops new SSE-C writes; existing objects stay readable with the key.
	_, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String("blocked"),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{{
			BlockedEncryptionTypes: &s3types.BlockedEncryptionTypes{EncryptionType: []s3types.EncryptionType{s3types.EncryptionTypeSseC}},
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	res = do(t, srv, clientOpts{}, http.MethodPut, "/blocked/k", []byte("x"), k.headers())
	expectRawError(t, "PUT after blocking again", res, http.StatusForbidden, "AccessDenied", blocked(srv.Root().ARN), "", "")
	if res := do(t, srv, clientOpts{}, http.MethodGet, "/blocked/k", nil, k.headers()); res.Status != 200 || res.Body != "allowed now" {
		t.Fatalf("GET of an SSE-C object in a blocking bucket: %d %q", res.Status, res.Body)
	}
}
