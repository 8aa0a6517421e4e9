package views

import "github.com/s3sec/s3sec/awsops"

// explainLoggingError is the one line of what to do about an error of a
// logging change, falling back to that of any configuration change.
func explainLoggingError(err error) string {
	if s := awsops.ExplainLoggingError(err); s != "" {
		return s
	}
	return explainConfigError(err)
}
