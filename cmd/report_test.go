package cmd

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// demoReportJSON runs `s3sec report --demo --json` in-process and decodes it.
func demoReportJSON(t *testing.T) map[string]any {
	t.Helper()
	code, stdout, stderr := runCLI(t, "report", "--demo", "--json")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	return doc
}

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestReportJSONShape(t *testing.T) {
	doc := demoReportJSON(t)
	if got, want := strings.Join(keysOf(doc), ","), "buckets,complete,endpoint,endpoint_capabilities,findings_total,identity"; got != want {
		t.Fatalf("top-level keys = %s, want %s", got, want)
	}
	id := doc["identity"].(map[string]any)
	if id["account"] != sandbox.DefaultAccountID || id["arn"] != "arn:aws:iam::"+sandbox.DefaultAccountID+":root" || id["root"] != true {
		t.Errorf("identity = %v", id)
	}
	if ep, _ := doc["endpoint"].(string); !strings.HasPrefix(ep, "https://127.0.0.1:") {
		t.Errorf("endpoint = %q, want the sandbox's HTTPS loopback URL", ep)
	}
	if doc["complete"] != true {
		t.Errorf("complete = %v, want true for the demo", doc["complete"])
	}
	totals := doc["findings_total"].(map[string]any)
	if got := strings.Join(keysOf(totals), ","); got != "high,info,low,medium" {
		t.Errorf("findings_total keys = %s", got)
	}
	buckets := doc["buckets"].([]any)
	var names []string
	wantKeys := "complete,cors,encryption,errors,findings,lifecycle_rules,logging,mfa_delete,name,object_ownership,public_access_block,region,tls_enforced,unread_facets,versioning"
	for _, b := range buckets {
		bm := b.(map[string]any)
		names = append(names, bm["name"].(string))
		if got := strings.Join(keysOf(bm), ","); got != wantKeys {
			t.Errorf("bucket %s keys = %s, want %s", bm["name"], got, wantKeys)
		}
		if errs := bm["errors"].(map[string]any); len(errs) != 0 {
			t.Errorf("bucket %s has facet errors in the demo: %v", bm["name"], errs)
		}
		if bm["complete"] != true || len(bm["unread_facets"].([]any)) != 0 {
			t.Errorf("bucket %s: complete = %v, unread_facets = %v; want true, []", bm["name"], bm["complete"], bm["unread_facets"])
		}
		enc := bm["encryption"].(map[string]any)
		if got := strings.Join(keysOf(enc), ","); got != "algorithm,blocked_encryption_types,bucket_key,kms_key_id" {
			t.Errorf("encryption keys = %s", got)
		}
	}
	want := append([]string(nil), sandbox.DemoBuckets...)
	sort.Strings(want)
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("buckets = %v, want %v", names, want)
	}
}

// bucketByName finds one bucket of a decoded JSON report.
func bucketByName(t *testing.T, doc map[string]any, name string) map[string]any {
	t.Helper()
	for _, b := range doc["buckets"].([]any) {
		if bm := b.(map[string]any); bm["name"] == name {
			return bm
		}
	}
	t.Fatalf("bucket %s not in report", name)
	return nil
}

// findingIDs lists the ids of a bucket's findings.
func findingIDs(b map[string]any) []string {
	var ids []string
	for _, f := range b["findings"].([]any) {
		ids = append(ids, f.(map[string]any)["id"].(string))
	}
	return ids
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestReportDemoStatesAndFindings(t *testing.T) {
	doc := demoReportJSON(t)

	model := bucketByName(t, doc, "acme-secure-records")
	enc := model["encryption"].(map[string]any)
	if enc["algorithm"] != "aws:kms" || enc["kms_key_id"] != "alias/acme-records" || enc["bucket_key"] != true {
		t.Errorf("model bucket encryption = %v", enc)
	}
	if model["versioning"] != "Enabled" || model["mfa_delete"] != "Enabled" || model["tls_enforced"] != true {
		t.Errorf("model bucket versioning/mfa/tls = %v/%v/%v", model["versioning"], model["mfa_delete"], model["tls_enforced"])
	}
	if l := model["logging"].(map[string]any); l["target_bucket"] != "acme-access-logs" || l["enabled"] != true {
		t.Errorf("model bucket logging = %v", l)
	}
	if c := model["cors"].(map[string]any); c["rules"] != 1.0 || c["wildcard_origin"] != false {
		t.Errorf("model bucket cors = %v", c)
	}

	cases := []struct {
		bucket  string
		want    []string
		notWant []string
	}{
		{"acme-selflog", []string{"logging-loop", "versioning-off", "tls-not-enforced"}, nil},
		{"acme-ping", []string{"logging-loop"}, nil},
		{"acme-pong", []string{"logging-loop"}, nil},
		{"acme-public-assets", []string{"cors-wildcard-origin", "cors-wildcard-write", "cors-wildcard-authorization", "cors-etag-not-exposed", "cors-max-age"}, nil},
		{"acme-suspended", []string{"versioning-suspended"}, []string{"versioning-off"}},
		// A KMS log target's fix is SSE-S3 (logging-target-kms on its sources), not a bucket key.
		{"acme-access-logs", nil, []string{"logging-loop", "kms-no-bucket-key"}},
		{"acme-secure-records", []string{"logging-target-kms"}, []string{"tls-not-enforced", "mfa-delete-off", "logging-loop", "versioning-off"}},
		{"acme-scratch", []string{"versioning-off", "tls-not-enforced"}, nil},
	}
	for _, c := range cases {
		ids := findingIDs(bucketByName(t, doc, c.bucket))
		for _, w := range c.want {
			if !contains(ids, w) {
				t.Errorf("%s: finding %s missing (got %v)", c.bucket, w, ids)
			}
		}
		for _, nw := range c.notWant {
			if contains(ids, nw) {
				t.Errorf("%s: unexpected finding %s (got %v)", c.bucket, nw, ids)
			}
		}
	}
	if n := bucketByName(t, doc, "acme-lifecycle-archive")["lifecycle_rules"]; n != 2.0 {
		t.Errorf("lifecycle rules = %v, want 2", n)
	}
	if o, _ := bucketByName(t, doc, "acme-scratch")["object_ownership"].(map[string]any); o["setting"] != "ObjectWriter" || o["acls_enabled"] != true {
		t.Errorf("acme-scratch object_ownership = %v, want ObjectWriter with ACLs enabled", o)
	}
	if o, _ := bucketByName(t, doc, "acme-ping")["object_ownership"].(map[string]any); o["setting"] != "BucketOwnerEnforced" || o["acls_enabled"] != false {
		t.Errorf("acme-ping object_ownership = %v, want BucketOwnerEnforced", o)
	}
	if bucketByName(t, doc, "acme-ping")["region"] != "eu-west-1" {
		t.Errorf("acme-ping should be in eu-west-1")
	}
}

func TestReportTextListsEveryBucket(t *testing.T) {
	code, stdout, stderr := runCLI(t, "report", "--demo")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, b := range sandbox.DemoBuckets {
		if !strings.Contains(stdout, b) {
			t.Errorf("text report misses %s", b)
		}
	}
	for _, s := range []string{"BUCKET", "ENCRYPTION", "logging-loop", "fix: "} {
		if !strings.Contains(stdout, s) {
			t.Errorf("text report misses %q", s)
		}
	}
}

func TestReportFailOn(t *testing.T) {
	// The demo data contains high findings (logging loops), so --fail-on high exits 3.
	code, _, stderr := runCLI(t, "report", "--demo", "--fail-on", "high")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitFindings, stderr)
	}
}
