package views

import (
	"context"
	"strings"
	"testing"
)

// rowOf returns the raw (styled) line of the grid that shows bucket.
func rowOf(t *testing.T, a *App, bucket string) string {
	t.Helper()
	for _, l := range strings.Split(a.View().Content, "\n") {
		if strings.Contains(l, bucket+" ") {
			return l
		}
	}
	t.Fatalf("%s is not on screen:\n%s", bucket, screenText(a))
	return ""
}

// faint is the monochrome theme's Muted (dimmed) attribute.
const faint = "\x1b[2m"

// R and r keep the old values on screen, dimmed, while the buckets are
// read again, instead of blanking every cell to a spinner.
func TestRereadKeepsOldValuesDimmedSandbox(t *testing.T) {
	be := openSandbox(t)
	a := settledApp(t, be, 100, 30)
	const b = "acme-secure-records"
	if row := rowOf(t, a, b); strings.Contains(row, faint+"SSE-KMS") {
		t.Fatalf("a fresh value is dimmed: %q", row)
	}

	a.Update(press("R"))
	buckets, err := be.Buckets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, scan := a.Update(bucketsMsg{gen: a.overview.scan.gen, buckets: buckets}) // the scan has not answered yet
	row := rowOf(t, a, b)
	for _, want := range []string{"SSE-KMS+BK", "Enabled", "→ acme-", "yes"} {
		if !strings.Contains(row, want) {
			t.Errorf("while re-reading, %q is gone from the row: %q", want, row)
		}
	}
	if !strings.Contains(row, faint) {
		t.Errorf("old values must be dimmed while re-reading: %q", row)
	}
	if !strings.Contains(screenText(a), "loading") {
		t.Errorf("the summary must still say facets are loading:\n%s", screenText(a))
	}

	drive(a, scan)
	settle(a)
	if row := rowOf(t, a, b); strings.Contains(row, faint+"SSE-KMS") || a.overview.store.stale != nil {
		t.Fatalf("fresh values must replace the dimmed ones: %q", row)
	}

	filterTo(a, "secure")
	keys(a, "esc")
	a.Update(press("r")) // the refresh's answer is not run
	if row := rowOf(t, a, b); !strings.Contains(row, "SSE-KMS+BK") {
		t.Fatalf("while refreshing one bucket its values are gone: %q", row)
	}
}
