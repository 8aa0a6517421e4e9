package sandbox

import "net/http"

// handleDeleteObject implements DeleteObject: without versionId it removes
// the object or adds a delete marker; with one it removes that version or
// marker permanently (3.4), which on an MFA Delete bucket needs x-amz-mfa (3.3).
func handleDeleteObject(c *s3Call) *s3Error {
	if c.r.Header.Get("If-Match") != "" {
		return errNotImplementedHeader("If-Match")
	}
	vid, hasVID := c.query["versionId"]
	if hasVID && !validVersionID(vid[0]) {
		return errInvalidVersionID(vid[0])
	}
	st := c.s.store
	st.mu.Lock()
	b := st.get(c.bucket)
	if b == nil {
		st.mu.Unlock()
		return errNoSuchBucket(c.bucket)
	}
	if err := c.checkMFA(hasVID && b.mfaDeleteEnabled()); err != nil {
		st.mu.Unlock()
		return err
	}
	var res deleteResult
	if hasVID {
		res = b.deleteVersion(c.key, vid[0])
	} else {
		res = b.deleteCurrent(c.key, c.now(), c.s.versionIDs.next)
	}
	st.mu.Unlock()

	if res.DeleteMarker {
		c.w.Header().Set("x-amz-delete-marker", "true")
	}
	if res.VersionID != "" {
		c.w.Header().Set("x-amz-version-id", res.VersionID)
	}
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}
