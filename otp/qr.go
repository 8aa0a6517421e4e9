package otp

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// QuietZone is the light border, in modules, QRTerminal draws around the code.
// The standard asks for 4; 2 keeps the code small enough for an 80x24
// terminal and is read by common phone scanners because the border is drawn
// explicitly rather than relying on the terminal background.
const QuietZone = 2

// pngQuietZone is the standard border for images, where space is not scarce.
const pngQuietZone = 4

// maxPNGSize bounds the image QRPNG allocates.
const maxPNGSize = 4096

// Half-block glyphs, indexed by (top light, bottom light).
const (
	glyphBoth   = "█"
	glyphTop    = "▀"
	glyphBottom = "▄"
	glyphNone   = " "
)

// QRTerminal renders text as a QR code using Unicode half-block characters,
// two module rows per text line, with a quiet zone of QuietZone modules.
//
// Colour choice: plain text cannot set a background, so light modules
// (including the quiet zone) are drawn as blocks in the terminal's foreground
// colour and dark modules are left as spaces showing the background. On a dark
// terminal (light text on dark background) this is a QR code of normal
// polarity. On a light terminal it is colour-inverted, which iOS Camera,
// Google Lens and ZXing-based scanners also read; a caller that knows the
// background is light can render it in reverse video to restore polarity.
// Lines are joined with "\n" without a trailing newline; the text row below
// an odd last module row is left blank.
func QRTerminal(text string) (string, error) {
	m, err := qrMatrix(text)
	if err != nil {
		return "", err
	}
	size := len(m) + 2*QuietZone
	light := func(x, y int) bool {
		x, y = x-QuietZone, y-QuietZone
		if x < 0 || y < 0 || x >= len(m) || y >= len(m) {
			return true
		}
		return !m[y][x]
	}
	var b strings.Builder
	for y := 0; y < size; y += 2 {
		if y > 0 {
			b.WriteByte('\n')
		}
		for x := 0; x < size; x++ {
			top := light(x, y)
			bottom := y+1 < size && light(x, y+1)
			b.WriteString(halfBlock(top, bottom))
		}
	}
	return b.String(), nil
}

func halfBlock(top, bottom bool) string {
	switch {
	case top && bottom:
		return glyphBoth
	case top:
		return glyphTop
	case bottom:
		return glyphBottom
	default:
		return glyphNone
	}
}

// QRPNG returns the QR code as a PNG (for IAM's QRCodePNG in the sandbox):
// a size×size grayscale image, black modules on white, with a quiet zone of at
// least 4 modules, each module an integer number of pixels.
func QRPNG(text string, size int) ([]byte, error) {
	m, err := qrMatrix(text)
	if err != nil {
		return nil, err
	}
	total := len(m) + 2*pngQuietZone
	if size < total || size > maxPNGSize {
		return nil, fmt.Errorf("QR image size %d is out of range: this code needs %d to %d pixels", size, total, maxPNGSize)
	}
	scale := size / total
	offset := (size - len(m)*scale) / 2 // centres the code; the rest is border
	img := image.NewGray(image.Rect(0, 0, size, size))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y, row := range m {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := 0; dy < scale; dy++ {
				for dx := 0; dx < scale; dx++ {
					img.SetGray(offset+x*scale+dx, offset+y*scale+dy, color.Gray{Y: 0})
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode QR PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// qrMatrix encodes text at error correction level M and returns its modules
// as m[y][x], true for dark.
func qrMatrix(text string) ([][]bool, error) {
	if text == "" {
		return nil, errors.New("QR code: nothing to encode")
	}
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	r := code.Bounds()
	m := make([][]bool, r.Dy())
	for y := range m {
		m[y] = make([]bool, r.Dx())
		for x := range m[y] {
			m[y][x] = isDark(code.At(r.Min.X+x, r.Min.Y+y))
		}
	}
	return m, nil
}

func isDark(c color.Color) bool {
	return color.GrayModel.Convert(c).(color.Gray).Y < 0x80
}
