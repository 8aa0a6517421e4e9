package sandbox_test

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// rawStatus sends one raw HTTP/1.1 request to the plain endpoint and returns
// the status code of the answer.
func rawStatus(t *testing.T, srv *sandbox.Server, request string) int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.HTTPURL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(request)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// KNOWN DEVIATION. S3 ignores an Expect header other than 100-continue; Go's
// net/http server (go1.26 net/http/server.go, conn.serve) answers such a
// request itself with 417 Expectation Failed and closes the connection
// before any handler runs, and offers no option to turn that off. Working
// around it would mean rewriting request heads in a net.Conn wrapper below
// the server: that needs our own HTTP/1.1 framing (Content-Length, chunked
// bodies, pipelining), and on the HTTPS listener the wrapper would hide the
// *tls.Conn from http.Server, so r.TLS (aws:SecureTransport) would be lost.
// Not clean, so not done: this test records the behaviour, and fails (to be
// updated) if a Go release or a fix changes it. Clients send only
// "Expect: 100-continue", which works (second request below).
func TestExpectHeaderOtherThan100ContinueIsKnownDeviation(t *testing.T) {
	srv := start(t, sandbox.Options{})
	odd := "GET /some-bucket HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\nConnection: close\r\n\r\n"
	if got := rawStatus(t, srv, odd); got != http.StatusExpectationFailed {
		t.Fatalf("Expect: 200-ok answered %d; if the sandbox now ignores it like S3, update this test and the note", got)
	}
	// 100-continue reaches the handler: an unsigned (anonymous) request to a
	// bucket that does not exist gets NoSuchBucket (404), as on S3.
	cont := "PUT /some-bucket/k HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
	if got := rawStatus(t, srv, cont); got != http.StatusNotFound {
		t.Fatalf("Expect: 100-continue answered %d, want the handler's 404", got)
	}
}
