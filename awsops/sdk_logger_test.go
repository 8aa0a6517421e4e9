package awsops

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// TestSDKLogLinesStayOffTheTerminal provokes the SDK's best-known log
// line: an instance metadata endpoint that refuses IMDSv2 tokens makes the
// SDK warn "falling back to IMDSv1" on stderr, in the middle of the
// console's screen. Open must keep stderr clean and still fail with
// ErrNoCredentials.
func TestSDKLogLinesStayOffTheTerminal(t *testing.T) {
	isolateEnv(t)
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut && r.URL.Path == "/latest/api/token" {
			http.Error(w, "IMDSv2 is off here", http.StatusForbidden)
			return
		}
		http.NotFound(w, r)
	}))
	defer imds.Close()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "false")
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	_, openErr := Open(context.Background(), Options{Region: "us-east-1"})
	os.Stderr = stderr
	w.Close()
	logged, _ := io.ReadAll(r)

	if !errors.Is(openErr, ErrNoCredentials) {
		t.Fatalf("Open = %v, want ErrNoCredentials", openErr)
	}
	if len(logged) > 0 {
		t.Fatalf("the SDK wrote to stderr: %q", strings.TrimSpace(string(logged)))
	}
}
