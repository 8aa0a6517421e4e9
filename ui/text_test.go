package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A command or a JSON policy is never split inside a token: a token wider
// than the line stands alone, cut, and everything else wraps at spaces.
func TestWrapWordsNeverSplitsAToken(t *testing.T) {
	policy := `{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`
	text := "add a statement " + policy + " to the policy (aws s3api put-bucket-policy --bucket acme-scratch --policy file://policy.json)"
	const width = 40
	got := WrapWords(text, width)
	words := strings.Fields(text)
	var rebuilt []string
	for i, l := range got {
		if ansi.StringWidth(l) > width {
			t.Errorf("line %d is %d cells: %q", i, ansi.StringWidth(l), l)
		}
		rebuilt = append(rebuilt, strings.Fields(l)...)
	}
	if len(rebuilt) != len(words) {
		t.Fatalf("tokens %q, want %q", rebuilt, words)
	}
	for i, w := range rebuilt {
		switch {
		case w == words[i]:
		case words[i] == policy && w == ansi.Truncate(policy, width, "…"):
		default:
			t.Errorf("token %d is %q, want %q whole", i, w, words[i])
		}
	}
	for _, l := range got {
		if strings.Contains(l, "…") && strings.TrimSpace(l) != ansi.Truncate(policy, width, "…") {
			t.Errorf("a line with a cut token holds something else too: %q", l)
		}
	}
}
