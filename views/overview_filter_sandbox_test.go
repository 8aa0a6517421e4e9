package views

import (
	"slices"
	"testing"
)

// filterTo types a filter and keeps it (enter).
func filterTo(a *App, text string) {
	keys(a, "/")
	for _, r := range text {
		keys(a, string(r))
	}
	keys(a, "enter")
}

// The filter matches what the cells say, not only names and regions.
func TestFilterMatchesCellTextSandbox(t *testing.T) {
	a := settledApp(t, openSandbox(t), 80, 24)
	for filter, want := range map[string][]string{
		"SSE-KMS":   {"acme-access-logs", "acme-secure-records"},
		"loop":      {"acme-ping", "acme-pong", "acme-selflog"},
		"suspended": {"acme-suspended"},
	} {
		filterTo(a, filter)
		got := rowNames(a)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("filter %q shows %v, want %v", filter, got, want)
		}
		keys(a, "esc")
	}
}

// Clearing the filter stays on the bucket the cursor was on while filtered.
func TestClearingTheFilterKeepsTheSelectedBucketSandbox(t *testing.T) {
	a := settledApp(t, openSandbox(t), 80, 24)
	filterTo(a, "public")
	keys(a, "esc")
	if name, _ := a.overview.selected(); name != "acme-public-assets" || a.overview.filter != "" {
		t.Fatalf("after clearing the filter the cursor is on %q (filter %q), want acme-public-assets", name, a.overview.filter)
	}
	keys(a, "/", "s", "c", "r", "a", "t", "c", "h", "esc") // esc on the filter line clears it too
	if name, _ := a.overview.selected(); name != "acme-scratch" {
		t.Fatalf("after esc on the filter line the cursor is on %q, want acme-scratch", name)
	}
}

// BenchmarkFilterKeystroke50k is one keystroke of the filter over 50,000
// buckets: their cell texts are cached, so only the first pays for them.
func BenchmarkFilterKeystroke50k(b *testing.B) {
	a := loadedApp(b, newFake(50_000), 120, 40, false)
	a.Update(press("/"))
	a.overview.setFilter("s") // builds the cache
	for b.Loop() {
		a.overview.setFilter("sse-km")
		a.overview.setFilter("sse-kms")
	}
}
