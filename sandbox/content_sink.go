package sandbox

import (
	"crypto/md5"
	"encoding/base64"
	"hash"
	"io"
	"net/http"
	"strconv"

	"github.com/s3sec/s3sec/sandbox/sigv4"
)

// contentSink seals plaintext into a new piece while computing its MD5 (the
// ETag, Content-MD5) and, when asked, a flexible checksum: an upload, a part
// or a copy passes through it once and is never held whole.
type contentSink struct {
	pw  *pieceWriter
	md5 hash.Hash
	ck  hash.Hash // nil without a checksum algorithm
}

// newContentSink starts a piece under keys; algorithm may be "".
func (s *Server) newContentSink(keys [][]byte, algorithm string) (*contentSink, *s3Error) {
	pw, err := s.newPieceWriter(keys)
	if err != nil {
		return nil, errInternal(err)
	}
	cs := &contentSink{pw: pw, md5: md5.New()}
	if algorithm != "" {
		cs.ck = checksumAlgorithms[algorithm]()
	}
	return cs, nil
}

// Write implements io.Writer.
func (cs *contentSink) Write(p []byte) (int, error) {
	n, err := cs.pw.Write(p)
	cs.md5.Write(p[:n])
	if cs.ck != nil {
		cs.ck.Write(p[:n])
	}
	return n, err
}

// md5Sum is the MD5 of everything written so far.
func (cs *contentSink) md5Sum() []byte { return cs.md5.Sum(nil) }

// checksum is the base64 checksum of everything written ("" without an algorithm).
func (cs *contentSink) checksum() string {
	if cs.ck == nil {
		return ""
	}
	return base64.StdEncoding.EncodeToString(cs.ck.Sum(nil))
}

// finish seals the last segment and returns the piece.
func (cs *contentSink) finish() (*sealedPiece, *s3Error) {
	p, err := cs.pw.finish()
	if err != nil {
		return nil, errInternal(err)
	}
	return p, nil
}

// discard drops the piece.
func (cs *contentSink) discard() { cs.pw.discard() }

// copyBody streams the request payload (already de-chunked and checked by
// sigv4) into dst, refusing more than limit bytes with EntityTooLarge. A
// payload that fails its signature or checksum surfaces here as the
// *sigv4.Error the body's Read returns, once the whole payload has passed:
// the caller discards what it wrote.
func (c *s3Call) copyBody(dst io.Writer, limit int64) *s3Error {
	if c.r.ContentLength > limit {
		return errEntityTooLarge(c.r.ContentLength, limit)
	}
	if c.r.Body == nil {
		return nil
	}
	n, err := io.Copy(dst, io.LimitReader(c.r.Body, limit+1))
	if err != nil {
		if se, ok := sigv4.AsError(err); ok {
			return fromSigv4(se)
		}
		if _, ok := err.(*blobError); ok {
			return errInternal(err)
		}
		return newError(http.StatusBadRequest, "IncompleteBody", "The request body terminated unexpectedly")
	}
	if n > limit {
		return errEntityTooLarge(n, limit)
	}
	return nil
}

// blobError marks a failure to store content (a full disk), which is the
// sandbox's fault, not the client's.
type blobError struct{ err error }

func (e *blobError) Error() string { return e.err.Error() }
func (e *blobError) Unwrap() error { return e.err }

// errEntityTooLarge is S3's answer to a payload over the size limit.
func errEntityTooLarge(proposed, limit int64) *s3Error {
	return newError(http.StatusBadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size").
		with("ProposedSize", strconv.FormatInt(proposed, 10)).with("MaxSizeAllowed", strconv.FormatInt(limit, 10))
}
