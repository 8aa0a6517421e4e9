package awsops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Download part settings. A download asks for its first part with a ranged
// GET, as the SDK's transfer managers do; an object larger than one part is
// then read with up to Concurrency ranged GETs in flight, each into a
// PartSize buffer, and delivered in order, so memory is bounded by
// Concurrency × PartSize whatever the object's size.
const (
	DefaultDownloadPartSize    int64 = 8 << 20
	DefaultDownloadConcurrency       = 4
	minDownloadPartSize        int64 = 64 << 10
)

// ErrObjectChanged is matched (errors.Is) when the object was replaced while
// its parts were being read: the parts are pinned to the first part's ETag
// (If-Match) and version, and S3 refuses the later ones.
var ErrObjectChanged = errors.New("the object changed while it was being downloaded (a part no longer matches the first part's ETag); download it again")

// downloadSettings are a download's sizes after defaults.
type downloadSettings struct {
	partSize    int64
	concurrency int
}

// downloadConfig applies the defaults to DownloadInput's sizes.
func (in DownloadInput) downloadConfig() (downloadSettings, error) {
	c := downloadSettings{partSize: in.PartSize, concurrency: in.Concurrency}
	if c.partSize <= 0 {
		c.partSize = DefaultDownloadPartSize
	}
	if c.concurrency <= 0 {
		c.concurrency = DefaultDownloadConcurrency
	}
	if c.partSize < minDownloadPartSize {
		return c, fmt.Errorf("download: parts must be at least %d KiB", minDownloadPartSize>>10)
	}
	return c, nil
}

// parallel tells whether the download uses ranged parts at all.
func (c downloadSettings) parallel() bool { return c.concurrency > 1 }

// firstGet sends the download's first GET: with parallel parts, for the
// first part only. It returns the response and the object's size (-1 when
// the endpoint sent none). An endpoint that ignores Range answers the whole
// object, which is then read as one stream. An empty object answers 416
// to every range (S3 included) and is asked for again without one.
func firstGet(ctx context.Context, c *s3.Client, get s3.GetObjectInput, cfg downloadSettings, sentKey bool) (*s3.GetObjectOutput, int64, error) {
	if cfg.parallel() {
		get.Range = aws.String(fmt.Sprintf("bytes=0-%d", cfg.partSize-1))
	}
	out, err := c.GetObject(ctx, &get, quietChecksums)
	if err != nil && get.Range != nil && httpStatus(err) == http.StatusRequestedRangeNotSatisfiable {
		get.Range = nil
		out, err = c.GetObject(ctx, &get, quietChecksums)
	}
	if err != nil {
		return nil, 0, wrapSSECRead("s3:GetObject", sentKey, err)
	}
	total := int64(-1)
	if out.ContentLength != nil {
		total = *out.ContentLength
	}
	if get.Range != nil && out.ContentRange != nil {
		if size, ok := rangeTotal(*out.ContentRange); ok {
			total = size
		}
	}
	return out, total, nil
}

// quietChecksums: multipart objects and ranges carry no whole-object
// checksum to validate; the SDK would log that on stderr for every such GET.
func quietChecksums(o *s3.Options) { o.DisableLogOutputChecksumValidationSkipped = true }

// rangeTotal reads the complete length from a Content-Range header
// ("bytes 0-99/1234").
func rangeTotal(h string) (int64, bool) {
	_, after, ok := strings.Cut(h, "/")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(after), 10, 64)
	return n, err == nil && n >= 0
}

// partFetcher reads one byte range of the pinned object into a buffer.
type partFetcher struct {
	client  *s3.Client
	get     s3.GetObjectInput // Bucket, Key, SSE-C headers, and the pins: IfMatch, VersionId
	sentKey bool
}

// fetch reads len(buf) bytes at offset off.
func (f partFetcher) fetch(ctx context.Context, off int64, buf []byte) error {
	get := f.get
	get.Range = aws.String(fmt.Sprintf("bytes=%d-%d", off, off+int64(len(buf))-1))
	out, err := f.client.GetObject(ctx, &get, quietChecksums)
	if err != nil {
		if httpStatus(err) == http.StatusPreconditionFailed {
			return fmt.Errorf("download: %w (%w)", ErrObjectChanged, wrapOp("s3:GetObject", err))
		}
		return wrapSSECRead(fmt.Sprintf("s3:GetObject (bytes %d-%d)", off, off+int64(len(buf))-1), f.sentKey, err)
	}
	defer out.Body.Close()
	if n, err := io.ReadFull(out.Body, buf); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return fmt.Errorf("download: the part at byte %d ended after %d of %d bytes", off, n, len(buf))
		}
		return wrapOp("s3:GetObject", err)
	}
	return nil
}

