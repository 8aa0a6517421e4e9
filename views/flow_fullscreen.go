package views

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fullScreener is a flow that may need the whole terminal for a while
// (the QR code of a new MFA device does not fit between the header and
// the status bar of an 80x24 terminal).
type fullScreener interface {
	fullScreen(width, height int) (string, bool)
}

// FullScreen reports whether the open flow needs the whole terminal now,
// and renders it at that size, never larger.
func (d *Detail) FullScreen(width, height int) (string, bool) {
	fs, ok := d.flow.(fullScreener)
	if !ok {
		return "", false
	}
	content, ok := fs.fullScreen(width, height)
	if !ok {
		return "", false
	}
	lines := strings.Split(content, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n"), true
}

// titledFlow is a flow that names itself and its step in the breadcrumb.
type titledFlow interface {
	flowTitle() string
}
