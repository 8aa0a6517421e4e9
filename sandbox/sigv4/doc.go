// Package sigv4 verifies AWS Signature Version 4 on requests reaching the
// sandbox, the way Amazon S3, KMS, STS and IAM do: Authorization-header and
// presigned (query-string) authentication, the S3 payload modes named by
// x-amz-content-sha256, and aws-chunked bodies with per-chunk signatures and
// trailing checksums.
//
// The package deliberately does not import the AWS SDK: it is an independent
// implementation, so a test in which the SDK talks to it is a real test.
package sigv4
