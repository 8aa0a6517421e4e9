package awsops

// Statement is one bucket policy statement as the console writes it. The
// field order is the order S3 itself normalises to, so a written statement
// reads the same after a round trip.
type Statement struct {
	Sid       string                    `json:"Sid"`
	Effect    string                    `json:"Effect"`
	Principal any                       `json:"Principal"`
	Action    any                       `json:"Action"`
	Resource  any                       `json:"Resource"`
	Condition map[string]map[string]any `json:"Condition,omitempty"`
}

// Stable Sids of the statements the console manages: merging by Sid is what
// makes applying a fix twice harmless.
const (
	SidDenyInsecureTransport = "s3sec-DenyInsecureTransport"
	SidDenyOldTLS            = "s3sec-DenyOldTLS"
	SidDenyUnencryptedUpload = "s3sec-DenyUnencryptedUploads"
	SidAllowLogDelivery      = "s3sec-AllowLogDelivery"
)

// bucketARN and objectsARN name a bucket and all its objects (aws partition).
func bucketARN(bucket string) string  { return "arn:aws:s3:::" + bucket }
func objectsARN(bucket string) string { return "arn:aws:s3:::" + bucket + "/*" }

// TLSOnlyStatement denies every request made without TLS, to the bucket
// and to its objects, for everyone (S3-BEHAVIOR §6.2). Both resources are
// needed: without the bucket ARN, bucket-level calls over HTTP stay allowed.
func TLSOnlyStatement(bucket string) Statement {
	return Statement{
		Sid: SidDenyInsecureTransport, Effect: "Deny", Principal: "*", Action: "s3:*",
		Resource:  []string{bucketARN(bucket), objectsARN(bucket)},
		Condition: map[string]map[string]any{"Bool": {"aws:SecureTransport": "false"}},
	}
}

// MinTLSStatement denies requests over a TLS version below minVersion
// (e.g. "1.2"). It adds to TLSOnlyStatement and does not replace it: a
// plain-HTTP request has no TLS version, so this statement alone does not
// deny it.
func MinTLSStatement(bucket, minVersion string) Statement {
	return Statement{
		Sid: SidDenyOldTLS, Effect: "Deny", Principal: "*", Action: "s3:*",
		Resource:  []string{bucketARN(bucket), objectsARN(bucket)},
		Condition: map[string]map[string]any{"NumericLessThan": {"s3:TlsVersion": minVersion}},
	}
}

// DenyUnencryptedUploadsStatement denies PutObject requests that carry no
// x-amz-server-side-encryption header (S3-BEHAVIOR §6.3).
//
// Caveats, to be shown to the user before applying it:
//   - the condition looks at the request header, not at the encryption the
//     object finally gets: since default bucket encryption exists, every
//     object is encrypted anyway, yet an upload without the header is denied
//     (403), which breaks clients that rely on the bucket default;
//   - uploads with SSE-C (customer keys) send a different header and are
//     denied too;
//   - multipart uploads carry the header only on CreateMultipartUpload, and
//     CopyObject is judged by the destination's headers.
//
// Default encryption (PutBucketEncryption) is usually the better fix; this
// statement is for accounts whose auditors ask for it.
func DenyUnencryptedUploadsStatement(bucket string) Statement {
	return Statement{
		Sid: SidDenyUnencryptedUpload, Effect: "Deny", Principal: "*", Action: "s3:PutObject",
		Resource:  objectsARN(bucket),
		Condition: map[string]map[string]any{"Null": {"s3:x-amz-server-side-encryption": "true"}},
	}
}

// LogDeliveryStatement lets the S3 logging service write access logs for
// the source bucket into target under prefix. The SourceArn and
// SourceAccount conditions keep other buckets (and other accounts) from
// using the grant to write into the target.
func LogDeliveryStatement(target, prefix, sourceBucketARN, sourceAccount string) Statement {
	return Statement{
		Sid: SidAllowLogDelivery, Effect: "Allow",
		Principal: map[string]any{"Service": "logging.s3.amazonaws.com"},
		Action:    "s3:PutObject",
		Resource:  "arn:aws:s3:::" + target + "/" + prefix + "*",
		Condition: map[string]map[string]any{
			"ArnLike":      {"aws:SourceArn": sourceBucketARN},
			"StringEquals": {"aws:SourceAccount": sourceAccount},
		},
	}
}
