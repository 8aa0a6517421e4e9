package s3accesslog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// MaxLineBytes bounds one line: a longer one is reported and skipped, so a
// corrupt object cannot make the reader hold it whole.
const MaxLineBytes = 1 << 20

// Reader reads the records of one log object line by line.
type Reader struct {
	r      *bufio.Reader
	object string
	line   int
}

// NewReader reads records from r; object names it in errors.
func NewReader(r io.Reader, object string) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, 64<<10), object: object}
}

// Next returns the next record. A line that is not a record gives a
// *ParseError with its object and line number, and reading may go on;
// the end gives io.EOF; any other error is the underlying reader's.
// Empty lines are skipped.
func (rd *Reader) Next() (Record, error) {
	for {
		line, tooLong, err := rd.readLine()
		if err != nil {
			return Record{}, err
		}
		rd.line++
		if tooLong {
			return Record{}, &ParseError{Object: rd.object, Line: rd.line, Reason: fmt.Sprintf("line longer than %d bytes, skipped", MaxLineBytes)}
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		rec, err := Parse(string(line))
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				pe.Object, pe.Line = rd.object, rd.line
			}
			return Record{}, err
		}
		return rec, nil
	}
}

// readLine returns the next line without its newline; past MaxLineBytes
// it drops the rest of the line and says so. A last line without a
// newline is a line; io.EOF comes only when nothing is left.
func (rd *Reader) readLine() (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := rd.r.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLineBytes+1 {
			tooLong = true
		} else {
			buf = append(buf, chunk...)
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(buf, []byte("\n")), tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && (len(buf) > 0 || tooLong):
			return buf, tooLong, nil
		default:
			return nil, false, err
		}
	}
}

// ReadAll reads every record of one log object: the records, the lines
// that are not records, and the first error of r itself.
func ReadAll(r io.Reader, object string) ([]Record, []*ParseError, error) {
	rd := NewReader(r, object)
	var recs []Record
	var bad []*ParseError
	for {
		rec, err := rd.Next()
		var pe *ParseError
		switch {
		case err == nil:
			recs = append(recs, rec)
		case errors.Is(err, io.EOF):
			return recs, bad, nil
		case errors.As(err, &pe):
			bad = append(bad, pe)
		default:
			return recs, bad, err
		}
	}
}
