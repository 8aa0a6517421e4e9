package sandbox

import "net/http"

// handleAbortMultipartUpload implements AbortMultipartUpload: the upload and
// every part received are dropped at once (204); nothing of it remains.
func handleAbortMultipartUpload(c *s3Call) *s3Error {
	id := c.query.Get("uploadId")
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		if b.upload(id, c.key) == nil {
			return errNoSuchUpload(id)
		}
		delete(b.uploads, id)
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}
