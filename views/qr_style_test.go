package views

import (
	"testing"

	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/ui"
)

// The QR code follows the terminal: before, it was always drawn for a dark
// background and came out inverted (undecodable by many scanners) on a
// light one.
func TestQRStyleFollowsTheTheme(t *testing.T) {
	light := ui.NewMonochromeStyles()
	light.IsDark = false
	dark := ui.NewMonochromeStyles()
	dark.IsDark = true
	if got := qrStyle(light); got != otp.QRLightBackground {
		t.Errorf("NO_COLOR on a light background: style %d, want dark modules drawn", got)
	}
	if got := qrStyle(dark); got != otp.QRDarkBackground {
		t.Errorf("NO_COLOR on a dark background: style %d", got)
	}
	if got := qrStyle(ui.NewStyles(false)); got != otp.QRColours && !ui.NoColorRequested() {
		t.Errorf("with colours: style %d, want explicit black on white", got)
	}
}
