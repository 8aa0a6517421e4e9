package termsafe

import "testing"

func TestString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain/key.txt", "plain/key.txt"},
		{"a b+c%d", "a b+c%d"},
		{"é/ü/日本", "é/ü/日本"},
		{"a\x1bb", `a\x1bb`},
		{"a\x1cb", `a\x1cb`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"tab\tnl\ncr\r", `tab\tnl\ncr\r`},
		{"del\x7f", `del\x7f`},
		{"nul\x00", `nul\x00`},
		{"c1\u0085\u009b", `c1\u0085\u009b`},
		{"x/\u202etxt.exe", `x/\u202etxt.exe`},
		{"\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u061c", `\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u061c`},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		{"tag\U000e0041", `tag\U000e0041`},
		{"bad\xffutf8\xc3", `bad\xffutf8\xc3`},
		{`back\slash`, `back\slash`},
		{"", ""},
	}
	for _, c := range cases {
		got := String(c.in)
		if got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
		if again := String(got); again != got {
			t.Errorf("String is not idempotent on %q: %q", got, again)
		}
		for _, r := range got {
			if Unsafe(r) {
				t.Errorf("String(%q) still holds %U", c.in, r)
			}
		}
	}
}

func TestFileName(t *testing.T) {
	cases := []struct{ key, want string }{
		{"docs/report.pdf", "report.pdf"},
		{"report.pdf", "report.pdf"},
		{"a\x1bb", "a_b"},
		{"x/\u202etxt.exe", "_txt.exe"},
		{`dir\evil.txt`, "evil.txt"},
		{"docs/", "download"},
		{"..", "download"},
		{"docs/..", "download"},
		{".", "download"},
		{"\x1b", "download"},
		{"-rf", "_-rf"},
		{"c:evil", "c_evil"},
		{"a b+c", "a b+c"},
	}
	for _, c := range cases {
		if got := FileName(c.key, "download"); got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.key, got, c.want)
		}
	}
}
