package cmd

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// On an endpoint without bucket CORS and logging (as MinIO), report names
// them in endpoint_capabilities, keeps them out of errors and findings, and
// the report stays complete.
func TestReportEndpointCapabilities(t *testing.T) {
	srv, err := sandbox.Start(sandbox.Options{Seed: true, NotImplemented: []string{"cors", "logging"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	home := t.TempDir()
	root := srv.Root()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": root.AccessKeyID, "AWS_SECRET_ACCESS_KEY": root.SecretAccessKey, "AWS_SESSION_TOKEN": "",
		"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": srv.HTTPSURL(), "AWS_CA_BUNDLE": srv.CAFile(), "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_S3": "", "AWS_ENDPOINT_URL_KMS": "",
	} {
		t.Setenv(k, v)
	}
	code, stdout, stderr := runCLI(t, "report", "--json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var doc struct {
		Complete bool            `json:"complete"`
		Caps     map[string]bool `json:"endpoint_capabilities"`
		Buckets  []struct {
			Name     string            `json:"name"`
			Errors   map[string]string `json:"errors"`
			CORS     any               `json:"cors"`
			Findings []struct {
				ID string `json:"id"`
			} `json:"findings"`
		} `json:"buckets"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Complete || doc.Caps["cors"] || doc.Caps["logging"] || !doc.Caps["encryption"] || !doc.Caps["policy"] {
		t.Errorf("complete %v, capabilities %v", doc.Complete, doc.Caps)
	}
	for _, b := range doc.Buckets {
		if len(b.Errors) != 0 || b.CORS != nil {
			t.Errorf("%s: errors %v cors %v", b.Name, b.Errors, b.CORS)
		}
		for _, f := range b.Findings {
			if f.ID == "facet-error" || strings.HasPrefix(f.ID, "cors-") || strings.HasPrefix(f.ID, "logging-") {
				t.Errorf("%s: finding %s", b.Name, f.ID)
			}
		}
	}
	_, text, _ := runCLI(t, "report")
	if !strings.Contains(text, "Not supported by this endpoint (shown as n/a): logging, cors") {
		t.Errorf("text report does not name the unsupported facets:\n%s", text)
	}
}
