package sandbox_test

import (
	"net/http"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// A refused preflight is logged like any refused request: with its status
// and its error code (the bucket has no CORS configuration: 403
// AccessForbidden).
func TestAccessLogRecordsARefusedPreflightsErrorCode(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: fixedClock})
	root := s3Client(t, srv, clientOpts{})
	mustBucket(t, root, "src")
	mustBucket(t, root, "logs")
	putPolicy(t, root, "logs", deliveryPolicy("logs", "access/"))
	if _, err := root.PutBucketLogging(ctx, logTo("src", "logs", "access/")); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodOptions, srv.HTTPSURL()+"/src/page.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", "https://example.org")
	req.Header.Set("Access-Control-Request-Method", "GET")
	resp, err := httpClient(t, srv).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("preflight without a CORS configuration: status %d, want 403", resp.StatusCode)
	}
	deliveries := srv.FlushAccessLogs()
	if len(deliveries) != 1 || deliveries[0].Failure != "" {
		t.Fatalf("deliveries %+v", deliveries)
	}
	pre := findRecord(t, logRecords(t, root, "logs", deliveries[0].Key), "REST.OPTIONS.PREFLIGHT")
	if pre[9] != "403" || pre[10] != "AccessForbidden" {
		t.Errorf("refused preflight logged with status %q and error code %q, want 403 AccessForbidden: %q", pre[9], pre[10], pre)
	}
}
