package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// handleGetBucketLogging implements GetBucketLogging: an empty
// BucketLoggingStatus when logging is off.
func handleGetBucketLogging(c *s3Call) *s3Error {
	var doc []byte
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		doc = b.config.logging.XML()
		return nil
	}); err != nil {
		return err
	}
	writeXMLDocument(c.w, http.StatusOK, doc)
	return nil
}

// handlePutBucketLogging implements PutBucketLogging with the
// configuration-time checks of 4.2; delivery permissions are not checked.
func handlePutBucketLogging(c *s3Call) *s3Error {
	body, err := c.readConfigBody()
	if err != nil {
		return err
	}
	l, cerr := bucketconfig.ParseLogging(body)
	if cerr != nil {
		return fromConfig(cerr)
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		return c.s.setLogging(b, l)
	}); err != nil {
		return err
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// setLogging validates the target against the store and stores the
// configuration; the caller holds the store lock exclusively. A bucket may
// log to itself (AWS allows the loop).
func (s *Server) setLogging(b *bucket, l bucketconfig.Logging) *s3Error {
	if !l.Enabled {
		b.config.logging = l
		return nil
	}
	target := s.store.get(l.TargetBucket)
	if target == nil {
		return newError(http.StatusBadRequest, "InvalidTargetBucketForLogging",
			"The target bucket for logging does not exist").with("TargetBucket", l.TargetBucket)
	}
	// Every sandbox bucket belongs to the one account, so the "same owner"
	// rule always holds here.
	if target.Region != b.Region {
		e := newError(http.StatusForbidden, "CrossLocationLoggingProhibitted",
			"Cross S3 location logging not allowed. ").with("TargetBucketLocation", target.Region)
		if b.Region != usEast1 {
			e.with("SourceBucketLocation", b.Region)
		}
		return e
	}
	if len(l.Grants) > 0 && target.ObjectOwnership == "BucketOwnerEnforced" {
		return newError(http.StatusBadRequest, "AccessControlListNotSupported",
			"Target grants not allowed for bucket owner enforced buckets").with("TargetBucket", l.TargetBucket)
	}
	b.config.logging = l
	return nil
}
