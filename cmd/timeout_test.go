package cmd

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/internal/faultnet"
)

func TestTimeoutMustBePositive(t *testing.T) {
	for _, v := range []string{"0", "-1s"} {
		code, _, stderr := runCLI(t, "report", "--timeout", v)
		if code != exitUsage || !strings.Contains(stderr, "--timeout must be positive") {
			t.Errorf("--timeout %s: exit %d, stderr %q", v, code, stderr)
		}
	}
}

func TestReportAtASilentEndpointSaysWhoDidNotAnswer(t *testing.T) {
	cpSandbox(t) // credentials and a clean AWS environment; the endpoint is the silent one
	for name, head := range map[string]string{
		"no headers":          "",
		"headers, then stall": "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 500\r\n\r\n<GetCallerIdentityResponse",
	} {
		t.Run(name, func(t *testing.T) {
			url := faultnet.Silent(t, head)
			code, _, stderr := runCLI(t, "report", "--endpoint-url", url, "--timeout", "300ms")
			if code != exitError || !strings.Contains(stderr, "Timeout: ") || !strings.Contains(stderr, url) || !strings.Contains(stderr, "(GetCallerIdentity") {
				t.Fatalf("exit %d, stderr %q; want a timeout naming %s", code, stderr, url)
			}
		})
	}
}

func TestReportShowsATimeoutInTheStalledFacetOnly(t *testing.T) {
	srv := cpSandbox(t)
	proxy := faultnet.Proxy(t, srv.HTTPURL(), faultnet.Config{Rule: func(r *http.Request) faultnet.Fault {
		if r.URL.Query().Has("policy") {
			return faultnet.StallHeaders
		}
		return faultnet.Pass
	}})
	code, stdout, stderr := runCLI(t, "report", "--json", "--endpoint-url", proxy, "--timeout", "300ms")
	if code != exitOK && code != exitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var doc struct {
		Buckets []struct {
			Name       string
			Encryption any
			Errors     map[string]string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || len(doc.Buckets) == 0 {
		t.Fatalf("report JSON: %v\n%s", err, stdout)
	}
	complete := 0
	for _, b := range doc.Buckets {
		if got := b.Errors["policy"]; !strings.HasPrefix(got, "Timeout: ") || !strings.Contains(got, proxy) || !strings.Contains(got, "GetBucketPolicy") {
			t.Errorf("%s: policy error = %q", b.Name, got)
		}
		for facet, e := range b.Errors {
			if facet != "policy" && strings.HasPrefix(e, "Timeout") {
				t.Errorf("%s: %s timed out too: %s", b.Name, facet, e)
			}
		}
		if len(b.Errors) == 1 && b.Encryption != nil {
			complete++
		}
	}
	// Buckets whose policy requires TLS refuse every call over the proxy's
	// plain HTTP (AccessDenied); the others must have every other facet.
	if complete == 0 {
		t.Errorf("no bucket had its other facets read: %s", stdout)
	}
}

func TestCpDownloadThatStallsFailsAndLeavesNoFile(t *testing.T) {
	srv := cpSandbox(t)
	dir := t.TempDir()
	data := make([]byte, 512<<10)
	rand.Read(data)
	src := filepath.Join(dir, "blob")
	writeFile(t, src, data)
	if code, stdout, stderr := runCLI(t, "cp", src, "s3://acme-scratch/stall/blob"); code != exitOK {
		t.Fatalf("upload: exit %d\n%s%s", code, stdout, stderr)
	}
	stall := func(f faultnet.Fault) faultnet.Config {
		return faultnet.Config{StallAfter: 100 << 10, Chunk: 32 << 10, Pause: 30 * time.Millisecond, Rule: func(r *http.Request) faultnet.Fault {
			if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/stall/blob") {
				return f
			}
			return faultnet.Pass
		}}
	}

	t.Run("stalled", func(t *testing.T) {
		proxy := faultnet.Proxy(t, srv.HTTPURL(), stall(faultnet.StallBody))
		out := t.TempDir()
		dst := filepath.Join(out, "blob")
		code, stdout, stderr := runCLI(t, "cp", "--endpoint-url", proxy, "--timeout", "300ms", "s3://acme-scratch/stall/blob", dst)
		if code != exitError || !strings.Contains(stderr, "stalled: no data for 300ms (GetObject)") {
			t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
		}
		if names := onlyFiles(t, out); len(names) != 0 {
			t.Errorf("files left after the failed download: %v", names)
		}
	})

	t.Run("slow but steady", func(t *testing.T) {
		// 16 chunks, one every 30ms: longer than the timeout in all, never idle near it.
		proxy := faultnet.Proxy(t, srv.HTTPURL(), stall(faultnet.Trickle))
		dst := filepath.Join(t.TempDir(), "blob")
		code, stdout, stderr := runCLI(t, "cp", "--endpoint-url", proxy, "--timeout", "300ms", "s3://acme-scratch/stall/blob", dst)
		got, err := os.ReadFile(dst)
		if code != exitOK || err != nil || !bytes.Equal(got, data) {
			t.Fatalf("exit %d, %v, equal=%v\nstdout %s\nstderr %s", code, err, bytes.Equal(got, data), stdout, stderr)
		}
	})
}
