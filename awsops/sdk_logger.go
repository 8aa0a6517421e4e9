package awsops

import (
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/logging"
)

// quietSDKLogger keeps the SDK's own log lines ("SDK 2026/... WARN falling
// back to IMDSv1 ...", checksum notices) off the terminal: by default the
// SDK writes them to stderr, where they would tear through the console's
// screen and clutter report and cp output. Everything the user needs
// reaches them as an error from the call instead.
func quietSDKLogger() func(*config.LoadOptions) error {
	return config.WithLogger(logging.Nop{})
}
