package views

import (
	"context"
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
	"github.com/s3sec/s3sec/ui"
)

// settledApp runs the console on be at w×h, synchronously, until the
// bucket list and every facet have arrived.
func settledApp(t *testing.T, be Backend, w, h int) *App {
	t.Helper()
	a := NewApp(Config{Backend: be, Demo: true, Parallel: 4, Clock: sandboxClock})
	a.c.st = ui.NewMonochromeStyles()
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	drive(a, a.Init())
	if len(a.overview.store.states) == 0 {
		t.Fatalf("no bucket listed:\n%s", screenText(a))
	}
	return a
}

// openBucket filters the grid down to bucket and opens it.
func openBucket(t *testing.T, a *App, bucket string) *Detail {
	t.Helper()
	keys(a, "/")
	for _, r := range bucket {
		keys(a, string(r))
	}
	keys(a, "enter", "enter")
	d, ok := a.top().(*Detail)
	if !ok || d.bucket != bucket {
		t.Fatalf("did not open %s:\n%s", bucket, screenText(a))
	}
	return d
}

// gridRow returns the overview row of bucket.
func gridRow(a *App, bucket string) string {
	for _, l := range lines(a) {
		if strings.Contains(l, " "+bucket+" ") {
			return l
		}
	}
	return ""
}

func TestEncryptionEditAgainstTheSandbox(t *testing.T) {
	be := openSandbox(t)
	a := settledApp(t, be, 120, 30)
	if row := gridRow(a, "acme-scratch"); !strings.Contains(row, "SSE-S3") {
		t.Fatalf("acme-scratch starts as SSE-S3, row %q", row)
	}
	d := openBucket(t, a, "acme-scratch")
	keys(a, "tab", "e") // Encryption, edit: the eu-west-1 keys are listed
	if got := d.Title(); got != "acme-scratch › Encryption › Edit encryption: algorithm" {
		t.Fatalf("breadcrumb %q", got)
	}
	keys(a, "down", "enter") // SSE-KMS
	wantOnScreen(t, a, "alias/acme-eu")
	keys(a, "up", "enter") // alias/acme-eu, above aws/s3
	keys(a, "enter")       // bucket key on
	keys(a, "enter")       // SSE-C as it is
	wantOnScreen(t, a, "KMSMasterKeyID=alias/acme-eu", "BucketKeyEnabled=true", "$ aws s3api put-bucket-encryption --bucket acme-scratch")
	keys(a, "y")
	if d.flow != nil {
		t.Fatalf("the flow must end once applied:\n%s", screenText(a))
	}
	wantOnScreen(t, a, "Algorithm             SSE-KMS (aws:kms)", "KMS key               alias/acme-eu", "S3 Bucket Key         on")
	keys(a, "esc", "esc")
	if row := gridRow(a, "acme-scratch"); !strings.Contains(row, "SSE-KMS+BK acme-eu") {
		t.Fatalf("the grid must show the new default encryption, row %q", row)
	}
}

func TestEncryptionChangeFlowSandbox(t *testing.T) {
	tm := startConsole(t, openSandbox(t), 120, 30)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "c", "r", "a", "t", "c", "h", "enter")
	waitTitle(t, tm, "s3sec: Buckets /scratch")
	typeKeys(tm, "enter", "tab")
	const at = "s3sec: Buckets /scratch › acme-scratch › Encryption"
	waitTitle(t, tm, at)
	typeKeys(tm, "e")
	waitTitle(t, tm, at+" › Edit encryption: algorithm")
	typeKeys(tm, "down", "enter")
	waitTitle(t, tm, at+" › Edit encryption: KMS key")
	typeKeys(tm, "up", "enter")
	waitTitle(t, tm, at+" › Edit encryption: bucket key")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Edit encryption: SSE-C")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Edit encryption: plan")
	typeKeys(tm, "y")
	waitTitle(t, tm, at) // applied, and the bucket read again
	typeKeys(tm, "esc")
	waitTitle(t, tm, "s3sec: Buckets /scratch")
	out := quitAndRender(t, tm)
	if !strings.Contains(out, "acme-scratch") || !strings.Contains(out, "SSE-KMS+BK acme-eu") {
		t.Fatalf("the grid must show acme-scratch as SSE-KMS+BK acme-eu:\n%s", out)
	}
}

// openSandboxHTTP starts a seeded sandbox and opens an admin session on
// its plain-HTTP endpoint.
func openSandboxHTTP(t *testing.T) Backend {
	t.Helper()
	t.Setenv("AWS_CA_BUNDLE", "") // see openSandboxWith
	srv, err := sandbox.Start(sandbox.Options{Seed: true, Clock: sandboxClock})
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	admin := srv.Admin()
	sess, err := awsops.Open(context.Background(), awsops.Options{
		Region: "us-east-1", EndpointURL: srv.HTTPURL(), HTTPClient: &http.Client{Transport: tr},
		AccessKeyID: admin.AccessKeyID, SecretAccessKey: admin.SecretAccessKey,
	})
	if err != nil {
		t.Fatalf("open session: %v", err)
	}
	return portlessBackend{sess}
}

func TestEncryptionApplyDeniedShowsTheCodeAndWhatToDoSandbox(t *testing.T) {
	a := settledApp(t, openSandbox(t, "s3:PutEncryptionConfiguration"), 100, 30)
	d := openBucket(t, a, "acme-scratch")
	keys(a, "tab", "e", "enter", "enter", "y") // SSE-S3 as it is, SSE-C as it is
	wantOnScreen(t, a, "Edit encryption: failed", "AccessDenied", "ask for the permission")
	if !strings.Contains(a.status.LastError, "AccessDenied") || !strings.Contains(a.status.LastError, "ask for the permission") {
		t.Fatalf("last error %q, want the AWS code and what to do", a.status.LastError)
	}
	// esc returns to the form with the answers, the failure above it; a
	// second esc leaves.
	keys(a, "esc")
	if _, ok := d.flow.(*encEditFlow); !ok {
		t.Fatalf("esc must return to the filled form:\n%s", screenText(a))
	}
	wantOnScreen(t, a, "failed: AccessDenied", "Default encryption of acme-scratch", "SSE-S3")
	keys(a, "esc")
	if d.flow != nil {
		t.Fatal("esc on the form must close it")
	}
}

func TestGoldenEncryptionPlanSandbox(t *testing.T) {
	tm := startConsole(t, openSandbox(t), 80, 24)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "s", "c", "r", "a", "t", "c", "h", "enter")
	waitTitle(t, tm, "s3sec: Buckets /scratch")
	typeKeys(tm, "enter", "tab", "e")
	const at = "s3sec: Buckets /scratch › acme-scratch › Encryption › Edit encryption: "
	waitTitle(t, tm, at+"algorithm")
	typeKeys(tm, "down", "enter")
	waitTitle(t, tm, at+"KMS key")
	typeKeys(tm, "up", "enter", "enter", "enter")
	waitTitle(t, tm, at+"plan")
	teatest.RequireEqualOutput(t, []byte(quitAndRender(t, tm)))
}
