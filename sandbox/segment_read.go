package sandbox

import "io"

// rangeCursor yields the plaintext of bytes [from, to) of sealed content one
// segment at a time, opening only the segments the range touches. It holds
// one segment buffer; each slice next returns is valid until the next call.
type rangeCursor struct {
	cipher *segmentCipher
	pieces []*sealedPiece
	from   int64 // next content offset to yield
	to     int64

	piece     int   // index in pieces of the piece holding from
	pieceBase int64 // content offset where that piece starts
	src       segmentSource
	buf       *[]byte
}

// newRangeCursor reads [from, to) of d under keys (contentLayers' result).
func newRangeCursor(d sealedData, keys [][]byte, from, to int64) *rangeCursor {
	return &rangeCursor{cipher: newSegmentCipher(keys), pieces: d.Pieces, from: from, to: to}
}

// next returns the next run of plaintext, or io.EOF once the range is sent.
// A segment that fails authentication (or is missing) returns errSegment.
func (c *rangeCursor) next() ([]byte, error) {
	if c.from >= c.to {
		return nil, io.EOF
	}
	for c.piece < len(c.pieces) && c.from >= c.pieceBase+c.pieces[c.piece].Size {
		c.pieceBase += c.pieces[c.piece].Size
		c.piece++
		c.closeSource()
	}
	if c.piece >= len(c.pieces) {
		return nil, errSegmentMissing // the range claims more than the pieces hold
	}
	p := c.pieces[c.piece]
	if c.src == nil {
		src, err := p.blob.open()
		if err != nil {
			return nil, err
		}
		c.src = src
	}
	if c.buf == nil {
		c.buf = getSegmentBuffer()
	}
	within := c.from - c.pieceBase
	index := within / segmentSize
	sealed, err := c.src.segment(index, *c.buf)
	if err != nil {
		return nil, err
	}
	*c.buf = sealed[:0]
	plain, err := c.cipher.open(sealed, p.ID, index, index == segmentCount(p.Size)-1)
	if err != nil {
		return nil, err
	}
	start := within - index*segmentSize
	if want := min(p.Size-index*segmentSize, segmentSize); int64(len(plain)) != want {
		return nil, errSegment // authentic but not the length the metadata records
	}
	end := min(int64(len(plain)), start+c.to-c.from)
	c.from += end - start
	return plain[start:end], nil
}

// closeSource closes the current piece's reader.
func (c *rangeCursor) closeSource() {
	if c.src != nil {
		_ = c.src.Close()
		c.src = nil
	}
}

// close releases the cursor's file and buffer.
func (c *rangeCursor) close() {
	c.closeSource()
	if c.buf != nil {
		putSegmentBuffer(c.buf)
		c.buf = nil
	}
}
