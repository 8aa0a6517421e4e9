package views

import (
	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
	"github.com/s3sec/s3sec/ui"
)

// uploadReadsBack reports whether an upload in mode is read back with
// HeadObject (awsops.UploadResult.EncryptionCheck): every server-side mode.
func uploadReadsBack(mode awsops.SSEMode) bool {
	switch mode {
	case awsops.SSES3, awsops.SSEKMS, awsops.DSSEKMS, awsops.SSEC:
		return true
	}
	return false
}

// uploadCheckStatus is the status of a finished upload: an object the
// endpoint stored unencrypted although encryption was asked for is an
// error, never "Uploaded"; a read-back that could not tell is a warning.
func uploadCheckStatus(success, key string, c *awsops.CheckResult) (ui.Level, string) {
	if c == nil {
		return ui.LevelSuccess, success
	}
	name := termsafe.String(key)
	switch c.Outcome {
	case awsops.CheckFailed:
		return ui.LevelError, "Uploaded " + name + ", but " + termsafe.String(c.Detail)
	case awsops.CheckInconclusive:
		return ui.LevelWarn, success + " Its encryption could not be read back: " + termsafe.String(c.Detail)
	}
	return ui.LevelSuccess, success
}
