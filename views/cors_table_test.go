package views

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

func TestCORSTableFitsAndNeverCutsAnOrigin(t *testing.T) {
	st := ui.NewMonochromeStyles()
	long := "https://a-rather-long-subdomain.of-a-long-domain.example.com:8443"
	age := int32(600)
	rules := []awsops.CORSRule{
		{AllowedOrigins: []string{long, "https://b.example"}, AllowedMethods: []string{"GET", "PUT", "DELETE"},
			AllowedHeaders: []string{"content-type", "x-amz-meta-long-header-name"}, ExposeHeaders: []string{"x-amz-version-id"}, MaxAgeSeconds: &age},
		{AllowedOrigins: []string{"https://b.example"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: &age},
	}
	for _, width := range []int{80, 120} {
		out, spans := corsTable(st, width, rules, awsops.CORSRuleNotes(rules, false), 1)
		text := ansi.Strip(strings.Join(out, "\n"))
		for i, l := range out {
			if w := ansi.StringWidth(l); w > width {
				t.Errorf("width %d: line %d is %d wide: %q", width, i, w, ansi.Strip(l))
			}
		}
		if strings.Contains(text, "…") {
			t.Errorf("width %d: something was cut:\n%s", width, text)
		}
		// The long origin is broken over lines of its column, whole.
		var joined strings.Builder
		for _, l := range strings.Split(text, "\n") {
			for _, f := range strings.Fields(l) {
				if strings.HasPrefix(long, joined.String()+f) {
					joined.WriteString(f)
				}
			}
		}
		if joined.String() != long {
			t.Errorf("width %d: origin shown as %q, want %q:\n%s", width, joined.String(), long, text)
		}
		if strings.Contains(ansi.Strip(out[0]), "ID") {
			t.Errorf("width %d: no rule has an ID, the column must give its room to origins: %q", width, out[0])
		}
		if len(spans) != 2 || !strings.Contains(ansi.Strip(out[spans[1][0]]), "›2") {
			t.Errorf("width %d: rule 2 must start its span with the cursor, spans %v:\n%s", width, spans, text)
		}
		for _, want := range []string{"DELETE", "600s", "never applies: rule 1 above", "PUT/POST without ETag"} {
			if !strings.Contains(text, want) {
				t.Errorf("width %d: %q missing:\n%s", width, want, text)
			}
		}
	}
}
