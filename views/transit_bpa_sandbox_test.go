package views

import (
	"strings"
	"testing"
)

// Block Public Access changed from the Transit pane against the seeded
// sandbox: acme-scratch has no bucket-level configuration; "all four on"
// goes through the plan, is applied, read back, and its finding goes.
func TestBlockPublicAccessAgainstTheSandbox(t *testing.T) {
	a := settledApp(t, openSandbox(t), 100, 40)
	d := openBucket(t, a, "acme-scratch")
	for d.panes[d.active].title() != "Transit" {
		keys(a, "tab")
	}
	wantOnScreen(t, a, "Block Public Access (bucket)", "Not configured", "BlockPublicPolicy     off")
	keys(a, "b")
	if got := d.Title(); got != "acme-scratch › Transit › Block Public Access" {
		t.Fatalf("breadcrumb %q", got)
	}
	keys(a, "down", "down", "down", "down", "enter") // All four on
	wantOnScreen(t, a, "[x] RestrictPublicBuckets")
	keys(a, "down", "enter") // Review the plan
	wantOnScreen(t, a, "s3:PutPublicAccessBlock", "$ aws s3api put-public-access-block --bucket acme-scratch",
		"BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true")
	keys(a, "y")
	if d.flow != nil {
		t.Fatalf("the flow must end once applied:\n%s", screenText(a))
	}
	wantOnScreen(t, a, "BlockPublicAcls       on", "RestrictPublicBuckets on")
	if strings.Contains(screenText(a), "Not configured") {
		t.Fatalf("the pane still shows the old settings:\n%s", screenText(a))
	}
	for _, f := range a.overview.store.findings["acme-scratch"] {
		if f.ID == "public-access-block-off" {
			t.Fatalf("public-access-block-off still reported after the plan: %+v", f)
		}
	}
}
