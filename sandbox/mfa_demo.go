package sandbox

// The root user's virtual MFA device of the demo data (Options.Seed). The
// seed is public and fixed so that demos, tests and the aws CLI can compute
// codes (otp.Code(DemoMFASeed, now)); it protects nothing and must never be
// used for a real device.
const (
	// DemoMFASerial is the serial (device ARN) of the seeded root MFA device
	// in the default account DefaultAccountID; another Options.AccountID
	// changes the account part.
	DemoMFASerial = "arn:aws:iam::" + DefaultAccountID + ":mfa/" + demoMFADeviceName
	// DemoMFASeed is the base32 TOTP secret of that device (64 characters, as
	// IAM issues). DEMO ONLY: it is published in the source code.
	DemoMFASeed = "W2GWYY3AQS5WQOKIXURDVN2XFOVUJAWLRPAGZVLKJAQ6VNWRQVYKNYQF3O5GXT5V"
)

// demoMFADeviceName is the legacy default name of a root user's virtual device.
const demoMFADeviceName = "root-account-mfa-device"
