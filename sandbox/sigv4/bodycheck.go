package sigv4

import (
	"bytes"
	"io"
)

// verifiedBody is the r.Body that Verify installs for S3 requests whose
// payload it must check. It passes the decoded bytes through while feeding
// them to every digest; when the data ends it compares the digests, and the
// final Read returns the first mismatch as an *Error instead of io.EOF.
type verifiedBody struct {
	src        io.Reader
	closer     io.Closer
	checks     []*digestCheck
	chunked    *chunkedReader // source of trailing checksums, if any
	onTrailers func(map[string]string)
	err        error
}

// Read implements io.Reader.
func (b *verifiedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.src.Read(p)
	for _, c := range b.checks {
		c.hash.Write(p[:n])
	}
	if err == io.EOF {
		if e := b.finish(); e != nil {
			err = e
		}
	}
	if err != nil {
		b.err = err
	}
	return n, err
}

// Close closes the original body.
func (b *verifiedBody) Close() error { return b.closer.Close() }

// finish resolves trailing checksum values and compares every digest.
func (b *verifiedBody) finish() *Error {
	if b.chunked != nil {
		for _, c := range b.checks {
			if c.expected != nil {
				continue
			}
			alg, _ := lookupChecksum(c.name)
			want, ok := decodeChecksumValue(alg, b.chunked.values[c.name])
			if !ok {
				return newError(400, "InvalidRequest", "Value for "+c.name+" trailing header is invalid.")
			}
			c.expected = want
		}
	}
	for _, c := range b.checks {
		if got := c.hash.Sum(nil); !bytes.Equal(got, c.expected) {
			return c.mismatch(got)
		}
	}
	if b.chunked != nil && b.onTrailers != nil {
		b.onTrailers(b.chunked.values) // only verified values are published
	}
	return nil
}
