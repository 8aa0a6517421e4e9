package sandbox_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/s3sec/s3sec/sandbox"
)

// unreadUpload is an upload the sandbox refuses before reading its body.
type unreadUpload struct {
	name    string
	path    string
	body    []byte
	payload string // X-Amz-Content-Sha256; "" = the body's SHA-256
	header  map[string]string
	status  int
}

// signedRaw is a SigV4-signed request for a raw connection to the plain endpoint.
func signedRaw(t *testing.T, srv *sandbox.Server, method, path string, body []byte, payload string, header map[string]string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, srv.HTTPURL()+path, bytes.NewReader(body))
	if err != nil {
		t.Error(err)
		return nil
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if payload == "" {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	req.Header.Set("X-Amz-Content-Sha256", payload)
	root := srv.Root()
	creds := aws.Credentials{AccessKeyID: root.AccessKeyID, SecretAccessKey: root.SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, payload, "s3", "us-east-1", time.Now()); err != nil {
		t.Error(err)
		return nil
	}
	return req
}

// Regression (issue 9): an upload answered before its body was read must
// leave nothing for net/http to read after the handler. An empty aws-chunked
// upload still carries its framing on the wire while sigv4 makes
// r.ContentLength 0; net/http then read that framing after the handler and
// panicked on the kept-alive connection ("invalid concurrent Body.Read
// call", caught by the log watch of start). Every answer here must be
// followed either by "Connection: close" or by a working next request on
// the same connection, with several clients at once.
func TestUploadAnsweredEarlyLeavesConnectionSound(t *testing.T) {
	srv := start(t, sandbox.Options{})
	big := bytes.Repeat([]byte("x"), 1<<20)
	cases := []unreadUpload{
		{name: "empty aws-chunked upload to a missing bucket", path: "/missing-bucket/k",
			body:    []byte("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n"),
			payload: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
			header: map[string]string{"Content-Encoding": "aws-chunked", "X-Amz-Decoded-Content-Length": "0",
				"X-Amz-Trailer": "x-amz-checksum-crc32"},
			status: http.StatusNotFound},
		{name: "small upload to a missing bucket", path: "/missing-bucket/k", body: []byte("hello"),
			status: http.StatusNotFound},
		{name: "1 MiB upload to a missing bucket", path: "/missing-bucket/k", body: big, payload: "UNSIGNED-PAYLOAD",
			status: http.StatusNotFound},
		{name: "1 MiB upload with 100-continue to a missing bucket", path: "/missing-bucket/k", body: big,
			payload: "UNSIGNED-PAYLOAD", header: map[string]string{"Expect": "100-continue"},
			status: http.StatusNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for range 5 {
						uploadThenList(t, srv, tc)
					}
				})
			}
			wg.Wait()
		})
	}
}

// uploadThenList sends tc on a fresh connection and, unless the answer
// closes the connection, a ListBuckets on the same connection.
func uploadThenList(t *testing.T, srv *sandbox.Server, tc unreadUpload) {
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.HTTPURL(), "http://"))
	if err != nil {
		t.Error(err)
		return
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	put := signedRaw(t, srv, http.MethodPut, tc.path, tc.body, tc.payload, tc.header)
	if put == nil {
		return
	}
	// The body goes out from its own goroutine: the answer may come first.
	go func() { _ = put.Write(conn) }()
	resp, err := http.ReadResponse(br, put)
	if err != nil {
		t.Errorf("upload: no answer: %v", err)
		return
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != tc.status {
		t.Errorf("upload answered %d, want %d", resp.StatusCode, tc.status)
	}
	if resp.Close {
		return // the sandbox gave the connection up rather than read the rest
	}
	list := signedRaw(t, srv, http.MethodGet, "/", nil, "", nil)
	if list == nil {
		return
	}
	if err := list.Write(conn); err != nil {
		t.Errorf("ListBuckets on the kept connection: %v", err)
		return
	}
	resp, err = http.ReadResponse(br, list)
	if err != nil {
		t.Errorf("ListBuckets on the kept connection: no answer: %v", err)
		return
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("ListBuckets on the kept connection answered %d", resp.StatusCode)
	}
}
