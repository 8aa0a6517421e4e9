package awsops

import "strings"

// mfaCodePlaceholder stands for the MFA code in CLI equivalents: the code is
// valid for 30 seconds and must never be written into a plan.
const mfaCodePlaceholder = "CODE"

// mfaSerialPlaceholder stands for the device serial when the plan was built
// without one.
const mfaSerialPlaceholder = "SERIAL"

// mfaCLIFlag is the --mfa argument of a CLI equivalent: the serial (or a
// placeholder) and the code placeholder, e.g. --mfa 'arn:...:mfa/root CODE'.
func mfaCLIFlag(serial string) string {
	if serial == "" {
		serial = mfaSerialPlaceholder
	}
	return "--mfa " + shellArg(serial+" "+mfaCodePlaceholder)
}

// mfaParam is the redacted x-amz-mfa line of a plan preview.
func mfaParam(serial string) string {
	if serial == "" {
		serial = mfaSerialPlaceholder
	}
	return "MFA=" + serial + " ******"
}

// cliOpt renders "--name value" with the value quoted by shellArg
// (encryption_plan.go). A value starting with '-' is attached with '='
// because the aws CLI would otherwise read it as an option.
func cliOpt(name, value string) string {
	if strings.HasPrefix(value, "-") {
		return shellArg("--" + name + "=" + value)
	}
	return "--" + name + " " + shellArg(value)
}
