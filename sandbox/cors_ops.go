package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// handleGetBucketCors implements GetBucketCors: the stored rules exactly as sent.
func handleGetBucketCors(c *s3Call) *s3Error {
	var doc []byte
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		if b.config.cors == nil {
			return newError(http.StatusNotFound, "NoSuchCORSConfiguration",
				"The CORS configuration does not exist").with("BucketName", c.bucket)
		}
		doc = b.config.cors.XML()
		return nil
	}); err != nil {
		return err
	}
	writeXMLDocument(c.w, http.StatusOK, doc)
	return nil
}

// handlePutBucketCors implements PutBucketCors: validates and replaces the rules.
func handlePutBucketCors(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	cors, cerr := bucketconfig.ParseCORS(body)
	if cerr != nil {
		return fromConfig(cerr)
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		b.config.cors = &cors
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// handleDeleteBucketCors implements DeleteBucketCors (204, also when none is set).
func handleDeleteBucketCors(c *s3Call) *s3Error {
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		b.config.cors = nil
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}
