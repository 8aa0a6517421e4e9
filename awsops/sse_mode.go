package awsops

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// SSEMode is how an object is (or is to be) encrypted at rest.
type SSEMode string

// Object encryption modes. SSEDefault sends no encryption header, so the
// bucket's default encryption applies.
const (
	SSEDefault SSEMode = ""         // no header: the bucket default applies (uploads only)
	SSENone    SSEMode = "none"     // HEAD reported no encryption (pre-2023 objects, emulators)
	SSES3      SSEMode = "SSE-S3"   // AES256, keys held by S3
	SSEKMS     SSEMode = "SSE-KMS"  // aws:kms
	DSSEKMS    SSEMode = "DSSE-KMS" // aws:kms:dsse, two layers
	SSEC       SSEMode = "SSE-C"    // customer-provided key, sent with every request
	SSEClient  SSEMode = "client"   // S3 Encryption Client envelope, encrypted before upload
)

// ParseSSEMode accepts the mode names and the aws CLI's --sse values:
// AES256, aws:kms, aws:kms:dsse, sse-c (or SSE-C) and client.
func ParseSSEMode(s string) (SSEMode, error) {
	switch strings.ToLower(s) {
	case "aes256", "sse-s3":
		return SSES3, nil
	case "aws:kms", "sse-kms":
		return SSEKMS, nil
	case "aws:kms:dsse", "dsse-kms":
		return DSSEKMS, nil
	case "sse-c":
		return SSEC, nil
	case "client", "client-side", "s3ec":
		return SSEClient, nil
	case "", "default":
		return SSEDefault, nil
	}
	return "", fmt.Errorf("unknown encryption mode %q: use AES256, aws:kms, aws:kms:dsse, sse-c or client", s)
}

// usesKMS reports whether S3 calls KMS for objects in this mode.
func (m SSEMode) usesKMS() bool { return m == SSEKMS || m == DSSEKMS }

// serverSide returns the x-amz-server-side-encryption value of a mode, or "".
func (m SSEMode) serverSide() types.ServerSideEncryption {
	switch m {
	case SSES3:
		return types.ServerSideEncryptionAes256
	case SSEKMS:
		return types.ServerSideEncryptionAwsKms
	case DSSEKMS:
		return types.ServerSideEncryptionAwsKmsDsse
	}
	return ""
}

// modeOfHeader maps a response's x-amz-server-side-encryption value to a mode.
func modeOfHeader(sse types.ServerSideEncryption) SSEMode {
	switch sse {
	case types.ServerSideEncryptionAes256:
		return SSES3
	case types.ServerSideEncryptionAwsKms:
		return SSEKMS
	case types.ServerSideEncryptionAwsKmsDsse:
		return DSSEKMS
	case "":
		return SSENone
	}
	return SSEMode(sse)
}
