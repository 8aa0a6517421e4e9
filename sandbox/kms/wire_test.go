package kms_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/s3sec/s3sec/sandbox"
)

// rawAnswer is a KMS answer as it came over the wire.
type rawAnswer struct {
	status int
	header http.Header
	body   string
}

// call sends a JSON 1.1 request for op, SigV4-signed for service in us-east-1.
func call(t *testing.T, srv *sandbox.Server, service, op, body string) rawAnswer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.HTTPSURL()+"/", strings.NewReader(body))
	must(t, err)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "TrentService."+op)
	sum := sha256.Sum256([]byte(body))
	if service == "s3" {
		req.Header.Set("X-Amz-Content-Sha256", hex.EncodeToString(sum[:])) // S3 signatures must carry it
	}
	creds := aws.Credentials{AccessKeyID: srv.Root().AccessKeyID, SecretAccessKey: srv.Root().SecretAccessKey}
	must(t, v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), service, "us-east-1", time.Now()))
	resp, err := httpClient(t, srv).Do(req)
	must(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	must(t, err)
	return rawAnswer{resp.StatusCode, resp.Header, string(data)}
}

var requestIDRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestWireFormat(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: func() time.Time { return fixedTime }})

	created := call(t, srv, "kms", "CreateKey", `{"Description":"wire"}`)
	if created.status != 200 || created.header.Get("Content-Type") != "application/x-amz-json-1.1" ||
		!requestIDRE.MatchString(created.header.Get("x-amzn-RequestId")) {
		t.Fatalf("CreateKey: %d %v %s", created.status, created.header, created.body)
	}
	// Timestamps are epoch seconds as JSON numbers.
	if !strings.Contains(created.body, `"CreationDate":1795167000.25,`) {
		t.Fatalf("CreationDate not as epoch seconds: %s", created.body)
	}
	var out struct{ KeyMetadata struct{ KeyId, Arn string } }
	must(t, json.Unmarshal([]byte(created.body), &out))

	alias := call(t, srv, "kms", "CreateAlias", `{"AliasName":"alias/wire","TargetKeyId":"`+out.KeyMetadata.KeyId+`"}`)
	if alias.status != 200 || alias.body != "" {
		t.Fatalf("CreateAlias: %d %q", alias.status, alias.body)
	}
	enc := call(t, srv, "kms", "Encrypt", `{"KeyId":"alias/wire","Plaintext":"aGVsbG8="}`)
	if enc.status != 200 || !strings.Contains(enc.body, `"KeyId":"`+out.KeyMetadata.Arn+`"`) {
		t.Fatalf("Encrypt: %d %s", enc.status, enc.body)
	}

	for _, tc := range []struct {
		name, service, op, body string
		want                    string
	}{
		{"empty message", "kms", "CreateAlias", `{"AliasName":"alias/aws/x","TargetKeyId":"` + out.KeyMetadata.KeyId + `"}`,
			`{"__type":"NotAuthorizedException","message":""}`},
		{"tampered", "kms", "Decrypt", `{"CiphertextBlob":"AQ=="}`, `{"__type":"InvalidCiphertextException","message":""}`},
		{"missing member", "kms", "Encrypt", `{"Plaintext":"aGVsbG8="}`,
			`{"__type":"ValidationException","message":"1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null"}`},
		{"two problems", "kms", "Encrypt", `{}`,
			`{"__type":"ValidationException","message":"2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null; Value null at 'plaintext' failed to satisfy constraint: Member must not be null"}`},
		{"not JSON", "kms", "DescribeKey", `{"KeyId":`, `{"__type":"SerializationException","message":"Could not parse the request body: it is not a valid JSON object."}`},
		{"unimplemented", "kms", "Sign", `{}`,
			`{"__type":"UnsupportedOperationException","message":"The s3sec sandbox does not implement KMS Sign."}`},
		{"unknown", "kms", "Bogus", `{}`, `{"__type":"UnknownOperationException","message":""}`},
		{"wrong service", "s3", "ListKeys", `{}`,
			`{"__type":"InvalidSignatureException","message":"Credential should be scoped to correct service: 'kms'. "}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := call(t, srv, tc.service, tc.op, tc.body)
			if got.status != 400 || got.body != tc.want || got.header.Get("Content-Type") != "application/x-amz-json-1.1" ||
				!requestIDRE.MatchString(got.header.Get("x-amzn-RequestId")) {
				t.Fatalf("got %d %s %v\nwant 400 %s", got.status, got.body, got.header, tc.want)
			}
		})
	}
	// Nothing unimplemented succeeded silently: the key has no new alias.
	list := call(t, srv, "kms", "ListAliases", `{}`)
	if strings.Contains(list.body, "alias/aws/x") || !bytes.Contains([]byte(list.body), []byte(`"AliasName":"alias/wire"`)) {
		t.Fatalf("ListAliases: %s", list.body)
	}
}
