package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// sseMode is how an object's content is encrypted at rest.
type sseMode int

// The four server-side encryption modes of 2.2.
const (
	modeS3   sseMode = iota // SSE-S3: a data key wrapped by the sandbox master key
	modeKMS                 // SSE-KMS: a data key from the sandbox KMS (or derived from a bucket key)
	modeDSSE                // DSSE-KMS: two layers under keys from one KMS data key
	modeSSEC                // SSE-C: a key derived from the caller's key
)

// The values of x-amz-server-side-encryption.
const (
	algAES256 = "AES256"
	algKMS    = "aws:kms"
	algDSSE   = "aws:kms:dsse"
)

// sseRequest is what the SSE headers of a write (PutObject, CopyObject
// destination, CreateMultipartUpload) ask for, before the bucket default applies.
type sseRequest struct {
	Algorithm     string            // x-amz-server-side-encryption: "", AES256, aws:kms, aws:kms:dsse
	KMSKeyID      string            // x-amz-server-side-encryption-aws-kms-key-id
	Context       map[string]string // decoded x-amz-server-side-encryption-context
	ContextHeader string            // that header as sent, echoed in the write's response
	BucketKey     *bool             // x-amz-server-side-encryption-bucket-key-enabled; nil when absent
	Customer      *customerKey      // SSE-C key; nil without SSE-C headers
}

// specified reports whether the request names any encryption attribute (an
// in-place copy that does is a legal re-encryption).
func (r sseRequest) specified() bool {
	return r.Algorithm != "" || r.KMSKeyID != "" || r.ContextHeader != "" || r.BucketKey != nil || r.Customer != nil
}

// parseWriteSSE reads and validates the SSE headers of a write. SSE-C is
// checked in the order of 2.6: TLS, incompatible with SSE, then the key headers.
func parseWriteSSE(h http.Header, secure bool) (sseRequest, *s3Error) {
	var r sseRequest
	r.Algorithm = h.Get("X-Amz-Server-Side-Encryption")
	if requestCustomerHeaders.present(h) {
		if err := requireSecureSSEC(secure); err != nil {
			return r, err
		}
		if r.Algorithm != "" {
			return r, errSSECArgument("Server Side Encryption with Customer provided key is incompatible with the encryption method specified").
				with("ArgumentValue", r.Algorithm)
		}
		ck, err := parseCustomerKey(h, requestCustomerHeaders, true)
		if err != nil {
			return r, err
		}
		r.Customer = ck
	}
	switch r.Algorithm {
	case "", algAES256, algKMS, algDSSE:
	default:
		return r, errInvalidArgument("The encryption method specified is not supported", "x-amz-server-side-encryption", r.Algorithm)
	}
	r.KMSKeyID = h.Get("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id")
	r.ContextHeader = h.Get("X-Amz-Server-Side-Encryption-Context")
	kms := r.Algorithm == algKMS || r.Algorithm == algDSSE
	if (r.KMSKeyID != "" || r.ContextHeader != "") && !kms {
		value := r.Algorithm
		if value == "" {
			value = "null"
		}
		return r, errInvalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
			"x-amz-server-side-encryption", value)
	}
	if r.ContextHeader != "" {
		ctx, ok := decodeEncryptionContext(r.ContextHeader)
		if !ok {
			return r, errInvalidArgument("The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map",
				"x-amz-server-side-encryption-context", r.ContextHeader)
		}
		r.Context = ctx
	}
	if v := h.Get("X-Amz-Server-Side-Encryption-Bucket-Key-Enabled"); v != "" {
		b := strings.EqualFold(v, "true")
		r.BucketKey = &b
	}
	return r, nil
}

// decodeEncryptionContext decodes x-amz-server-side-encryption-context:
// base64 of a UTF-8 JSON object of strings.
func decodeEncryptionContext(v string) (map[string]string, bool) {
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil || !utf8.Valid(raw) {
		return nil, false
	}
	var ctx map[string]string
	if err := json.Unmarshal(raw, &ctx); err != nil || ctx == nil {
		return nil, false
	}
	return ctx, true
}

