package awsops

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// ObjectEncryptionChoice is the new encryption of objects re-encrypted in place.
type ObjectEncryptionChoice struct {
	// Mode is SSES3, SSEKMS, DSSEKMS or SSEC; SSEDefault applies the bucket's
	// current default rule (sent explicitly, because S3 refuses an in-place
	// copy that changes nothing).
	Mode      SSEMode
	KMSKeyID  string // SSE-KMS / DSSE-KMS key; "" means aws/s3
	BucketKey *bool  // SSE-KMS: bucket key for the new copies; nil leaves it to the bucket
	SSECKey   []byte // SSE-C: the new key (32 bytes)

	// SourceSSECKey is the current key of SSE-C source objects (32 bytes).
	SourceSSECKey []byte
	// SourceSSECKeys are the current keys of SSE-C objects written with
	// different keys, per object (MatchSSECKey finds which is whose); an
	// object listed here uses its own, the others SourceSSECKey if any.
	SourceSSECKeys map[ObjectRef][]byte
}

// sseCustomerKeyPlaceholder and sourceKeyPlaceholder stand for key files in
// CLI equivalents: the aws CLI reads keys with fileb://, so no key is ever
// written into a plan.
const (
	sseCustomerKeyPlaceholder = "fileb://SSE-C-KEY-FILE"
	sourceKeyPlaceholder      = "fileb://SOURCE-SSE-C-KEY-FILE"
)

// ReencryptPlan builds a plan that re-encrypts objects in place: one
// CopyObject per object onto itself, metadata copied (MetadataDirective
// COPY, which also keeps an S3 Encryption Client envelope intact), with the
// new encryption headers; Apply reports progress per object. A choice that
// cannot work gives a plan without steps whose first warning says why
// (ValidateObjectEncryptionChoice tells the same before building). Objects
// over 5 GB cannot be copied in one request and fail on their own step.
func ReencryptPlan(state BucketState, objects []ObjectRef, choice ObjectEncryptionChoice) Plan {
	bucket, region := state.Name, state.Region
	p := Plan{Bucket: bucket, Region: region}
	choice, desc, err := resolveObjectChoice(state, choice)
	p.Title = fmt.Sprintf("Re-encrypt %d object(s) in %s as %s", len(objects), bucket, desc)
	if err != nil {
		p.Warnings = []string{"Cannot re-encrypt: " + err.Error()}
		return p
	}
	sse, err := newSSEParams(choice.Mode, choice.KMSKeyID, choice.BucketKey, nil, choice.SSECKey)
	if err != nil {
		p.Warnings = []string{"Cannot re-encrypt: " + err.Error()}
		return p
	}
	var source *ssecHeaders
	if choice.SourceSSECKey != nil {
		h, err := newSSECHeaders(choice.SourceSSECKey)
		if err != nil {
			p.Warnings = []string{"Cannot re-encrypt: source key: " + err.Error()}
			return p
		}
		source = &h
	}

	perObject := map[ObjectRef]*ssecHeaders{}
	for o, k := range choice.SourceSSECKeys {
		h, err := newSSECHeaders(k)
		if err != nil {
			p.Warnings = []string{"Cannot re-encrypt: source key of " + o.Key + ": " + err.Error()}
			return p
		}
		perObject[o] = &h
	}
	p.Warnings = reencryptWarnings(state, objects, choice)
	for _, o := range objects {
		src := source
		if h, ok := perObject[o]; ok {
			src = h
		}
		p.Steps = append(p.Steps, reencryptStep(bucket, region, o, choice, sse, src))
	}
	return p
}

// ValidateObjectEncryptionChoice reports why a re-encryption choice cannot
// be used, or nil.
func ValidateObjectEncryptionChoice(choice ObjectEncryptionChoice) error {
	_, _, err := resolveObjectChoice(BucketState{Encryption: &Encryption{Algorithm: AlgorithmAES256}}, choice)
	if err != nil {
		return err
	}
	if _, err := newSSEParams(choice.Mode, choice.KMSKeyID, choice.BucketKey, nil, choice.SSECKey); err != nil {
		return err
	}
	if choice.SourceSSECKey != nil {
		if _, err := newSSECHeaders(choice.SourceSSECKey); err != nil {
			return err
		}
	}
	for _, k := range choice.SourceSSECKeys {
		if _, err := newSSECHeaders(k); err != nil {
			return err
		}
	}
	return nil
}

// resolveObjectChoice turns SSEDefault into the bucket's current rule and
// describes the result in words.
func resolveObjectChoice(state BucketState, c ObjectEncryptionChoice) (ObjectEncryptionChoice, string, error) {
	switch c.Mode {
	case SSEClient:
		return c, "client-side", errors.New("client-side encryption needs the plaintext: download and upload the objects again instead")
	case SSENone:
		return c, "none", errors.New("S3 encrypts every object since January 2023; choose SSE-S3 for the lightest encryption")
	case SSEDefault:
		e := state.Encryption
		if e == nil {
			return c, "the bucket default", errors.New("the bucket's default encryption has not been read")
		}
		if c.KMSKeyID != "" || c.BucketKey != nil || c.SSECKey != nil {
			return c, "the bucket default", errors.New("a key or bucket key setting cannot be combined with the bucket default")
		}
		c.Mode = modeOfHeader(types.ServerSideEncryption(e.Algorithm))
		if c.Mode.usesKMS() {
			c.KMSKeyID = e.KMSKeyID
			if c.Mode == SSEKMS {
				c.BucketKey = aws.Bool(e.BucketKey)
			}
		}
		_, desc, err := resolveObjectChoice(state, c)
		return c, desc + " (the bucket default)", err
	case SSES3, SSEKMS, DSSEKMS, SSEC:
	default:
		return c, string(c.Mode), fmt.Errorf("unknown encryption mode %q", c.Mode)
	}
	desc := string(c.Mode)
	if c.Mode.usesKMS() {
		key := c.KMSKeyID
		if key == "" {
			key = "aws/s3"
		}
		desc += " (" + key + ")"
		if c.BucketKey != nil && *c.BucketKey {
			desc += " with bucket key"
		}
	}
	if r := kmsARNRegion(c.KMSKeyID); r != "" && state.Region != "" && r != state.Region {
		return c, desc, fmt.Errorf("KMS key %s is in %s but the bucket is in %s: S3 only uses keys of the bucket's region", c.KMSKeyID, r, state.Region)
	}
	return c, desc, nil
}

