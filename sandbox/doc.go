// Package sandbox is an in-process fake of AWS for s3sec: Amazon S3 (REST,
// path- or virtual-hosted style), sts:GetCallerIdentity and the IAM virtual
// MFA device actions, with KMS to follow. It aims to be faithful rather than
// convenient: every request is SigV4-verified, errors carry AWS's codes,
// messages and extra elements, and unimplemented features answer 501
// NotImplemented instead of pretending.
//
// A Server listens on two loopback addresses, plain HTTP and HTTPS, with a
// certificate from a CA generated at start (CAFile, CAPEM). Two principals
// exist: the account root and the IAM user "admin". Bucket policies are
// evaluated for their Deny statements, so the TLS-only policy denies plain
// HTTP except the root's policy calls (lock-out protection).
//
// MFA Delete is enforced as S3 does it: x-amz-mfa over HTTPS, from the
// root user only, each code accepted once (mfa_gate.go).
//
// Options.Seed loads the demo buckets listed in DemoBuckets, and gives the
// root user the virtual MFA device DemoMFASerial, whose published demo-only
// seed DemoMFASeed yields valid codes.
package sandbox
