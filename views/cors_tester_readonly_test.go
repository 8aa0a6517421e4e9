package views

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestCORSTesterInReadOnlyMode: a preflight changes nothing, so the tester
// stays available to an auditor while the editing actions are disabled.
func TestCORSTesterInReadOnlyMode(t *testing.T) {
	a := loadedApp(t, newFake(1), 80, 24, true)
	keys(a, "enter", "tab", "tab", "tab", "tab")
	if title := a.View().WindowTitle; !strings.HasSuffix(title, "› CORS") {
		t.Fatalf("title %q, want the CORS pane", title)
	}
	if out := screenText(a); !strings.Contains(out, "t test a CORS preflight") {
		t.Errorf("the footer does not offer t:\n%s", out)
	}
	keys(a, "t")
	out := screenText(a)
	if !strings.HasSuffix(a.View().WindowTitle, "› CORS test: origin") || !strings.Contains(out, "Origin of the page") {
		t.Fatalf("t in read-only mode: title %q\n%s", a.View().WindowTitle, out)
	}
	// A wildcard is refused as typed: a browser sends one real origin.
	keys(a, "ctrl+u")
	a.Update(tea.PasteMsg{Content: "https://*.example.com"})
	keys(a, "enter")
	out = screenText(a)
	if !strings.HasSuffix(a.View().WindowTitle, "› CORS test: origin") || !strings.Contains(out, "has no wildcard") {
		t.Errorf("a wildcard origin was not refused on the spot: title %q\n%s", a.View().WindowTitle, out)
	}
	keys(a, "esc")
	if !strings.HasSuffix(a.View().WindowTitle, "› CORS") {
		t.Errorf("esc: title %q, want back on the pane", a.View().WindowTitle)
	}
}
