package sigv4

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"strconv"
	"strings"
)

const (
	// maxChunkSize caps a claimed chunk size at S3's largest single PUT.
	// Chunk data is streamed, never buffered, so the cap only rejects
	// absurd claims early; memory use does not depend on it.
	maxChunkSize = 5 << 30
	// maxLineLength bounds a chunk header or trailer line (a signed chunk
	// header is about 90 bytes); longer lines are rejected, not buffered.
	maxLineLength = 4096
	// maxTrailerLines bounds the number of trailing headers.
	maxTrailerLines = 16
	chunkSigPrefix  = "chunk-signature="
)

// chunkedReader decodes an aws-chunked body:
//
//	hex-size[;chunk-signature=sig]\r\n data \r\n ... 0[;chunk-signature=sig]\r\n [trailers] \r\n
//
// It returns the data bytes only. Framing errors, chunk signature mismatches
// and a total that differs from x-amz-decoded-content-length are returned as
// *Error; the decoder never allocates in proportion to a claimed size.
type chunkedReader struct {
	br       *bufio.Reader
	signer   *chunkSigner // nil when chunks are unsigned
	trailers trailerSpec
	declared int64 // x-amz-decoded-content-length, -1 when not sent

	decoded   int64
	remaining int64 // data bytes left in the current chunk
	inChunk   bool
	chunkSig  string
	chunkHash hash.Hash
	done      bool
	err       error
	values    map[string]string // trailing headers, once read
}

func newChunkedReader(body io.Reader, signer *chunkSigner, trailers trailerSpec, declared int64) *chunkedReader {
	c := &chunkedReader{
		br:       bufio.NewReaderSize(body, maxLineLength),
		signer:   signer,
		trailers: trailers,
		declared: declared,
	}
	if signer != nil {
		c.chunkHash = sha256.New()
	}
	return c
}

// Read implements io.Reader over the decoded data.
func (c *chunkedReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.done {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	for !c.inChunk {
		if e := c.nextChunk(); e != nil {
			c.err = e
			return 0, e
		}
		if c.done {
			return 0, io.EOF
		}
	}
	if int64(len(p)) > c.remaining {
		p = p[:c.remaining]
	}
	n, err := c.br.Read(p)
	if c.chunkHash != nil {
		c.chunkHash.Write(p[:n])
	}
	c.remaining -= int64(n)
	c.decoded += int64(n)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		c.err = errIncompleteBody()
	case err != nil:
		c.err = err // a transport error: pass it on unchanged
	case c.remaining == 0:
		if e := c.endChunk(); e != nil {
			c.err = e
		}
	}
	if c.err != nil {
		return n, c.err
	}
	return n, nil
}

// nextChunk reads a chunk header; a zero-size chunk ends the data and is
// followed by the trailer section.
func (c *chunkedReader) nextChunk() *Error {
	line, eof, e := c.readLine()
	if e != nil {
		return e
	}
	if eof {
		return errIncompleteBody()
	}
	sizeText, ext, _ := strings.Cut(line, ";")
	if len(sizeText) == 0 || len(sizeText) > 16 {
		return errIncompleteBody()
	}
	size, err := strconv.ParseUint(sizeText, 16, 64)
	if err != nil || size > maxChunkSize {
		return errIncompleteBody()
	}
	if c.signer != nil {
		sig, ok := strings.CutPrefix(ext, chunkSigPrefix)
		if !ok {
			return errSignatureMismatch()
		}
		c.chunkSig = sig
		c.chunkHash.Reset()
	}
	if c.declared >= 0 && c.decoded+int64(size) > c.declared {
		return errDecodedLength(c.declared, c.decoded+int64(size))
	}
	if size > 0 {
		c.inChunk, c.remaining = true, int64(size)
		return nil
	}
	if c.signer != nil && !c.signer.verifyChunk(c.chunkHash.Sum(nil), c.chunkSig) {
		return errSignatureMismatch()
	}
	if e := c.readTrailers(); e != nil {
		return e
	}
	if c.declared >= 0 && c.decoded != c.declared {
		return errDecodedLength(c.declared, c.decoded)
	}
	c.done = true
	return nil
}

// endChunk consumes the CRLF after a chunk's data and checks its signature.
func (c *chunkedReader) endChunk() *Error {
	c.inChunk = false
	var crlf [2]byte
	if _, err := io.ReadFull(c.br, crlf[:]); err != nil || crlf != [2]byte{'\r', '\n'} {
		return errIncompleteBody()
	}
	if c.signer != nil && !c.signer.verifyChunk(c.chunkHash.Sum(nil), c.chunkSig) {
		return errSignatureMismatch()
	}
	return nil
}

// readLine returns the next CRLF-terminated line without its CRLF; eof is
// true when the body ended cleanly before any byte of a line.
func (c *chunkedReader) readLine() (line string, eof bool, e *Error) {
	b, err := c.br.ReadSlice('\n')
	switch {
	case err == io.EOF && len(b) == 0:
		return "", true, nil
	case err != nil: // too long, truncated, or a transport error
		return "", false, errIncompleteBody()
	case len(b) < 2 || b[len(b)-2] != '\r':
		return "", false, errIncompleteBody()
	}
	return string(b[:len(b)-2]), false, nil
}

// errDecodedLength reports a body whose decoded size differs from
// x-amz-decoded-content-length.
func errDecodedLength(expected, provided int64) *Error {
	return newError(400, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header",
		Field{"NumberBytesExpected", strconv.FormatInt(expected, 10)},
		Field{"NumberBytesProvided", strconv.FormatInt(provided, 10)})
}

// chunkSigner recomputes the chained chunk and trailer signatures; each one
// covers the previous signature, starting from the request's (the seed).
type chunkSigner struct {
	key      []byte
	amzDate  string
	scope    string
	previous string
}

// verifyChunk checks one chunk signature and, if it matches, chains it.
func (s *chunkSigner) verifyChunk(dataHash []byte, provided string) bool {
	sts := "AWS4-HMAC-SHA256-PAYLOAD\n" + s.amzDate + "\n" + s.scope + "\n" + s.previous + "\n" +
		emptySHA256 + "\n" + hex.EncodeToString(dataHash)
	return s.chain(sts, provided)
}

// verifyTrailer checks the x-amz-trailer-signature over the canonical
// trailing headers ("name:value\n" each).
func (s *chunkSigner) verifyTrailer(canonical, provided string) bool {
	sts := "AWS4-HMAC-SHA256-TRAILER\n" + s.amzDate + "\n" + s.scope + "\n" + s.previous + "\n" +
		sha256Hex([]byte(canonical))
	return s.chain(sts, provided)
}

func (s *chunkSigner) chain(stringToSign, provided string) bool {
	if !signatureEqual(hmacSHA256(s.key, stringToSign), provided) {
		return false
	}
	s.previous = strings.ToLower(provided)
	return true
}
