package otp

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/boombuler/barcode/qr"
)

// qrTexts covers a short text, an enrollment URI of IAM's shape and a long one
// (so odd and larger symbol versions are exercised).
func qrTexts(t *testing.T) []string {
	seed, err := NewSeed()
	if err != nil {
		t.Fatal(err)
	}
	return []string{
		"hello",
		URI("root-account-mfa-device", "123456789012", seed),
		URI(strings.Repeat("d", 64), "an-account-name-that-is-rather-long", seed+seed),
	}
}

// libraryMatrix is the reference: the barcode library's own modules, true = dark.
func libraryMatrix(t *testing.T, text string) [][]bool {
	t.Helper()
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		t.Fatal(err)
	}
	b := code.Bounds()
	m := make([][]bool, b.Dy())
	for y := range m {
		m[y] = make([]bool, b.Dx())
		for x := range m[y] {
			m[y][x] = code.At(b.Min.X+x, b.Min.Y+y) == color.Black
		}
	}
	return m
}

// decodeHalfBlocks turns QRTerminal output back into rows of modules,
// true = light (drawn), and reports whether the half below the last row is blank.
func decodeHalfBlocks(t *testing.T, out string) (light [][]bool, lastBottomBlank bool) {
	t.Helper()
	lines := strings.Split(out, "\n")
	width := utf8.RuneCountInString(lines[0])
	for i, line := range lines {
		if n := utf8.RuneCountInString(line); n != width {
			t.Fatalf("line %d has %d cells, line 0 has %d", i, n, width)
		}
		top := make([]bool, 0, width)
		bottom := make([]bool, 0, width)
		for _, r := range line {
			var tp, bt bool
			switch r {
			case '█':
				tp, bt = true, true
			case '▀':
				tp = true
			case '▄':
				bt = true
			case ' ':
			default:
				t.Fatalf("line %d contains unexpected %q", i, r)
			}
			top = append(top, tp)
			bottom = append(bottom, bt)
		}
		light = append(light, top, bottom)
	}
	lastBottomBlank = true
	for _, drawn := range light[len(light)-1] {
		lastBottomBlank = lastBottomBlank && !drawn
	}
	return light, lastBottomBlank
}

func TestQRTerminalMatchesLibraryMatrix(t *testing.T) {
	for _, text := range qrTexts(t) {
		want := libraryMatrix(t, text)
		out, err := QRTerminal(text)
		if err != nil {
			t.Fatal(err)
		}
		light, lastBottomBlank := decodeHalfBlocks(t, out)
		size := len(want) + 2*QuietZone
		if len(light[0]) != size {
			t.Fatalf("%d modules wide, want %d", len(light[0]), size)
		}
		if size%2 == 1 {
			// Odd module count: the half below the last row lies outside the code.
			if !lastBottomBlank {
				t.Error("the half row below the symbol is drawn; want it blank")
			}
			light = light[:size]
		}
		if len(light) != size {
			t.Fatalf("%d module rows, want %d", len(light), size)
		}
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				mx, my := x-QuietZone, y-QuietZone
				inCode := mx >= 0 && my >= 0 && mx < len(want) && my < len(want)
				switch {
				case !inCode && !light[y][x]:
					t.Fatalf("quiet-zone module (%d,%d) is dark", x, y)
				case inCode && light[y][x] == want[my][mx]:
					t.Fatalf("module (%d,%d): light=%v but library says dark=%v", mx, my, light[y][x], want[my][mx])
				}
			}
		}
	}
}

func TestQRPNGMatchesLibraryMatrix(t *testing.T) {
	for _, text := range qrTexts(t) {
		want := libraryMatrix(t, text)
		for _, size := range []int{200, 256, 333} {
			if size < len(want)+8 {
				continue
			}
			data, err := QRPNG(text, size)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("PNG does not decode: %v", err)
			}
			if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
				t.Fatalf("image is %v, want %dx%d", b, size, size)
			}
			checkPNGModules(t, img, want)
		}
	}
}

// checkPNGModules finds the symbol as the bounding box of dark pixels (finder
// patterns make its corners dark), then samples each module's centre.
func checkPNGModules(t *testing.T, img image.Image, want [][]bool) {
	t.Helper()
	b := img.Bounds()
	minX, minY, maxX, maxY := b.Max.X, b.Max.Y, -1, -1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			if g != 0 && g != 0xff {
				t.Fatalf("pixel (%d,%d) is grey %d; want pure black or white", x, y, g)
			}
			if g == 0 {
				minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
			}
		}
	}
	side := maxX - minX + 1
	if side != maxY-minY+1 || side%len(want) != 0 {
		t.Fatalf("symbol is %dx%d pixels, not a whole multiple of %d modules", side, maxY-minY+1, len(want))
	}
	scale := side / len(want)
	if border := min(minX, minY, b.Max.X-1-maxX, b.Max.Y-1-maxY); border < 4*scale {
		t.Errorf("white border is %d pixels, want at least 4 modules (%d)", border, 4*scale)
	}
	for my, row := range want {
		for mx, dark := range row {
			c := img.At(minX+mx*scale+scale/2, minY+my*scale+scale/2)
			if got := color.GrayModel.Convert(c).(color.Gray).Y == 0; got != dark {
				t.Fatalf("module (%d,%d) dark=%v, want %v", mx, my, got, dark)
			}
		}
	}
}

func TestQRErrors(t *testing.T) {
	if _, err := QRTerminal(""); err == nil {
		t.Error("QRTerminal(\"\") succeeded")
	}
	if _, err := QRPNG("", 200); err == nil {
		t.Error("QRPNG(\"\") succeeded")
	}
	// "hello" is a 21-module symbol: with a 4-module border it needs 29 pixels.
	if _, err := QRPNG("hello", 28); err == nil {
		t.Error("QRPNG smaller than the symbol succeeded")
	}
	if _, err := QRPNG("hello", 29); err != nil {
		t.Errorf("QRPNG at the minimum size: %v", err)
	}
	if _, err := QRPNG("hello", 1<<20); err == nil {
		t.Error("QRPNG of a huge size succeeded")
	}
	if _, err := QRTerminal(strings.Repeat("x", 5000)); err == nil {
		t.Error("QRTerminal of more than a QR code holds succeeded")
	}
}
