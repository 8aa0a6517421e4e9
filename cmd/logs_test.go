package cmd

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestLogsUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"logs"},
		{"logs", "a", "b"},
		{"logs", "a", "--json", "--csv"},
		{"logs", "a", "--limit", "-1"},
		{"logs", "a", "--since", "soon"},
	} {
		code, stdout, stderr := runCLI(t, args...)
		if code != exitUsage || stdout != "" || stderr == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	code, stdout, _ := runCLI(t, "logs", "-h")
	if code != exitOK || !strings.Contains(stdout, "Usage: s3sec logs BUCKET") {
		t.Errorf("logs -h: exit %d, %q", code, stdout)
	}
}

// TestLogsDemo: the demo reads every bucket once and delivers the logs,
// so the self-logging bucket's log holds the console-like reads.
func TestLogsDemo(t *testing.T) {
	code, stdout, stderr := runCLI(t, "logs", "--demo", "acme-selflog")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if !strings.HasPrefix(lines[0], "TIME ") || len(lines) < 3 || !strings.Contains(stdout, "REST.GET.LOGGING_STATUS") {
		t.Fatalf("stdout:\n%s", stdout)
	}
	if !strings.Contains(stderr, "records of acme-selflog from") || !strings.Contains(stderr, "under s3://acme-selflog/logs/ (SimplePrefix)") {
		t.Errorf("stderr: %s", stderr)
	}

	code, stdout, stderr = runCLI(t, "logs", "--demo", "acme-selflog", "--json", "--limit", "2")
	if code != exitOK {
		t.Fatalf("--json: exit %d, stderr %s", code, stderr)
	}
	jl := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(jl) != 2 {
		t.Fatalf("--limit 2 printed %d lines:\n%s", len(jl), stdout)
	}
	for _, l := range jl {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec["bucket"] != "acme-selflog" || rec["tls_version"] == "" {
			t.Errorf("JSON line %q: %v", l, err)
		}
	}

	code, stdout, _ = runCLI(t, "logs", "--demo", "acme-selflog", "--athena")
	if code != exitOK || !strings.Contains(stdout, "CREATE EXTERNAL TABLE `s3_access_logs_acme_selflog`") || !strings.Contains(stdout, "LOCATION 's3://acme-selflog/logs/';") {
		t.Errorf("--athena: exit %d:\n%s", code, stdout)
	}

	code, _, stderr = runCLI(t, "logs", "--demo", "acme-scratch")
	if code != exitError || !strings.Contains(stderr, "acme-scratch: server access logging is off") {
		t.Errorf("logging off: exit %d, stderr %q", code, stderr)
	}
}

// TestLogsAgainstAnEndpoint: through AWS_ENDPOINT_URL like any endpoint;
// an anonymous plain-HTTP request shows up as such in the CSV.
func TestLogsAgainstAnEndpoint(t *testing.T) {
	srv := cpSandbox(t)
	resp, err := http.Get(srv.HTTPURL() + "/acme-selflog/some-key")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	srv.FlushAccessLogs()
	code, stdout, stderr := runCLI(t, "logs", "acme-selflog", "--csv", "--since", "1h")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil || len(rows) < 2 || len(rows[0]) != len(logCSVHeader) {
		t.Fatalf("CSV %v (%v):\n%s", rows, err, stdout)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	found := false
	for _, r := range rows[1:] {
		if r[col["key"]] == "some-key" {
			found = true
			if r[col["requester"]] != "" || r[col["plain_http"]] != "true" || r[col["http_status"]] != "403" || r[col["operation"]] != "REST.GET.OBJECT" {
				t.Errorf("anonymous plain-HTTP record: %q", r)
			}
		}
	}
	if !found {
		t.Errorf("no record of the anonymous GET:\n%s", stdout)
	}
}
