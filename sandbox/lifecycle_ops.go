package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// handleGetBucketLifecycle implements GetBucketLifecycleConfiguration (stored rules only; nothing expires yet).
func handleGetBucketLifecycle(c *s3Call) *s3Error {
	var doc []byte
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		if b.config.lifecycle == nil {
			return newError(http.StatusNotFound, "NoSuchLifecycleConfiguration",
				"The lifecycle configuration does not exist").with("BucketName", c.bucket)
		}
		doc = b.config.lifecycle.XML()
		return nil
	}); err != nil {
		return err
	}
	c.w.Header().Set("x-amz-transition-default-minimum-object-size", "all_storage_classes_128K")
	writeXMLDocument(c.w, http.StatusOK, doc)
	return nil
}

// handlePutBucketLifecycle implements PutBucketLifecycleConfiguration.
func handlePutBucketLifecycle(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	lc, cerr := bucketconfig.ParseLifecycle(body)
	if cerr != nil {
		return fromConfig(cerr)
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		if b.mfaDeleteEnabled() {
			return errLifecycleWithMFADelete() // 3.5
		}
		b.config.lifecycle = &lc
		return nil
	}); err != nil {
		return err
	}
	c.w.Header().Set("x-amz-transition-default-minimum-object-size", "all_storage_classes_128K")
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// handleDeleteBucketLifecycle implements DeleteBucketLifecycle (204, idempotent).
func handleDeleteBucketLifecycle(c *s3Call) *s3Error {
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		b.config.lifecycle = nil
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}
