package cmd

import (
	"errors"
	"fmt"
	"io"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
)

// uploadCheckOutcome ends an upload by what reading the object back found
// (awsops.UploadResult.EncryptionCheck): an object stored without the
// encryption asked for fails the command (exit 1) although it was written,
// so that scripts notice; a read-back that could not tell is a warning.
func uploadCheckOutcome(c *awsops.CheckResult, stderr io.Writer) error {
	if c == nil {
		return nil
	}
	switch c.Outcome {
	case awsops.CheckFailed:
		return errors.New("the object was uploaded, but " + termsafe.String(c.Detail))
	case awsops.CheckInconclusive:
		fmt.Fprintln(stderr, "warning: the object's encryption could not be read back: "+termsafe.String(c.Detail))
	}
	return nil
}
