package sandbox

import (
	"net/http"
	"strconv"
)

// maxKeyBytes is S3's limit on an object key: 1,024 bytes of UTF-8.
const maxKeyBytes = 1024

// checkKeyLength refuses to create an object whose key is longer than S3
// allows: 400 KeyTooLongError "Your key is too long" with Size and
// MaxSizeAllowed (the S3 error-code list; element names as LocalStack's
// AWS-validated provider sends them). Only operations that create a key
// check it; a read of such a key finds nothing, like any absent key.
func checkKeyLength(op *operation, key string) *s3Error {
	if op != opPutObject && op != opCopyObject && op != opCreateMultipartUpload || len(key) <= maxKeyBytes {
		return nil
	}
	return newError(http.StatusBadRequest, "KeyTooLongError", "Your key is too long").
		with("Size", strconv.Itoa(len(key))).with("MaxSizeAllowed", strconv.Itoa(maxKeyBytes))
}