// sseChoice is the encryption a new object or upload gets: the request's
// headers, or the bucket default where they are silent.
type sseChoice struct {
	Mode          sseMode
	KMSKeyID      string            // key id, ARN or alias as given; "" means alias/aws/s3
	Context       map[string]string // the caller's encryption-context pairs
	ContextHeader string            // echoed in the write's response
	BucketKey     bool              // SSE-KMS through an S3 Bucket Key
	Customer      *customerKey
}

// awsManagedS3Key is the key S3 uses for SSE-KMS when none is named (2.4).
const awsManagedS3Key = "alias/aws/s3"

// chooseSSE applies the bucket's default encryption to a request (2.1, 2.4):
// without an SSE header the default algorithm and key apply; aws:kms without
// a key id means the AWS-managed key; an explicit bucket-key header overrides
// the default's BucketKeyEnabled; bucket keys exist only for SSE-KMS.
func chooseSSE(r sseRequest, rule bucketconfig.EncryptionRule) sseChoice {
	ch := sseChoice{Context: r.Context, ContextHeader: r.ContextHeader, Customer: r.Customer}
	if r.Customer != nil {
		ch.Mode = modeSSEC
		return ch
	}
	alg, keyID := r.Algorithm, r.KMSKeyID
	if alg == "" {
		alg = rule.Algorithm
		if alg == algKMS || alg == algDSSE {
			keyID = rule.KMSMasterKeyID
		}
	}
	switch alg {
	case algKMS:
		ch.Mode, ch.KMSKeyID = modeKMS, keyID
		ch.BucketKey = rule.BucketKeyEnabled
		if r.BucketKey != nil {
			ch.BucketKey = *r.BucketKey
		}
	case algDSSE:
		ch.Mode, ch.KMSKeyID = modeDSSE, keyID
	default:
		ch.Mode = modeS3
	}
	if ch.KMSKeyID == "" && ch.Mode != modeS3 {
		ch.KMSKeyID = awsManagedS3Key
	}
	return ch
}

// blocksSSEC reports whether a bucket's encryption rule blocks SSE-C writes.
func blocksSSEC(rule bucketconfig.EncryptionRule) bool {
	return slices.Contains(rule.BlockedEncryptionTypes, "SSE-C")
}

// chooseWriteSSE resolves a write's encryption against the bucket it goes to
// and applies the SSE-C block of the bucket's encryption rule (2.6).
func (c *s3Call) chooseWriteSSE(r sseRequest) (sseChoice, *s3Error) {
	var rule bucketconfig.EncryptionRule
	if err := c.withBucket(false, func(b *bucket) *s3Error {
		rule = b.config.encryption
		return nil
	}); err != nil {
		return sseChoice{}, err
	}
	if r.Customer != nil && blocksSSEC(rule) {
		return sseChoice{}, errSSECBlocked(c.p, "s3:PutObject", "arn:aws:s3:::"+c.bucket+"/"+c.key)
	}
	return chooseSSE(r, rule), nil
}

// parseReadSSE reads the SSE-C headers of a GET or HEAD. Plain SSE headers
// are invalid on reads (2.2).
func parseReadSSE(h http.Header, secure bool) (*customerKey, *s3Error) {
	if v := h.Get("X-Amz-Server-Side-Encryption"); v != "" {
		return nil, errInvalidArgument("x-amz-server-side-encryption header is not supported for this operation.",
			"x-amz-server-side-encryption", v)
	}
	return parseReadCustomerKey(h, requestCustomerHeaders, secure)
}

// parseReadCustomerKey checks transport and format of SSE-C headers that
// unlock an existing object (GET, HEAD, copy source).
func parseReadCustomerKey(h http.Header, n customerHeaderNames, secure bool) (*customerKey, *s3Error) {
	if !n.present(h) {
		return nil, nil
	}
	if err := requireSecureSSEC(secure); err != nil {
		return nil, err
	}
	return parseCustomerKey(h, n, false)
}
