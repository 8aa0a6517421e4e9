package cmd

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/s3sec/s3sec/awsops"
)

// progressInterval limits how often the progress line is redrawn.
const progressInterval = 100 * time.Millisecond

// cpProgress draws a one-line progress indicator on stderr, only when
// stderr is a terminal: piped or logged stderr gets no carriage returns.
type cpProgress struct {
	w     io.Writer // nil when stderr is not a terminal
	last  time.Time
	drawn bool
}

// newCpProgress returns a progress line on stderr if it is a terminal.
func newCpProgress(stderr io.Writer) *cpProgress {
	if f, ok := stderr.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			return &cpProgress{w: stderr}
		}
	}
	return &cpProgress{}
}

// upload draws an upload's progress.
func (p *cpProgress) upload(u awsops.UploadProgress) {
	suffix := ""
	if u.Parts > 0 {
		suffix = fmt.Sprintf("  %d parts", u.Parts)
	}
	p.draw(u.Bytes, u.Total, suffix)
}

// download draws a download's progress.
func (p *cpProgress) download(d awsops.DownloadProgress) { p.draw(d.Bytes, d.Total, "") }

// draw redraws the line, at most every progressInterval and always at 100%.
func (p *cpProgress) draw(n, total int64, suffix string) {
	if p.w == nil || (time.Since(p.last) < progressInterval && n != total) {
		return
	}
	p.last, p.drawn = time.Now(), true
	if total > 0 {
		fmt.Fprintf(p.w, "\r%s / %s (%3d%%)%s ", mib(n), mib(total), n*100/total, suffix)
	} else {
		fmt.Fprintf(p.w, "\r%s%s ", mib(n), suffix)
	}
}

// finish ends the progress line.
func (p *cpProgress) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// mib formats a byte count in MiB.
func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
