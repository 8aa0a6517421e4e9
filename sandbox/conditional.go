package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// readPreconditions applies If-Match, If-Unmodified-Since, If-None-Match and
// If-Modified-Since to a GET/HEAD the way S3 does (RFC 7232 precedence).
// notModified asks for a 304; a non-nil error is a 412 PreconditionFailed.
func readPreconditions(h http.Header, v *objectVersion) (notModified bool, err *s3Error) {
	if m := h.Get("If-Match"); m != "" {
		if !etagListMatches(m, v.ETag) {
			return false, errPreconditionFailed("If-Match")
		}
	} else if s := h.Get("If-Unmodified-Since"); s != "" {
		if t, perr := http.ParseTime(s); perr == nil && v.LastModified.Truncate(time.Second).After(t) {
			return false, errPreconditionFailed("If-Unmodified-Since")
		}
	}
	if m := h.Get("If-None-Match"); m != "" {
		return etagListMatches(m, v.ETag), nil
	}
	if s := h.Get("If-Modified-Since"); s != "" {
		if t, perr := http.ParseTime(s); perr == nil && !v.LastModified.Truncate(time.Second).After(t) {
			return true, nil
		}
	}
	return false, nil
}

// etagListMatches reports whether a comma-separated If-Match/If-None-Match
// list names etag ("*" matches any); quotes are optional, as S3 accepts both.
func etagListMatches(list, etag string) bool {
	want := strings.Trim(etag, `"`)
	for _, part := range strings.Split(list, ",") {
		p := strings.TrimSpace(part)
		p = strings.TrimPrefix(p, "W/")
		if p == "*" || strings.Trim(p, `"`) == want {
			return true
		}
	}
	return false
}

// errPreconditionFailed names the condition that did not hold.
func errPreconditionFailed(condition string) *s3Error {
	return newError(http.StatusPreconditionFailed, "PreconditionFailed",
		"At least one of the pre-conditions you specified did not hold").with("Condition", condition)
}
