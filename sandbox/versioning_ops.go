package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// handleGetBucketVersioning implements GetBucketVersioning: a bare root
// element until versioning or MFA Delete was ever configured.
func handleGetBucketVersioning(c *s3Call) *s3Error {
	var v bucketconfig.Versioning
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		v = bucketconfig.Versioning{Status: b.Versioning, MFADelete: b.MFADelete}
		return nil
	}); err != nil {
		return err
	}
	writeXMLDocument(c.w, http.StatusOK, v.XML())
	return nil
}

// handlePutBucketVersioning implements PutBucketVersioning. Changing
// MfaDelete, or Status on an MFA Delete bucket, needs the root user's MFA
// (3.3); MFA Delete and lifecycle rules exclude each other (3.5).
func handlePutBucketVersioning(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	v, cerr := bucketconfig.ParseVersioning(body)
	if cerr != nil {
		return fromConfig(cerr)
	}
	v = c.s.laxVersioning(v)
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		if err := c.checkMFA(versioningNeedsMFA(b, v)); err != nil {
			return err
		}
		if err := mfaDeleteConflict(b, v); err != nil {
			return err
		}
		applyVersioning(b, v)
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// applyVersioning stores the elements a versioning document carries.
func applyVersioning(b *bucket, v bucketconfig.Versioning) {
	if v.Status != "" {
		b.Versioning = v.Status
	}
	if v.MFADelete != "" {
		b.MFADelete = v.MFADelete
	}
}
