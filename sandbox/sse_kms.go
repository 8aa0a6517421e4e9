package sandbox

import (
	"errors"
	"net/http"

	"github.com/s3sec/s3sec/sandbox/kms"
)

// kmsClient is the part of the sandbox KMS that S3 calls on the caller's
// behalf; the calls count against the same quota as the KMS API's (2.5, 2.7).
type kmsClient interface {
	GenerateDataKey(region, keyID string, encCtx map[string]string) (plaintext, blob []byte, keyARN string, err error)
	Decrypt(region string, blob []byte, encCtx map[string]string) (plaintext []byte, keyARN string, err error)
	ResolveKey(region, keyID string) (keyARN string, err error)
}

// kmsClient returns the KMS that S3 encrypts with, or nil when the sandbox has none.
func (s *Server) kmsClient() kmsClient {
	if s.kms == nil {
		return nil
	}
	return s.kms
}

// kmsError maps a KMS failure to what S3 answers (2.4): throttling becomes
// 503 SlowDown, a denied key AccessDenied, anything else KMS.<Exception>
// with the KMS message.
func kmsError(err error) *s3Error {
	var ke *kms.Error
	if !errors.As(err, &ke) {
		return errInternal(err)
	}
	switch ke.Type {
	case kms.ErrThrottling:
		return newError(http.StatusServiceUnavailable, "SlowDown",
			"Please reduce your request rate for operations involving AWS KMS.")
	case kms.ErrAccessDenied:
		return errAccessDenied()
	}
	return newError(http.StatusBadRequest, "KMS."+ke.Type, ke.Message)
}

// errKMSUnavailable answers a KMS-backed request when the sandbox runs without KMS.
func errKMSUnavailable() *s3Error {
	return errNotImplementedHeader("x-amz-server-side-encryption")
}
