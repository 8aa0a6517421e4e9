package sandbox

import "github.com/s3sec/s3sec/sandbox/bucketconfig"

// fromConfig converts a configuration-document error into an S3 error answer.
func fromConfig(e *bucketconfig.Error) *s3Error {
	out := newError(e.Status, e.Code, e.Message)
	out.Extra = append(out.Extra, e.Extra...)
	return out
}
