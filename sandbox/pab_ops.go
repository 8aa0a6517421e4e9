package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// handleGetPublicAccessBlock implements GetPublicAccessBlock (1.8).
func handleGetPublicAccessBlock(c *s3Call) *s3Error {
	var doc []byte
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		if b.config.pab == nil {
			return newError(http.StatusNotFound, "NoSuchPublicAccessBlockConfiguration",
				"The public access block configuration was not found").with("BucketName", c.bucket)
		}
		doc = b.config.pab.XML()
		return nil
	}); err != nil {
		return err
	}
	writeXMLDocument(c.w, http.StatusOK, doc)
	return nil
}

// handlePutPublicAccessBlock implements PutPublicAccessBlock.
func handlePutPublicAccessBlock(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	pab, cerr := bucketconfig.ParsePublicAccessBlock(body)
	if cerr != nil {
		return fromConfig(cerr)
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		b.config.pab = &pab
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// handleDeletePublicAccessBlock implements DeletePublicAccessBlock (204, idempotent).
func handleDeletePublicAccessBlock(c *s3Call) *s3Error {
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		b.config.pab = nil
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}
