// Package otp implements the MFA pieces of S3 MFA Delete: validation of MFA
// serial numbers and codes, the x-amz-mfa request header, RFC 6238 TOTP codes
// (HMAC-SHA1, 6 digits, 30-second steps, as IAM virtual MFA devices use),
// a replay guard, and the otpauth:// enrollment URI rendered as a QR code for
// terminals and as PNG.
//
// It deliberately imports neither the AWS SDK nor any Charm package, so that
// the console, awsops and the sandbox can all share it.
package otp
