package awsops

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// sseParams are the server-side encryption headers of a write, validated
// once and applied to each request of an upload or copy (S3-BEHAVIOR §2.2).
type sseParams struct {
	sse        types.ServerSideEncryption // "" sends no x-amz-server-side-encryption
	kmsKeyID   string
	kmsContext string // base64 JSON, x-amz-server-side-encryption-context
	bucketKey  *bool
	ssec       *ssecHeaders // customer-provided key
}

// newSSEParams validates a mode and its options. Client-side encryption
// happens before upload, so for S3 it is a SSEDefault write.
func newSSEParams(mode SSEMode, kmsKeyID string, bucketKey *bool, kmsContext map[string]string, ssecKey []byte) (sseParams, error) {
	var p sseParams
	switch mode {
	case SSEDefault, SSEClient, SSES3, SSEKMS, DSSEKMS, SSEC:
	default:
		return p, fmt.Errorf("unknown encryption mode %q", mode)
	}
	if !mode.usesKMS() {
		if kmsKeyID != "" && mode == SSEClient {
			return p, errors.New("client-side encryption takes its KMS key in the keyring (Session.KMSKeyring), not as KMSKeyID")
		}
		if kmsKeyID != "" {
			return p, fmt.Errorf("a KMS key id only applies to SSE-KMS and DSSE-KMS, not %s", modeName(mode))
		}
		if bucketKey != nil && *bucketKey {
			return p, fmt.Errorf("an S3 Bucket Key only applies to SSE-KMS, not %s", modeName(mode))
		}
		if len(kmsContext) > 0 {
			return p, fmt.Errorf("a KMS encryption context only applies to SSE-KMS and DSSE-KMS, not %s", modeName(mode))
		}
	}
	if mode == DSSEKMS && bucketKey != nil && *bucketKey {
		return p, errors.New("DSSE-KMS does not support S3 Bucket Keys")
	}
	if mode != SSEC && ssecKey != nil {
		return p, fmt.Errorf("an SSE-C key was given but the mode is %s", modeName(mode))
	}
	p.sse = mode.serverSide()
	if mode.usesKMS() {
		p.kmsKeyID, p.bucketKey = kmsKeyID, bucketKey
		if len(kmsContext) > 0 {
			js, err := json.Marshal(kmsContext)
			if err != nil {
				return p, err
			}
			p.kmsContext = base64.StdEncoding.EncodeToString(js)
		}
	}
	if mode == SSEC {
		h, err := newSSECHeaders(ssecKey)
		if err != nil {
			return p, err
		}
		p.ssec = &h
	}
	return p, nil
}

// modeName names a mode in messages.
func modeName(m SSEMode) string {
	if m == SSEDefault {
		return "the bucket default"
	}
	return string(m)
}

// optString returns nil for "", so an empty value sends no header.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// putObject sets the headers on a PutObject.
func (p sseParams) putObject(in *s3.PutObjectInput) {
	in.ServerSideEncryption, in.SSEKMSKeyId, in.SSEKMSEncryptionContext, in.BucketKeyEnabled = p.sse, optString(p.kmsKeyID), optString(p.kmsContext), p.bucketKey
	if p.ssec != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = &p.ssec.algorithm, &p.ssec.key, &p.ssec.keyMD5
	}
}

// createMultipart sets the headers on a CreateMultipartUpload.
func (p sseParams) createMultipart(in *s3.CreateMultipartUploadInput) {
	in.ServerSideEncryption, in.SSEKMSKeyId, in.SSEKMSEncryptionContext, in.BucketKeyEnabled = p.sse, optString(p.kmsKeyID), optString(p.kmsContext), p.bucketKey
	if p.ssec != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = &p.ssec.algorithm, &p.ssec.key, &p.ssec.keyMD5
	}
}

// uploadPart sets the SSE-C headers every part of an SSE-C upload needs.
func (p sseParams) uploadPart(in *s3.UploadPartInput) {
	if p.ssec != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = &p.ssec.algorithm, &p.ssec.key, &p.ssec.keyMD5
	}
}

// completeMultipart sets the SSE-C headers CompleteMultipartUpload needs
// when the upload carries checksums (S3-BEHAVIOR §2.2).
func (p sseParams) completeMultipart(in *s3.CompleteMultipartUploadInput) {
	if p.ssec != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = &p.ssec.algorithm, &p.ssec.key, &p.ssec.keyMD5
	}
}

// copyObject sets the destination headers on a CopyObject.
func (p sseParams) copyObject(in *s3.CopyObjectInput) {
	in.ServerSideEncryption, in.SSEKMSKeyId, in.SSEKMSEncryptionContext, in.BucketKeyEnabled = p.sse, optString(p.kmsKeyID), optString(p.kmsContext), p.bucketKey
	if p.ssec != nil {
		in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = &p.ssec.algorithm, &p.ssec.key, &p.ssec.keyMD5
	}
}