// reencryptWarnings are what the user must know before copying in place.
func reencryptWarnings(state BucketState, objects []ObjectRef, c ObjectEncryptionChoice) []string {
	var out []string
	if state.Versioning != nil && state.Versioning.Status == VersioningEnabled {
		out = append(out, "Versioning is on: each copy becomes a new current version, and the previous versions keep their old encryption until they are deleted or expire.")
	} else {
		out = append(out, "Each object is replaced by its re-encrypted copy; the old encrypted bytes are gone once the copy succeeds.")
	}
	for _, o := range objects {
		if o.VersionID != "" {
			out = append(out, "Copying an older version makes it the current version of its key.")
			break
		}
	}
	if c.Mode == SSEC {
		out = append(out, "SSE-C: S3 does not keep the key. Keep the key file safe: without it the new copies can never be read.")
		if state.Encryption != nil && state.Encryption.SSECBlocked() {
			out = append(out, "This bucket blocks SSE-C uploads: the copies will be refused (403) until SSE-C is allowed in its encryption settings.")
		}
	}
	if c.Mode.usesKMS() {
		out = append(out, "Each copy calls KMS (Decrypt for KMS sources, GenerateDataKey for the copy) unless an S3 Bucket Key serves it.")
	}
	out = append(out, "Tags, metadata and content type are copied; object ACLs are not (ACLs are disabled on new buckets), and objects over 5 GB cannot be copied in one request.")
	return out
}

// reencryptStep is the CopyObject of one object onto itself.
func reencryptStep(bucket, region string, o ObjectRef, c ObjectEncryptionChoice, sse sseParams, source *ssecHeaders) Step {
	copySource := copySourceValue(bucket, o.Key, o.VersionID)
	params := []string{"Key=" + o.Key}
	if o.VersionID != "" {
		params = append(params, "SourceVersionId="+o.VersionID)
	}
	params = append(params, "MetadataDirective=COPY")
	cli := []string{"aws s3api copy-object", "--bucket " + shellArg(bucket), "--key " + shellArg(o.Key),
		"--copy-source " + shellArg(copySource), "--metadata-directive COPY"}
	if sse.sse != "" {
		params = append(params, "ServerSideEncryption="+string(sse.sse))
		cli = append(cli, "--server-side-encryption "+string(sse.sse))
	}
	if sse.kmsKeyID != "" {
		params = append(params, "SSEKMSKeyId="+sse.kmsKeyID)
		cli = append(cli, "--ssekms-key-id "+shellArg(sse.kmsKeyID))
	}
	if sse.bucketKey != nil {
		params = append(params, fmt.Sprintf("BucketKeyEnabled=%t", *sse.bucketKey))
		if *sse.bucketKey {
			cli = append(cli, "--bucket-key-enabled")
		} else {
			cli = append(cli, "--no-bucket-key-enabled")
		}
	}
	if sse.ssec != nil {
		params = append(params, "SSECustomerAlgorithm=AES256", "SSECustomerKey=******")
		cli = append(cli, "--sse-customer-algorithm AES256", "--sse-customer-key "+sseCustomerKeyPlaceholder)
	}
	if source != nil {
		params = append(params, "CopySourceSSECustomerAlgorithm=AES256", "CopySourceSSECustomerKey=******")
		cli = append(cli, "--copy-source-sse-customer-algorithm AES256", "--copy-source-sse-customer-key "+sourceKeyPlaceholder)
	}
	return Step{
		Title:  "Re-encrypt " + o.Key,
		API:    "s3:CopyObject",
		Params: params,
		CLI:    strings.Join(cli, " "),
		run: func(ctx context.Context, s *Session, _ MFA) error {
			if sse.ssec != nil || source != nil {
				if err := s.checkSSECTransport(); err != nil {
					return err
				}
			}
			in := &s3.CopyObjectInput{
				Bucket:            aws.String(bucket),
				Key:               aws.String(o.Key),
				CopySource:        aws.String(copySource),
				MetadataDirective: types.MetadataDirectiveCopy,
			}
			sse.copyObject(in)
			if source != nil {
				in.CopySourceSSECustomerAlgorithm, in.CopySourceSSECustomerKey, in.CopySourceSSECustomerKeyMD5 = &source.algorithm, &source.key, &source.keyMD5
			}
			_, err := s.s3Client(region).CopyObject(ctx, in)
			return wrapSSECRead("s3:CopyObject", source != nil, err)
		},
	}
}

// copySourceValue is the x-amz-copy-source value: bucket/key URL-encoded
// (slashes kept), with ?versionId= for a version.
func copySourceValue(bucket, key, versionID string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	v := bucket + "/" + strings.Join(parts, "/")
	if versionID != "" {
		v += "?versionId=" + url.QueryEscape(versionID)
	}
	return v
}
