// Package kms is the sandbox's AWS Key Management Service: symmetric keys,
// aliases, the lazily created AWS-managed alias/aws/s3 key, envelope
// encryption with the encryption context bound as AES-GCM associated data,
// and a per-account, per-Region quota shared by the cryptographic operations.
//
// It speaks AWS JSON 1.1 (X-Amz-Target: TrentService.<Operation>) through
// Service.Handle, after the sandbox has verified the SigV4 signature, and
// offers the same operations as Go methods for S3's server-side encryption,
// which count against the same quota.
package kms
