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

// handlePutBucketVersioning implements PutBucketVersioning. MfaDelete is
// stored and returned; requiring x-amz-mfa is a later task.
func handlePutBucketVersioning(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	v, cerr := bucketconfig.ParseVersioning(body)
	if cerr != nil {
		return fromConfig(cerr)
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
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
