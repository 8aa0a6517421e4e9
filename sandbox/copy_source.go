package sandbox

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// copySource is a parsed x-amz-copy-source: "[/]bucket/key[?versionId=id]",
// bucket and key URL-encoded.
type copySource struct {
	Bucket, Key string
	VersionID   string
	HasVersion  bool
}

// arn is the source object's ARN, the resource of its s3:GetObject check.
func (s copySource) arn() string { return "arn:aws:s3:::" + s.Bucket + "/" + s.Key }

// parseCopySource reads x-amz-copy-source. The literal "?" separates the
// version; a "?" inside the key arrives encoded.
func parseCopySource(v string) (copySource, *s3Error) {
	path, query, _ := strings.Cut(v, "?")
	decoded, err := url.PathUnescape(strings.TrimPrefix(path, "/"))
	if err != nil {
		return copySource{}, errInvalidArgument("Invalid copy source encoding", "x-amz-copy-source", v)
	}
	bucket, key, _ := strings.Cut(decoded, "/")
	if bucket == "" || key == "" {
		return copySource{}, errInvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
			"x-amz-copy-source", v)
	}
	src := copySource{Bucket: bucket, Key: key}
	if query != "" {
		q, err := url.ParseQuery(query)
		if err != nil || !q.Has("versionId") {
			return copySource{}, errInvalidArgument("Invalid copy source encoding", "x-amz-copy-source", v)
		}
		src.VersionID, src.HasVersion = q.Get("versionId"), true
		if !validVersionID(src.VersionID) {
			return copySource{}, errInvalidVersionID(src.VersionID)
		}
	}
	return src, nil
}

// authorizeCopySource checks that the caller may read the source: the
// identity policy and the source bucket's policy for s3:GetObject (or
// s3:GetObjectVersion when a version is named), as CopyObject requires.
func (c *s3Call) authorizeCopySource(src copySource) *s3Error {
	action := "s3:GetObject"
	if src.HasVersion {
		action = "s3:GetObjectVersion"
	}
	if err := c.s.identityAllows(c.p, action, src.arn()); err != nil {
		return err
	}
	return c.authorizeOn(src.Bucket, action, src.arn())
}

// sourceVersion is a copy source found in the store.
type sourceVersion struct {
	v         *objectVersion
	versioned bool // the source bucket has versioning configured: answer x-amz-copy-source-version-id
	current   bool // it is the current version of its key
	region    string
}

// findCopySource looks the source up: 404 for a missing bucket, key or
// version or a current delete marker, 400 for a delete marker named by id.
func (s *Server) findCopySource(src copySource) (sourceVersion, *s3Error) {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	b := s.store.get(src.Bucket)
	if b == nil {
		return sourceVersion{}, errNoSuchBucket(src.Bucket)
	}
	cur := b.current(src.Key)
	v := cur
	if src.HasVersion {
		if v = b.version(src.Key, src.VersionID); v == nil {
			return sourceVersion{}, errNoSuchVersion(src.Key, src.VersionID)
		}
		if v.DeleteMarker {
			return sourceVersion{}, errInvalidRequest("The source of a copy request may not specifically refer to a delete marker by version id.")
		}
	}
	if v == nil || v.DeleteMarker {
		return sourceVersion{}, errNoSuchKey(src.Key)
	}
	return sourceVersion{v: v, versioned: b.versioned(), current: v == cur, region: b.Region}, nil
}

// checkCopySourceKey applies the SSE-C rules to the source; a wrong key is a
// plain 403 Access Denied (2.6, as LocalStack records it; AWS's text is unverified).
func checkCopySourceKey(v *objectVersion, ck *customerKey) *s3Error {
	err := checkCustomerKeyFor(v, ck)
	if err != nil && err.Status == http.StatusForbidden {
		return errAccessDenied()
	}
	return err
}

// copyPreconditions applies x-amz-copy-source-if-* to the source; every
// failure, including "not modified", is 412 on a copy.
func copyPreconditions(h http.Header, v *objectVersion) *s3Error {
	const p = "X-Amz-Copy-Source-"
	modified := func(since string) (bool, bool) {
		t, err := http.ParseTime(since)
		return err == nil && v.LastModified.Truncate(time.Second).After(t), err == nil
	}
	if m := h.Get(p + "If-Match"); m != "" {
		if !etagListMatches(m, v.ETag) {
			return errPreconditionFailed("x-amz-copy-source-If-Match")
		}
	} else if s := h.Get(p + "If-Unmodified-Since"); s != "" {
		if mod, ok := modified(s); ok && mod {
			return errPreconditionFailed("x-amz-copy-source-If-Unmodified-Since")
		}
	}
	if m := h.Get(p + "If-None-Match"); m != "" {
		if etagListMatches(m, v.ETag) {
			return errPreconditionFailed("x-amz-copy-source-If-None-Match")
		}
	} else if s := h.Get(p + "If-Modified-Since"); s != "" {
		if mod, ok := modified(s); ok && !mod {
			return errPreconditionFailed("x-amz-copy-source-If-Modified-Since")
		}
	}
	return nil
}
