package sandbox

import (
	"net/http"
	"strconv"
	"strings"
)

// handleGetObject implements GetObject (with Range, conditionals, versionId).
func handleGetObject(c *s3Call) *s3Error { return c.serveObject(true) }

// handleHeadObject implements HeadObject: GetObject's headers without a body.
func handleHeadObject(c *s3Call) *s3Error { return c.serveObject(false) }

// serveObject answers GET or HEAD of an object version.
func (c *s3Call) serveObject(withBody bool) *s3Error {
	if err := checkReadHeaders(c.r.Header); err != nil {
		return err
	}
	v, versioned, err := c.lookupVersion()
	if err != nil {
		return err
	}
	notModified, err := readPreconditions(c.r.Header, v)
	if err != nil {
		return err
	}
	setObjectHeaders(c.w, v, versioned, c.query)
	if notModified {
		for _, h := range []string{"Content-Type", "Content-Length", "Content-Encoding", "Content-Disposition", "Content-Language", "Cache-Control", "Expires"} {
			c.w.Header().Del(h)
		}
		c.w.WriteHeader(http.StatusNotModified)
		return nil
	}
	size := v.size()
	status, body := http.StatusOK, v.Data
	if rh := c.r.Header.Get("Range"); rh != "" {
		rg, ok, err := parseRange(rh, size)
		if err != nil {
			return err
		}
		if ok {
			status, body = http.StatusPartialContent, v.Data[rg.Start:rg.End+1]
			c.w.Header().Set("Content-Range", "bytes "+strconv.FormatInt(rg.Start, 10)+"-"+
				strconv.FormatInt(rg.End, 10)+"/"+strconv.FormatInt(size, 10))
		}
	}
	if status == http.StatusOK && v.ChecksumAlgorithm != "" &&
		strings.EqualFold(c.r.Header.Get("X-Amz-Checksum-Mode"), "ENABLED") {
		c.w.Header().Set(checksumHeader(v.ChecksumAlgorithm), v.Checksum)
		c.w.Header().Set("x-amz-checksum-type", "FULL_OBJECT")
	}
	c.w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	c.w.WriteHeader(status)
	if withBody {
		_, _ = c.w.Write(body)
	}
	return nil
}

// lookupVersion finds the version a GET/HEAD addresses. A delete marker on
// top answers 404 NoSuchKey with the marker headers; a delete marker named by
// versionId answers 405 with Allow: DELETE (3.4). versioned tells whether
// responses carry x-amz-version-id; it is read under the lock with the version.
func (c *s3Call) lookupVersion() (v *objectVersion, versioned bool, err *s3Error) {
	vid, hasVID := c.query["versionId"]
	if hasVID && !validVersionID(vid[0]) {
		return nil, false, errInvalidVersionID(vid[0])
	}
	st := c.s.store
	st.mu.RLock()
	defer st.mu.RUnlock()
	b := st.get(c.bucket)
	if b == nil {
		return nil, false, errNoSuchBucket(c.bucket)
	}
	if !hasVID {
		v = b.current(c.key)
		if v == nil {
			return nil, false, errNoSuchKey(c.key)
		}
		if v.DeleteMarker {
			return nil, false, errNoSuchKey(c.key).
				withHeader("x-amz-delete-marker", "true").withHeader("x-amz-version-id", v.VersionID)
		}
		return v, b.versioned(), nil
	}
	v = b.version(c.key, vid[0])
	if v == nil {
		return nil, false, errNoSuchVersion(c.key, vid[0])
	}
	if v.DeleteMarker {
		return nil, false, errMethodNotAllowed(c.r.Method, "DeleteMarker").
			withHeader("x-amz-delete-marker", "true").withHeader("x-amz-version-id", v.VersionID).
			withHeader("Allow", "DELETE").withHeader("Last-Modified", httpTime(v.LastModified))
	}
	return v, b.versioned(), nil
}

// checkReadHeaders refuses SSE request headers on GET/HEAD: plain SSE headers
// are invalid on reads (2.2); SSE-C reads are not implemented yet.
func checkReadHeaders(h http.Header) *s3Error {
	if h.Get("X-Amz-Server-Side-Encryption") != "" {
		return errInvalidArgument("x-amz-server-side-encryption header is not supported for this operation.",
			"x-amz-server-side-encryption", h.Get("X-Amz-Server-Side-Encryption"))
	}
	for name := range h {
		if ln := strings.ToLower(name); strings.HasPrefix(ln, "x-amz-server-side-encryption-customer-") {
			return errNotImplementedHeader(ln)
		}
	}
	return nil
}
