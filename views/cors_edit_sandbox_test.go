package views

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// corsFindingIDs are the ids of the CORS findings the console holds for bucket.
func corsFindingIDs(a *App, bucket string) []string {
	var ids []string
	for _, f := range a.overview.store.findings[bucket] {
		if strings.HasPrefix(f.ID, "cors-") {
			ids = append(ids, f.ID)
		}
	}
	return ids
}

func hasID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestCORSEditReplacesTheWildcardSandbox: the demo's wide-open CORS is
// flagged on its rules; the editor narrows rule 1 to one origin, deletes
// rule 2, previews PutBucketCors with its CLI equivalent, applies it, and
// the bucket read again has no wildcard finding left.
func TestCORSEditReplacesTheWildcardSandbox(t *testing.T) {
	a := settledApp(t, openSandbox(t), 80, 24)
	const bucket = "acme-public-assets"
	if ids := corsFindingIDs(a, bucket); !hasID(ids, "cors-wildcard-write") || !hasID(ids, "cors-wildcard-origin") {
		t.Fatalf("the demo's CORS must be flagged, findings %q", ids)
	}
	d := openBucket(t, a, bucket)
	keys(a, "tab", "tab", "tab", "tab")
	wantOnScreen(t, a, "HIGH   any web site may send PUT, POST", "e edit CORS rules")
	keys(a, "e")
	if got := d.Title(); got != bucket+" › CORS › Edit CORS: rules" {
		t.Fatalf("breadcrumb %q", got)
	}
	keys(a, "enter", "enter", "backspace") // rule 1: keep the ID (none), clear the origin *
	wantOnScreen(t, a, "✗ at least one origin is needed")
	paste(a, "https://app.example.com")
	wantOnScreen(t, a, "✓ no problem with the origins")
	keys(a, "enter", "enter", "enter", "enter") // methods, allowed and exposed headers as they are
	for _, r := range "3000" {
		keys(a, string(r))
	}
	keys(a, "enter")
	wantOnScreen(t, a, "Rule 1 changed in the draft", "changed: w reviews the plan", "https://app.example.com")
	keys(a, "down", "d")
	wantOnScreen(t, a, "Rule 2 removed from the draft")
	keys(a, "w")
	if got := d.Title(); got != bucket+" › CORS › Edit CORS: plan" {
		t.Fatalf("breadcrumb %q:\n%s", got, screenText(a))
	}
	wantOnScreen(t, a, "s3:PutBucketCors", "$ aws s3api put-bucket-cors --bucket acme-public-assets")
	keys(a, "y")
	if d.flow != nil {
		t.Fatalf("the flow must end once applied:\n%s", screenText(a))
	}
	wantOnScreen(t, a, "https://app.example.com", "3000s")
	if strings.Contains(screenText(a), "any web site") {
		t.Fatalf("the wildcard notes must be gone:\n%s", screenText(a))
	}
	if ids := corsFindingIDs(a, bucket); hasID(ids, "cors-wildcard-write") || hasID(ids, "cors-wildcard-origin") {
		t.Fatalf("the wildcard findings must be gone once applied, findings %q", ids)
	}
}

// TestCORSEditFlowSandbox is the same change through the real program
// loop (teatest) at 80x24: flagged, edited, applied, no longer flagged.
func TestCORSEditFlowSandbox(t *testing.T) {
	tm := startConsole(t, openSandbox(t), 80, 24)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "a", "s", "s", "e", "t", "s", "enter")
	waitTitle(t, tm, "s3sec: Buckets /assets")
	typeKeys(tm, "enter", "tab", "tab", "tab", "tab")
	const at = "s3sec: Buckets /assets › acme-public-assets › CORS"
	waitTitle(t, tm, at)
	typeKeys(tm, "e")
	waitTitle(t, tm, at+" › Edit CORS: rules")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Edit CORS: ID")
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Edit CORS: origins")
	typeKeys(tm, "backspace")
	tm.Send(tea.PasteMsg{Content: "https://app.example.com"})
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › Edit CORS: methods")
	typeKeys(tm, "enter", "enter", "enter", "enter")
	waitTitle(t, tm, at+" › Edit CORS: rules")
	typeKeys(tm, "down", "d", "w")
	waitTitle(t, tm, at+" › Edit CORS: plan")
	typeKeys(tm, "y")
	waitTitle(t, tm, at) // applied; the re-read of the bucket starts
	// Leave and come back, so the frame judged is one after the re-read
	// (the exact title means nothing is loading).
	typeKeys(tm, "esc")
	waitTitle(t, tm, "s3sec: Buckets /assets")
	typeKeys(tm, "enter", "tab", "tab", "tab", "tab")
	waitTitle(t, tm, at)
	out := quitAndRender(t, tm)
	if !strings.Contains(out, "https://app.example.com") || strings.Contains(out, "any web site") {
		t.Fatalf("the pane must show the one origin and no wildcard note:\n%s", out)
	}
}
