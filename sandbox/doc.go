// Package sandbox is an in-process fake of AWS for s3sec: Amazon S3 (REST,
// path- or virtual-hosted style) and sts:GetCallerIdentity, with KMS and IAM
// to follow. It aims to be faithful rather than convenient: every request is
// SigV4-verified, errors carry AWS's codes, messages and extra elements, and
// unimplemented features answer 501 NotImplemented instead of pretending.
//
// A Server listens on two loopback addresses, plain HTTP and HTTPS, with a
// certificate from a CA generated at start (CAFile, CAPEM). Two principals
// exist: the account root and the IAM user "admin". Bucket policies are
// evaluated for their Deny statements, so the TLS-only policy denies plain
// HTTP except the root's policy calls (lock-out protection).
//
// Options.Seed loads the demo buckets listed in DemoBuckets.
package sandbox
