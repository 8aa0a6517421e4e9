package sandbox

import (
	"sync"
)

// sealedPiece is a run of segments sealed under one content key: a
// single-part object, or one part of a multipart upload (kept as uploaded and
// joined on completion, as S3 does, so completing re-encrypts nothing).
type sealedPiece struct {
	ID     [pieceIDSize]byte // bound into every segment's AAD
	Size   int64             // plaintext length
	Layers int               // AES-GCM layers per segment: 2 for DSSE-KMS, else 1
	blob   segmentBlob
}

// sealedData is an object version's content as stored: its pieces in order.
type sealedData struct {
	Pieces []*sealedPiece
}

// segmentBuffers recycles the buffers of one segment (plaintext or sealed,
// with room for every layer), so a request allocates none per segment.
var segmentBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, sealedSegmentLen(segmentSize, maxSegmentLayers))
	return &b
}}

// getSegmentBuffer takes a buffer from the pool; putSegmentBuffer returns it.
func getSegmentBuffer() *[]byte { return segmentBuffers.Get().(*[]byte) }

func putSegmentBuffer(b *[]byte) {
	if cap(*b) >= sealedSegmentLen(segmentSize, maxSegmentLayers) {
		*b = (*b)[:0]
		segmentBuffers.Put(b)
	}
}

// pieceWriter seals a stream into a new piece, segment by segment: it holds
// one segment of plaintext and one of output, whatever the stream's length.
// A full segment is sealed only when more bytes arrive (or at finish), since
// whether it is the last one is part of its AAD.
type pieceWriter struct {
	cipher *segmentCipher
	piece  *sealedPiece
	w      blobWriter
	plain  *[]byte // the segment being filled
	out    *[]byte // sealing output
	index  int64   // of the segment being filled
	err    error
}

// newPieceWriter starts a piece sealed under keys (contentLayers' result).
func (s *Server) newPieceWriter(keys [][]byte) (*pieceWriter, error) {
	p := &sealedPiece{Layers: len(keys)}
	copy(p.ID[:], randomBytes(pieceIDSize))
	w, err := s.blobs.create(p.ID)
	if err != nil {
		return nil, err
	}
	return &pieceWriter{cipher: newSegmentCipher(keys), piece: p, w: w, plain: getSegmentBuffer(), out: getSegmentBuffer()}, nil
}

// Write implements io.Writer.
func (pw *pieceWriter) Write(p []byte) (int, error) {
	if pw.err != nil {
		return 0, pw.err
	}
	written := 0
	for len(p) > 0 {
		if len(*pw.plain) == segmentSize {
			if pw.err = pw.flush(false); pw.err != nil {
				return written, pw.err
			}
		}
		buf := *pw.plain
		n := copy(buf[len(buf):segmentSize], p)
		*pw.plain = buf[:len(buf)+n]
		p, written, pw.piece.Size = p[n:], written+n, pw.piece.Size+int64(n)
	}
	return written, nil
}

// flush seals the buffered segment and hands it to the blob.
func (pw *pieceWriter) flush(last bool) error {
	sealed := pw.cipher.seal(*pw.out, *pw.plain, pw.piece.ID, pw.index, last)
	err := pw.w.add(sealed)
	*pw.plain, *pw.out = (*pw.plain)[:0], (*pw.out)[:0]
	pw.index++
	if err != nil {
		return &blobError{err}
	}
	return nil
}

// finish seals the last segment (empty for empty content) and returns the piece.
func (pw *pieceWriter) finish() (*sealedPiece, error) {
	defer pw.release()
	if pw.err == nil {
		pw.err = pw.flush(true)
	}
	if pw.err != nil {
		pw.w.discard()
		return nil, pw.err
	}
	blob, err := pw.w.finish()
	if err != nil {
		return nil, err
	}
	pw.piece.blob = blob
	return pw.piece, nil
}

// discard drops the piece (a refused or failed write).
func (pw *pieceWriter) discard() {
	pw.w.discard()
	pw.release()
}

// release returns the buffers to the pool; the writer is spent.
func (pw *pieceWriter) release() {
	if pw.plain != nil {
		putSegmentBuffer(pw.plain)
		putSegmentBuffer(pw.out)
		pw.plain, pw.out = nil, nil
	}
}
