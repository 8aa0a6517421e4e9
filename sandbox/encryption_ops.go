package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// handleGetBucketEncryption implements GetBucketEncryption; it never 404s (2.1).
func handleGetBucketEncryption(c *s3Call) *s3Error {
	var doc []byte
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		doc = b.config.encryption.XML()
		return nil
	}); err != nil {
		return err
	}
	writeXMLDocument(c.w, http.StatusOK, doc)
	return nil
}

// handlePutBucketEncryption implements PutBucketEncryption. A rule without
// BlockedEncryptionTypes keeps the bucket's current block list, as observed on AWS.
func handlePutBucketEncryption(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	rule, cerr := bucketconfig.ParseEncryption(body)
	if cerr != nil {
		return fromConfig(cerr)
	}
	if rule.Algorithm == "" {
		rule.Algorithm = "AES256" // SSE-S3 is the base encryption of every bucket
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		setEncryption(b, rule)
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// setEncryption stores a default-encryption rule, keeping the block list when the rule has none.
func setEncryption(b *bucket, rule bucketconfig.EncryptionRule) {
	if rule.BlockedEncryptionTypes == nil {
		rule.BlockedEncryptionTypes = b.config.encryption.BlockedEncryptionTypes
	}
	b.config.encryption = rule
}

// handleDeleteBucketEncryption implements DeleteBucketEncryption: back to
// SSE-S3, keeping the SSE-C block list (204, idempotent).
func handleDeleteBucketEncryption(c *s3Call) *s3Error {
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		rule := bucketconfig.DefaultEncryption()
		rule.BlockedEncryptionTypes = b.config.encryption.BlockedEncryptionTypes
		b.config.encryption = rule
		return nil
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusNoContent)
	return nil
}
