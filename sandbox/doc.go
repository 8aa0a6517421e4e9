// Package sandbox is an in-process fake of AWS for s3sec: Amazon S3 (REST,
// path- or virtual-hosted style), sts:GetCallerIdentity, the IAM virtual
// MFA device actions and KMS (package kms). It aims to be faithful rather than
// convenient: every request is SigV4-verified, errors carry AWS's codes,
// messages and extra elements, and unimplemented features answer 501
// NotImplemented instead of pretending.
//
// A Server listens on two loopback addresses, plain HTTP and HTTPS, with a
// certificate from a CA generated at start (CAFile, CAPEM). Two principals
// exist: the account root and the IAM user "admin"; unsigned requests are
// anonymous. Bucket policies are evaluated with AWS's logic (package
// policy, policy_check.go), so the TLS-only policy denies plain HTTP except
// the root's policy calls (lock-out protection), and anonymous callers get
// in only through a public Allow that Block Public Access permits.
//
// MFA Delete is enforced as S3 does it: x-amz-mfa over HTTPS, from the
// root user only, each code accepted once (mfa_gate.go).
//
// Objects are encrypted at rest per their mode (sse_*.go): SSE-S3 under a
// per-object key wrapped by a process-local master key; SSE-KMS and DSSE-KMS
// through the sandbox KMS, optionally via a cached S3 Bucket Key (KMSCalls
// counts the difference); SSE-C under the caller's key, of which only a
// salted HMAC is kept. Multipart parts are stored encrypted and become the
// object's segments on completion (multipart_*.go); CopyObject decrypts and
// re-encrypts (copy_*.go).
//
// Options.Seed loads the demo buckets listed in DemoBuckets, and gives the
// root user the virtual MFA device DemoMFASerial, whose published demo-only
// seed DemoMFASeed yields valid codes.
package sandbox
