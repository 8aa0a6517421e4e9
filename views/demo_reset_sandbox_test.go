package views

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// TestDemoResetAsksThenReseeds: in the demo, ctrl+r asks; any key but y
// keeps the data, y re-seeds the sandbox and the overview reads it again
// (a bucket created before is gone).
func TestDemoResetAsksThenReseeds(t *testing.T) {
	t.Setenv("AWS_CA_BUNDLE", "")
	srv, err := sandbox.Start(sandbox.Options{Seed: true, Clock: sandboxClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(srv.CAPEM())
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	t.Cleanup(tr.CloseIdleConnections)
	sess, err := awsops.Open(context.Background(), awsops.Options{Region: "us-east-1", EndpointURL: srv.HTTPSURL(),
		HTTPClient: &http.Client{Transport: tr}, AccessKeyID: srv.Root().AccessKeyID, SecretAccessKey: srv.Root().SecretAccessKey})
	if err != nil {
		t.Fatal(err)
	}
	p, err := awsops.CreateBucketPlan("rehearsal-leftover", "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Apply(context.Background(), p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	var resets atomic.Int32
	app := NewApp(Config{Backend: portlessBackend{sess}, Demo: true, Parallel: 4, Clock: sandboxClock,
		DemoReset: func(context.Context) error { resets.Add(1); return srv.Reset() }})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(100, 30))
	waitTitle(t, tm, "s3sec: Buckets")
	ctrlR := tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}

	tm.Send(ctrlR)
	tm.Send(press("n")) // not y: keep
	tm.Send(ctrlR)
	tm.Send(press("y"))
	waitTitle(t, tm, "s3sec: Buckets (loading)")
	waitTitle(t, tm, "s3sec: Buckets")
	out := quitAndRender(t, tm)
	if n := resets.Load(); n != 1 {
		t.Errorf("DemoReset ran %d times, want 1 (n keeps the data, y resets)", n)
	}
	if strings.Contains(out, "rehearsal-leftover") || !strings.Contains(out, "10 buckets") {
		t.Errorf("after the reset the overview should list the 10 demo buckets only:\n%s", out)
	}
	if _, err := sess.BucketRegion(context.Background(), "rehearsal-leftover"); err == nil {
		t.Error("the bucket created before the reset still exists")
	}
}
