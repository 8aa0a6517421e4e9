package views

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/faultnet"
	"github.com/s3sec/s3sec/sandbox"
)

func TestTimedOutFacetShowsInItsCellOnly(t *testing.T) {
	t.Setenv("AWS_CA_BUNDLE", "")
	srv, err := sandbox.Start(sandbox.Options{Seed: true, Clock: sandboxClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	// An HTTPS proxy in front of the sandbox's HTTPS endpoint that never
	// answers GetBucketCors; the session trusts it through its CA bundle,
	// as --ca-bundle would, and waits 300ms per attempt.
	proxy, caFile := faultnet.ProxyTLS(t, srv.HTTPSURL(), srv.CAPEM(), faultnet.Config{Rule: func(r *http.Request) faultnet.Fault {
		if r.URL.Query().Has("cors") {
			return faultnet.StallHeaders
		}
		return faultnet.Pass
	}})
	admin := srv.Admin()
	sess, err := awsops.Open(context.Background(), awsops.Options{
		Region: "us-east-1", EndpointURL: proxy, CABundle: caFile, Timeout: 300 * time.Millisecond,
		AccessKeyID: admin.AccessKeyID, SecretAccessKey: admin.SecretAccessKey,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)

	tm := startConsole(t, portlessBackend{sess}, 120, 30)
	waitTitle(t, tm, "s3sec: Buckets")
	out := quitAndRender(t, tm)
	header, rows := gridRows(t, out)
	cell := func(s string) int { return ansi.StringWidth(header[:strings.Index(header, s)]) }
	if len(rows) != 10 {
		t.Fatalf("%d rows, want the 10 seeded buckets:\n%s", len(rows), out)
	}
	cors, tls := cell("CORS"), cell("TLS-only")
	for _, r := range rows {
		if got := strings.TrimSpace(ansi.Cut(r, cors, tls)); got != awsops.CodeTimeout && got != "t/o" {
			t.Errorf("CORS cell = %q, want the timeout: %q", got, r)
		}
		if strings.Count(r, awsops.CodeTimeout)+strings.Count(r, "t/o") != 1 || strings.Contains(r, "denied") {
			t.Errorf("the timeout leaks out of the CORS cell, or another facet failed: %q", r)
		}
	}
}
