package views

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
)

// corsTesterRun replaces the demo's wildcard CORS of acme-public-assets
// with one origin (the plan the CORS editor applies), opens the CORS pane
// at 80x24, runs the preflight tester for origin and method with header
// content-type, and returns the result frame.
func corsTesterRun(t *testing.T, origin, method string) string {
	t.Helper()
	be := openSandbox(t)
	p, err := awsops.PutCORSPlan("acme-public-assets", "us-east-1", []awsops.CORSRule{{
		AllowedOrigins: []string{"https://shop.acme.example"}, AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type"}, ExposeHeaders: []string{"ETag"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := be.Apply(context.Background(), p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	tm := startConsole(t, be, 80, 24)
	waitTitle(t, tm, "s3sec: Buckets")
	typeKeys(tm, "/", "a", "s", "s", "e", "t", "s", "enter")
	waitTitle(t, tm, "s3sec: Buckets /assets")
	typeKeys(tm, "enter", "tab", "tab", "tab", "tab")
	const at = "s3sec: Buckets /assets › acme-public-assets › CORS"
	waitTitle(t, tm, at)
	typeKeys(tm, "t")
	waitTitle(t, tm, at+" › CORS test: origin")
	// The form starts on the rules' one origin; replace it when asked.
	if origin != "https://shop.acme.example" {
		typeKeys(tm, "ctrl+u")
		tm.Send(tea.PasteMsg{Content: origin})
	}
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › CORS test: method")
	if method == "PUT" {
		typeKeys(tm, "down")
	}
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › CORS test: headers")
	tm.Send(tea.PasteMsg{Content: "Content-Type"})
	typeKeys(tm, "enter")
	waitTitle(t, tm, at+" › CORS test: result")
	out := quitAndRender(t, tm)
	lines := strings.Split(out, "\n")
	if len(lines) > 24 {
		t.Errorf("%d lines, want at most 24:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d cells wide, want at most 80: %q", w, l)
		}
	}
	t.Logf("result frame:\n%s", out)
	return out
}

func TestCORSTesterAllowedSandbox(t *testing.T) {
	out := corsTesterRun(t, "https://shop.acme.example", "PUT")
	for _, want := range []string{
		"Origin https://shop.acme.example · PUT · headers content-type",
		"Endpoint  200 OK: allowed",
		"Access-Control-Allow-Origin: https://shop.acme.example",
		"Access-Control-Expose-Headers: ETag",
		"s3sec     allowed by rule 1",
		"✓ The endpoint answered as S3 would",
		"t/enter test again",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("result lacks %q:\n%s", want, out)
		}
	}
}

func TestCORSTesterRefusedSandbox(t *testing.T) {
	out := corsTesterRun(t, "https://evil.example", "GET")
	for _, want := range []string{
		"Endpoint  403 Forbidden: refused",
		"AccessForbidden: CORSResponse: This CORS request is not allowed",
		"s3sec     refused",
		"no rule allows origin https://evil.example",
		"✓ The endpoint answered as S3 would",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("result lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Access-Control-Allow-Origin") {
		t.Errorf("a refusal carries no CORS headers:\n%s", out)
	}
}
