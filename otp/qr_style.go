package otp

import (
	"fmt"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// QRStyle says how QRTerminalStyled paints a code for the terminal it is
// shown on. A scanner needs dark modules on a light ground with a light
// border (the quiet zone); which cells are drawn depends on what the
// background already is.
type QRStyle int

// Styles of a terminal QR code.
const (
	// QRDarkBackground draws the light modules and the quiet zone as blocks
	// in the (light) text colour; dark modules are the background.
	QRDarkBackground QRStyle = iota
	// QRLightBackground draws the dark modules as blocks in the (dark) text
	// colour; light modules and the quiet zone are the background.
	QRLightBackground
	// QRColours sets both colours explicitly (black on white, SGR 30;47) so
	// the code reads the same on any background; for terminals with colour.
	QRColours
)

// Escape sequences of QRColours: black text on a white ground, then reset.
const (
	sgrBlackOnWhite = "\x1b[30;47m"
	sgrReset        = "\x1b[0m"
)

// QRTerminalStyled renders text as a QR code of normal polarity (dark
// modules on light) for the given style, with a QuietZone border, two
// module rows per line. The symbol is the smallest that holds text at the
// most robust error correction level not making it bigger, so an
// enrollment URI with an issuer still fits an 80x24 terminal.
func QRTerminalStyled(text string, style QRStyle) (string, error) {
	m, err := compactMatrix(text)
	if err != nil {
		return "", err
	}
	if style == QRDarkBackground {
		return halfBlocks(m, func(dark bool) bool { return !dark }), nil
	}
	out := halfBlocks(m, func(dark bool) bool { return dark })
	if style == QRLightBackground {
		return out, nil
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = sgrBlackOnWhite + l + sgrReset
	}
	return strings.Join(lines, "\n"), nil
}

// halfBlocks draws m with its quiet zone; drawn says whether a module of
// the given darkness is a block (the quiet zone is light).
func halfBlocks(m [][]bool, drawn func(dark bool) bool) string {
	size := len(m) + 2*QuietZone
	at := func(x, y int) bool {
		x, y = x-QuietZone, y-QuietZone
		if x < 0 || y < 0 || x >= len(m) || y >= len(m) {
			return drawn(false)
		}
		return drawn(m[y][x])
	}
	var b strings.Builder
	for y := 0; y < size; y += 2 {
		if y > 0 {
			b.WriteByte('\n')
		}
		for x := 0; x < size; x++ {
			// Below an odd last row lies the terminal: light, like the border.
			bottom := drawn(false)
			if y+1 < size {
				bottom = at(x, y+1)
			}
			b.WriteString(halfBlock(at(x, y), bottom))
		}
	}
	return b.String()
}

// compactMatrix encodes text at level M, or at level L when M needs a
// bigger symbol (a 64-character IAM seed with an issuer is just over what
// version 6 holds at M, and version 7 is 25 lines: one too many for 24).
func compactMatrix(text string) ([][]bool, error) {
	if text == "" {
		return nil, fmt.Errorf("QR code: nothing to encode")
	}
	best, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	if low, err := qr.Encode(text, qr.L, qr.Auto); err == nil && low.Bounds().Dx() < best.Bounds().Dx() {
		best = low
	}
	r := best.Bounds()
	m := make([][]bool, r.Dy())
	for y := range m {
		m[y] = make([]bool, r.Dx())
		for x := range m[y] {
			m[y][x] = isDark(best.At(r.Min.X+x, r.Min.Y+y))
		}
	}
	return m, nil
}
