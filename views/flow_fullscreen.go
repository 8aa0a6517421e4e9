package views

// fullScreener is a flow that may need the whole terminal for a while
// (the QR code of a new MFA device does not fit between the header and
// the status bar of an 80x24 terminal).
type fullScreener interface {
	fullScreen(width, height int) (string, bool)
}

// FullScreen reports whether the open flow needs the whole terminal now,
// and renders it at that size.
func (d *Detail) FullScreen(width, height int) (string, bool) {
	if fs, ok := d.flow.(fullScreener); ok {
		return fs.fullScreen(width, height)
	}
	return "", false
}

// titledFlow is a flow that names itself and its step in the breadcrumb.
type titledFlow interface {
	flowTitle() string
}
