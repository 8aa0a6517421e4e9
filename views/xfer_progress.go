package views

import (
	"fmt"
	"time"

	"github.com/s3sec/s3sec/ui"
)

// xferProgressMsg reports how far a transfer (or a re-encryption) is.
type xferProgressMsg struct {
	id      int
	bytes   int64
	total   int64 // -1 when unknown
	parts   int
	elapsed time.Duration // since the transfer started
}

// xferProgress is the latest report of a transfer.
type xferProgress struct {
	bytes, total int64
	parts        int
	elapsed      time.Duration
}

// update takes a report.
func (p *xferProgress) update(m xferProgressMsg) {
	p.bytes, p.total, p.parts, p.elapsed = m.bytes, m.total, m.parts, m.elapsed
}

// rate is the mean throughput in bytes per second, 0 when unknown.
func (p xferProgress) rate() float64 {
	if p.elapsed <= 0 {
		return 0
	}
	return float64(p.bytes) / p.elapsed.Seconds()
}

// lines renders the bar, the counts and the throughput, then how to cancel.
func (p xferProgress) lines(e paneEnv, halting bool, cancelHint string) []string {
	st := e.st
	var out []string
	frac := 0.0
	if p.total > 0 {
		frac = float64(p.bytes) / float64(p.total)
		out = append(out, ui.ProgressBar(st, min(60, e.width), frac))
	}
	counts := humanSize(p.bytes)
	if p.total >= 0 {
		counts += " of " + humanSize(p.total)
	}
	if r := p.rate(); r > 0 {
		counts += fmt.Sprintf(" · %s/s", humanSize(int64(r)))
	}
	if p.parts > 0 {
		counts += " · " + plural(p.parts, "part", "parts") + " done"
	}
	out = append(out, e.spin+" "+st.Text.Render(counts))
	if halting {
		return append(out, st.Warn.Render("canceling…"))
	}
	return append(out, wrapStyled(st.Muted, cancelHint, e.width)...)
}
