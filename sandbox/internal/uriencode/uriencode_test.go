package uriencode

import "testing"

func TestEncode(t *testing.T) {
	for _, c := range []struct {
		in          string
		encodeSlash bool
		want        string
	}{
		{"a b/c+d", false, "a%20b/c%2Bd"},
		{"a b/c+d", true, "a%20b%2Fc%2Bd"},
		{"AZaz09-_.~", true, "AZaz09-_.~"},
		{"a\x1bb", false, "a%1Bb"},
		{"é", false, "%C3%A9"},
		{"100%", false, "100%25"},
	} {
		if got := Encode(c.in, c.encodeSlash); got != c.want {
			t.Errorf("Encode(%q, %v) = %q, want %q", c.in, c.encodeSlash, got, c.want)
		}
	}
	if Path("a/b c") != "a/b%20c" {
		t.Error("Path must keep '/'")
	}
}
