package otp

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/boombuler/barcode/qr"
)

// decodeStyled reads a QRTerminalStyled output back into modules, true =
// dark, for the given style.
func decodeStyled(t *testing.T, out string, style QRStyle) [][]bool {
	t.Helper()
	if style == QRColours {
		var lines []string
		for _, l := range strings.Split(out, "\n") {
			if !strings.HasPrefix(l, sgrBlackOnWhite) || !strings.HasSuffix(l, sgrReset) {
				t.Fatalf("line %q does not set black on white and reset", l)
			}
			lines = append(lines, strings.TrimSuffix(strings.TrimPrefix(l, sgrBlackOnWhite), sgrReset))
		}
		out = strings.Join(lines, "\n")
	}
	drawn, _ := decodeHalfBlocks(t, out)
	if style == QRDarkBackground {
		for _, row := range drawn {
			for x := range row {
				row[x] = !row[x]
			}
		}
	}
	return drawn
}

// On a light terminal the drawn cells must be the dark modules: before this,
// QRTerminal drew the light ones and the code came out inverted.
func TestQRTerminalStyledPolarity(t *testing.T) {
	seed, err := NewSeed()
	if err != nil {
		t.Fatal(err)
	}
	text := IssuerURI(Issuer, "s3sec", "123456789012", seed)
	code, err := qr.Encode(text, qr.L, qr.Auto)
	if err != nil {
		t.Fatal(err)
	}
	n := code.Bounds().Dx()
	for _, style := range []QRStyle{QRDarkBackground, QRLightBackground, QRColours} {
		out, err := QRTerminalStyled(text, style)
		if err != nil {
			t.Fatal(err)
		}
		dark := decodeStyled(t, out, style)
		size := n + 2*QuietZone
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				mx, my := x-QuietZone, y-QuietZone
				in := mx >= 0 && my >= 0 && mx < n && my < n
				want := in && isDark(code.At(mx, my))
				if dark[y][x] != want {
					t.Fatalf("style %d: module (%d,%d) dark=%v, want %v", style, x, y, dark[y][x], want)
				}
			}
		}
	}
}

// An enrollment URI with an issuer, the default device name and a 64
// character seed must fit an 80x24 terminal.
func TestQRTerminalStyledFits80x24(t *testing.T) {
	seed, err := NewSeed()
	if err != nil {
		t.Fatal(err)
	}
	out, err := QRTerminalStyled(IssuerURI(Issuer, "s3sec", "123456789012", seed), QRLightBackground)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	if w := utf8.RuneCountInString(lines[0]); len(lines) > 24 || w > 80 {
		t.Fatalf("the code is %dx%d cells, more than 80x24", w, len(lines))
	}
}

func TestIssuerURI(t *testing.T) {
	got := IssuerURI("s3sec", "a@b", "123456789012", "JBSWY3DPEHPK3PXP")
	want := "otpauth://totp/s3sec:a%40b@123456789012?secret=JBSWY3DPEHPK3PXP&issuer=s3sec"
	if got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	if u.Query().Get("issuer") != "s3sec" || !strings.HasPrefix(u.Path, "/s3sec:") {
		t.Errorf("issuer %q, label %q", u.Query().Get("issuer"), u.Path)
	}
}
