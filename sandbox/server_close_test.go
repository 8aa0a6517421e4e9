package sandbox_test

import (
	"io"
	"net"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/sandbox"
)

// spareConns opens a connection to each listener that sends nothing, as an
// HTTP client's pool does when it dials ahead and keeps the spare.
func spareConns(tb testing.TB, srv *sandbox.Server) []net.Conn {
	tb.Helper()
	var conns []net.Conn
	for _, u := range []string{srv.HTTPURL(), srv.HTTPSURL()} {
		p, err := url.Parse(u)
		if err != nil {
			tb.Fatal(err)
		}
		c, err := net.Dial("tcp", p.Host)
		if err != nil {
			tb.Fatal(err)
		}
		conns = append(conns, c)
	}
	return conns
}

// TestCloseDropsConnectionsThatNeverSentARequest: Close ends them itself
// rather than waiting for http.Server.Shutdown's five-second grace (or its
// own deadline), and a client that used the sandbox is answered first.
func TestCloseDropsConnectionsThatNeverSentARequest(t *testing.T) {
	srv, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s3Client(t, srv, clientOpts{}).ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
		t.Fatal(err)
	}
	conns := spareConns(t, srv)
	if err := srv.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	for _, c := range conns {
		if n, err := c.Read(make([]byte, 1)); n != 0 || err == nil {
			t.Errorf("a spare connection is still open after Close: %d, %v", n, err)
		} else if err != io.EOF {
			t.Logf("spare connection: %v", err)
		}
		c.Close()
	}
}

// BenchmarkCloseWithSpareConnections measures Close with one connection per
// listener that never sent a request: about 2 s before Close dropped them
// (Shutdown waited for them until its deadline), a few milliseconds since.
func BenchmarkCloseWithSpareConnections(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		srv, err := sandbox.Start(sandbox.Options{})
		if err != nil {
			b.Fatal(err)
		}
		conns := spareConns(b, srv)
		b.StartTimer()
		srv.Close()
		b.StopTimer()
		for _, c := range conns {
			c.Close()
		}
		b.StartTimer()
	}
}