// partError carries an error partReader has already classified and
// worded, so that the code copying from it does not wrap it again.
type partError struct{ err error }

// Error returns the inner error's message.
func (e *partError) Error() string { return e.err.Error() }

// Unwrap returns the inner error.
func (e *partError) Unwrap() error { return e.err }

// partResult is one fetched part, or why it could not be.
type partResult struct {
	data []byte // the part: buf[:length]
	buf  []byte // the whole buffer, for reuse
	err  error
}

// partReader yields an object in order: the first part straight from the
// first response's body, then the parts that up to concurrency goroutines
// fetch ahead into buffers. A part is only started when a buffer is free,
// and parts start in order, so the part the reader needs next is always
// started already: the pipeline cannot stall on its own buffers.
type partReader struct {
	first     io.ReadCloser // the first part, until read
	firstLeft int64

	order       chan chan partResult // each started part's result, in object order
	free        chan []byte          // buffers the reader has finished with
	cur, curBuf []byte               // the part being read and its buffer
	parts       int                  // parts after the first
	taken       int                  // of those, how many the reader has received
	startErr    error                // why parts stopped being started, set before order is closed
	err         error                // sticky: the first failure, or io.EOF
	start       func()               // starts fetching the parts; nil once called
	fetches     atomic.Int64         // ranged GETs started
	cancel      context.CancelFunc
	wg          sync.WaitGroup
}

// newPartReader starts fetching the parts after the first (which first
// carries, firstLen bytes) of an object of total bytes.
func newPartReader(ctx context.Context, f partFetcher, first io.ReadCloser, firstLen, total int64, cfg downloadSettings) *partReader {
	ctx, cancel := context.WithCancel(ctx)
	r := &partReader{
		first: first, firstLeft: firstLen,
		order:  make(chan chan partResult, cfg.concurrency),
		free:   make(chan []byte, cfg.concurrency),
		parts:  int((total - firstLen + cfg.partSize - 1) / cfg.partSize),
		cancel: cancel,
	}
	for range cfg.concurrency {
		r.free <- nil // buffers are allocated on first use
	}
	r.start = func() {
		r.wg.Go(func() {
			defer close(r.order)
			for off := firstLen; off < total; off += cfg.partSize {
				var buf []byte
				select {
				case buf = <-r.free:
				case <-ctx.Done():
					r.startErr = wrapOp("s3:GetObject", context.Cause(ctx))
					return
				}
				if buf == nil {
					buf = make([]byte, cfg.partSize)
				}
				part := buf[:min(cfg.partSize, total-off)]
				done := make(chan partResult, 1)
				r.fetches.Add(1)
				r.order <- done // never blocks: at most concurrency parts are started and unread
				r.wg.Go(func() {
					done <- partResult{data: part, buf: buf, err: f.fetch(ctx, off, part)}
				})
			}
		})
	}
	return r
}

// Read implements io.Reader. The first call starts the fetches, so that
// a download refused before its body is read (no keyring, a wrong key, a
// changed context) costs no further GETs.
func (r *partReader) Read(p []byte) (int, error) {
	if r.start != nil {
		r.start()
		r.start = nil
	}
	for {
		switch {
		case r.err != nil:
			return 0, r.err
		case r.first != nil:
			n, err := r.first.Read(p[:min(int64(len(p)), r.firstLeft)])
			r.firstLeft -= int64(n)
			if r.firstLeft == 0 {
				r.first.Close()
				r.first = nil
			} else if err == io.EOF {
				r.err = &partError{fmt.Errorf("download: the first part ended %d bytes early", r.firstLeft)}
			} else if err != nil {
				r.err = &partError{wrapOp("s3:GetObject", err)}
			}
			if n > 0 {
				return n, nil
			}
		case len(r.cur) > 0:
			n := copy(p, r.cur)
			if r.cur = r.cur[n:]; len(r.cur) == 0 {
				r.free <- r.curBuf // never blocks: free holds every buffer
				r.curBuf = nil
			}
			return n, nil
		default:
			done, ok := <-r.order
			if !ok {
				r.err = io.EOF
				if r.taken < r.parts {
					r.err = &partError{r.startErr}
				}
				continue
			}
			res := <-done
			r.taken++
			if res.err != nil {
				r.err = &partError{res.err}
				continue
			}
			r.cur, r.curBuf = res.data, res.buf
		}
	}
}

// Close stops the fetches still running and waits for them, so no buffer
// is written after it returns.
func (r *partReader) Close() error {
	r.cancel()
	if r.first != nil {
		r.first.Close()
	}
	r.wg.Wait()
	return nil
}
