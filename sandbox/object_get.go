package sandbox

import (
	"io"
	"net/http"
	"strconv"
	"strings"
)

// handleGetObject implements GetObject (with Range, conditionals, versionId).
func handleGetObject(c *s3Call) *s3Error { return c.serveObject(true) }

// handleHeadObject implements HeadObject: GetObject's headers without a body.
func handleHeadObject(c *s3Call) *s3Error { return c.serveObject(false) }

// serveObject answers GET or HEAD of an object version. The SSE-C key is
// checked before the conditions; only a GET that sends content decrypts it
// (and so calls KMS), a HEAD never does. The body streams segment by segment
// and only the segments the range touches are read and decrypted.
func (c *s3Call) serveObject(withBody bool) *s3Error {
	ck, err := parseReadSSE(c.r.Header, c.secure)
	if err != nil {
		return err
	}
	v, versioned, err := c.lookupVersion()
	if err != nil {
		return err
	}
	if err := checkCustomerKeyFor(v, ck); err != nil {
		return err
	}
	notModified, err := readPreconditions(c.r.Header, v)
	if err != nil {
		return err
	}
	var keys [][]byte // the content's layer keys, recovered (from KMS) before any header is set
	if withBody && !notModified {
		dk, err := c.s.recoverDataKey(v.Keys, c.scopeFor(c.bucket, c.key), ck)
		if err != nil {
			return err
		}
		keys = contentLayers(v.Keys.Mode, dk)
	}
	before := c.w.Header().Clone() // what an error answer keeps (request id, CORS)
	setObjectHeaders(c.w, v, versioned, c.query)
	setCustomerKeyHeaders(c.w.Header(), ck)
	if notModified {
		for _, h := range []string{"Content-Type", "Content-Length", "Content-Encoding", "Content-Disposition", "Content-Language", "Cache-Control", "Expires"} {
			c.w.Header().Del(h)
		}
		c.w.WriteHeader(http.StatusNotModified)
		return nil
	}
	size := v.size()
	status, from, to := http.StatusOK, int64(0), size // the body is bytes [from, to)
	if rh := c.r.Header.Get("Range"); rh != "" {
		rg, ok, err := parseRange(rh, size)
		if err != nil {
			return err
		}
		if ok {
			status, from, to = http.StatusPartialContent, rg.Start, rg.End+1
			c.w.Header().Set("Content-Range", "bytes "+strconv.FormatInt(rg.Start, 10)+"-"+
				strconv.FormatInt(rg.End, 10)+"/"+strconv.FormatInt(size, 10))
		}
	}
	if status == http.StatusOK && v.ChecksumAlgorithm != "" &&
		strings.EqualFold(c.r.Header.Get("X-Amz-Checksum-Mode"), "ENABLED") {
		c.w.Header().Set(checksumHeader(v.ChecksumAlgorithm), v.Checksum)
		c.w.Header().Set("x-amz-checksum-type", checksumType(v))
	}
	if !withBody {
		c.w.Header().Set("Content-Length", strconv.FormatInt(to-from, 10))
		c.w.WriteHeader(status)
		return nil
	}
	return c.streamContent(v, keys, before, status, from, to)
}

// streamContent sends bytes [from, to) of v. The first segment is opened
// before the status line, so a failure there is still a clean 500 (with the
// headers as they were before the object's were set); a later
// segment that fails authentication aborts the response (the client sees a
// body shorter than its Content-Length), since the status is already sent.
func (c *s3Call) streamContent(v *objectVersion, keys [][]byte, before http.Header, status int, from, to int64) *s3Error {
	cur := newRangeCursor(v.Sealed, keys, from, to)
	defer cur.close()
	first, rerr := cur.next()
	if rerr != nil && rerr != io.EOF {
		h := c.w.Header() // the error answer describes no object
		clear(h)
		for k, vs := range before {
			h[k] = vs
		}
		return errInternal(rerr)
	}
	c.w.Header().Set("Content-Length", strconv.FormatInt(to-from, 10))
	c.w.WriteHeader(status)
	for b := first; ; {
		if _, werr := c.w.Write(b); werr != nil {
			return nil // the client went away
		}
		if b, rerr = cur.next(); rerr == io.EOF {
			return nil
		} else if rerr != nil {
			panic(http.ErrAbortHandler) // net/http drops the connection without logging
		}
	}
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
