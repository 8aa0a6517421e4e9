package sandbox

import (
	"crypto/md5"
	"encoding/base64"
	"net/http"
	"strings"
)

// handlePutObject implements PutObject: encrypts the payload per the SSE
// headers or the bucket default as it arrives (segment by segment, never
// held whole), stores it as a new version following the bucket's versioning
// state and answers with the ETag, the encryption headers and, when
// versioned, the version id.
func handlePutObject(c *s3Call) *s3Error {
	h := c.r.Header
	if c.r.ContentLength < 0 {
		return newError(http.StatusLengthRequired, "MissingContentLength", "You must provide the Content-Length HTTP header.")
	}
	choice, meta, err := c.newObjectHeaders(h)
	if err != nil {
		return err
	}
	algorithm, declared, err := requestedChecksum(h)
	if err != nil {
		return err
	}
	if c.r.ContentLength > c.s.putLimit() { // refused before a byte is read or a key made
		return errEntityTooLarge(c.r.ContentLength, c.s.putLimit())
	}
	nc, err := c.s.newContent(choice, c.scopeFor(c.bucket, c.key), algorithm)
	if err != nil {
		return err
	}
	if err := c.copyBody(nc.sink, c.s.putLimit()); err != nil {
		nc.sink.discard()
		return err
	}
	if err := checkContentMD5(h, nc.sink.md5Sum()); err != nil {
		nc.sink.discard()
		return err
	}
	v := newDataVersion(c.key, 0, h.Get("Content-Type"), c.now())
	v.Headers, v.Meta = representationHeaders(h), meta
	if algorithm != "" {
		v.ChecksumAlgorithm, v.Checksum = algorithm, nc.sink.checksum()
		if declared != "" && declared != v.Checksum {
			nc.sink.discard()
			return errBadChecksum(algorithm)
		}
	}
	if err := nc.finishInto(c.s, v); err != nil {
		return err
	}

	st := c.s.store
	st.mu.Lock()
	b := st.get(c.bucket)
	if b == nil {
		st.mu.Unlock()
		return errNoSuchBucket(c.bucket)
	}
	if err := writePreconditions(h, b.current(c.key), c.key); err != nil {
		st.mu.Unlock()
		return err
	}
	b.putVersion(v, c.s.versionIDs.next)
	versioned := b.announcesWrittenVersion()
	st.mu.Unlock()

	out := c.w.Header()
	out.Set("ETag", v.ETag)
	setWriteSSEHeaders(out, v.SSE, choice)
	if versioned {
		out.Set("x-amz-version-id", v.VersionID)
	}
	if v.ChecksumAlgorithm != "" {
		out.Set(checksumHeader(v.ChecksumAlgorithm), v.Checksum)
		out.Set("x-amz-checksum-type", "FULL_OBJECT")
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// checkPutHeaders refuses what the sandbox does not implement yet (tagging,
// object lock, storage classes, website redirects) rather than silently
// ignoring it, and applies the ACL rule of BucketOwnerEnforced buckets. The
// encryption headers are parseWriteSSE's.
func checkPutHeaders(h http.Header) *s3Error {
	for name := range h {
		ln := strings.ToLower(name)
		switch {
		case ln == "x-amz-tagging", ln == "x-amz-website-redirect-location",
			strings.HasPrefix(ln, "x-amz-object-lock-"):
			return errNotImplementedHeader(ln)
		case strings.HasPrefix(ln, "x-amz-grant-"):
			return errACLNotSupported()
		}
	}
	if sc := h.Get("X-Amz-Storage-Class"); sc != "" && sc != "STANDARD" {
		return errNotImplementedHeader("x-amz-storage-class")
	}
	if acl := h.Get("X-Amz-Acl"); acl != "" && acl != "bucket-owner-full-control" {
		return errACLNotSupported()
	}
	if v := h.Get("If-None-Match"); v != "" && v != "*" {
		return errNotImplementedHeader("If-None-Match")
	}
	return nil
}

// errACLNotSupported is the answer of a BucketOwnerEnforced bucket to an ACL.
func errACLNotSupported() *s3Error {
	return newError(http.StatusBadRequest, "AccessControlListNotSupported", "The bucket does not allow ACLs")
}

// checkContentMD5 verifies an optional Content-MD5 header against the payload digest.
func checkContentMD5(h http.Header, sum []byte) *s3Error {
	values, present := h["Content-Md5"]
	if !present {
		return nil
	}
	// Present but empty is InvalidDigest, not "no digest" (S3's answer).
	header := strings.Join(values, ",")
	want, err := base64.StdEncoding.DecodeString(header)
	if err != nil || len(want) != md5.Size {
		return newError(http.StatusBadRequest, "InvalidDigest", "The Content-MD5 you specified was invalid.").
			with("Content-MD5", header)
	}
	if string(want) != string(sum) {
		return newError(http.StatusBadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.").
			with("ExpectedDigest", header).with("CalculatedDigest", base64.StdEncoding.EncodeToString(sum))
	}
	return nil
}

// writePreconditions applies conditional writes: If-None-Match: * refuses to
// overwrite an existing object, If-Match requires the current ETag.
func writePreconditions(h http.Header, current *objectVersion, key string) *s3Error {
	exists := current != nil && !current.DeleteMarker
	if h.Get("If-None-Match") == "*" && exists {
		return errPreconditionFailed("If-None-Match")
	}
	if m := h.Get("If-Match"); m != "" {
		if !exists {
			return errNoSuchKey(key)
		}
		if !etagListMatches(m, current.ETag) {
			return errPreconditionFailed("If-Match")
		}
	}
	return nil
}
