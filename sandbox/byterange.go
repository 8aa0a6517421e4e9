package sandbox

import (
	"net/http"
	"strconv"
	"strings"
)

// byteRange is a satisfiable single range [Start, End] of an object.
type byteRange struct{ Start, End int64 }

// parseRange interprets a Range header against an object of size bytes.
// S3 serves one range; a header it cannot parse, or one naming several
// ranges, is ignored and the whole object is sent (ok=false, err=nil).
// A well-formed range outside the object answers 416 InvalidRange.
func parseRange(header string, size int64) (r byteRange, ok bool, err *s3Error) {
	spec, found := strings.CutPrefix(strings.TrimSpace(header), "bytes=")
	if !found || spec == "" || strings.Contains(spec, ",") {
		return byteRange{}, false, nil
	}
	first, last, found := strings.Cut(strings.TrimSpace(spec), "-")
	if !found {
		return byteRange{}, false, nil
	}
	unsatisfiable := newError(http.StatusRequestedRangeNotSatisfiable, "InvalidRange",
		"The requested range is not satisfiable").
		with("RangeRequested", header).with("ActualObjectSize", strconv.FormatInt(size, 10))
	if first == "" { // suffix range: the last N bytes
		n, perr := strconv.ParseInt(last, 10, 64)
		if perr != nil || n < 0 {
			return byteRange{}, false, nil
		}
		if n == 0 || size == 0 {
			return byteRange{}, false, unsatisfiable
		}
		if n > size {
			n = size
		}
		return byteRange{size - n, size - 1}, true, nil
	}
	start, perr := strconv.ParseInt(first, 10, 64)
	if perr != nil || start < 0 {
		return byteRange{}, false, nil
	}
	end := size - 1
	if last != "" {
		if end, perr = strconv.ParseInt(last, 10, 64); perr != nil || end < start {
			return byteRange{}, false, nil
		}
	}
	if start >= size {
		return byteRange{}, false, unsatisfiable
	}
	if end >= size {
		end = size - 1
	}
	return byteRange{start, end}, true, nil
}
