package awsops

import (
	"fmt"
	"io"
	"sync"
)

// readAtMost reads until EOF or limit+1 bytes, so the caller can tell
// "ended within the limit" from "goes on".
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, limit+1))
}

// readPrefix is readAtMost into one buffer allocated up front, for limits
// known to be small enough to hold (io.ReadAll would regrow and copy).
func readPrefix(r io.Reader, limit int64) ([]byte, error) {
	buf := make([]byte, limit+1)
	n, err := io.ReadFull(r, buf)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return buf[:n], nil
	}
	if err != nil {
		return nil, err
	}
	return buf, nil
}

// describeLength says how a body's length compares with the announced size.
func describeLength(got, want int64) string {
	if got > want {
		return "longer"
	}
	return fmt.Sprintf("%d bytes", got)
}

// exactReader yields the size announced for a body and fails when the body
// turns out longer, so that a wrong Size never uploads a truncated object
// that looks complete. (A shorter body is caught by the byte count.)
type exactReader struct {
	r         io.Reader
	remaining int64
	size      int64
}

// Read implements io.Reader.
func (e *exactReader) Read(p []byte) (int, error) {
	if e.remaining <= 0 {
		var probe [1]byte
		if n, err := io.ReadFull(e.r, probe[:]); n > 0 {
			return 0, fmt.Errorf("upload: the content is longer than the %d bytes announced", e.size)
		} else if err != io.EOF {
			return 0, err
		}
		return 0, io.EOF
	}
	if int64(len(p)) > e.remaining {
		p = p[:e.remaining]
	}
	n, err := e.r.Read(p)
	e.remaining -= int64(n)
	return n, err
}

// progressReporter serialises progress calls and keeps the totals.
type progressReporter struct {
	fn    func(UploadProgress)
	total int64
	mu    sync.Mutex // held during fn, so calls never overlap
	bytes int64
	parts int
}

// newProgressReporter wraps fn (which may be nil).
func newProgressReporter(fn func(UploadProgress), total int64) *progressReporter {
	return &progressReporter{fn: fn, total: total}
}

// update adds bytes and parts and reports the new totals.
func (p *progressReporter) update(bytes int64, parts int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bytes += bytes
	p.parts += parts
	if p.fn != nil {
		p.fn(UploadProgress{Bytes: p.bytes, Total: p.total, Parts: p.parts})
	}
}
