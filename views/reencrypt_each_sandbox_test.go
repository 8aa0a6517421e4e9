package views

import (
	"context"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// Re-encrypting several objects goes on past a failure and lists, object
// by object, what was done and what was not. Before, Apply stopped at the
// first failure and only that error was shown: the objects after it were
// silently left as they were.
func TestReencryptListsEachObjectsOutcomeSandbox(t *testing.T) {
	be := openSandbox(t)
	a := settledApp(t, be, 120, 30)
	d := openObjects(t, a, "acme-scratch")
	keys(a, "space", "j", "space") // exports/customers-eu.csv, exports/orders-eu.csv
	keys(a, "x", "down", "enter")  // SSE-S3
	wantOnScreen(t, a, "Plan: Re-encrypt 2 object(s) in acme-scratch")

	// Someone else deletes the first one meanwhile.
	s, _ := a.overview.store.get("acme-scratch")
	gone := awsops.ObjectVersionRef{Key: "exports/customers-eu.csv", VersionID: "null", IsLatest: true}
	if err := be.Apply(context.Background(), awsops.DeleteVersionsPlan(*s, []awsops.ObjectVersionRef{gone}, ""), awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	keys(a, "y")
	wantOnScreen(t, a, "Done: Re-encrypt 2 object(s)", "✗ Re-encrypt exports/customers-eu.csv: ", "✓ Re-encrypt exports/orders-eu.csv")
	if msg, _ := a.status.Message(); !strings.Contains(msg.Text, "1 of 2 done, 1 failed") {
		t.Fatalf("status %q, want the partial outcome", msg.Text)
	}
	keys(a, "enter")
	if d.flow != nil {
		t.Fatal("enter closes the list")
	}
	if row := objectRow(a, "exports/orders-eu.csv"); !strings.Contains(row, "SSE-S3") {
		t.Fatalf("the second object must be re-encrypted although the first failed: %q", row)
	}
}
