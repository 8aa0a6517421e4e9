package clientside

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
)

// Metadata keys without the x-amz-meta- prefix (S3-BEHAVIOR §9.2), as they
// appear in aws-sdk-go-v2's PutObjectInput.Metadata / GetObjectOutput.Metadata.
const (
	keyV1                = "x-amz-key"
	keyV2                = "x-amz-key-v2"
	keyIV                = "x-amz-iv"
	keyCEKAlg            = "x-amz-cek-alg"
	keyWrapAlg           = "x-amz-wrap-alg"
	keyTagLen            = "x-amz-tag-len"
	keyMatDesc           = "x-amz-matdesc"
	keyUnencryptedLength = "x-amz-unencrypted-content-length"

	keyContentCipherV3 = "x-amz-c"
	keyV3              = "x-amz-3"
	keyWrapAlgV3       = "x-amz-w"
	keyContextV3       = "x-amz-t"
	keyMatDescV3       = "x-amz-m"
	keyCommitment      = "x-amz-d"
	keyMessageID       = "x-amz-i"

	userMetaPrefix = "x-amz-meta-"
)

// Sizes fixed by the two supported algorithm suites.
const (
	dataKeySize    = 32 // AES-256 data key
	gcmIVSize      = 12 // V2 content IV
	gcmTagSize     = 16 // appended to the body
	tagLenBits     = "128"
	messageIDSize  = 28 // V3 message id, also the HKDF salt
	commitmentSize = 28 // V3 key commitment
)

// envelope is the parsed, validated S3EC metadata of one object.
type envelope struct {
	format      Format
	cekAlg      string            // CipherAESGCM (V2) or CipherAESGCMCommit (V3)
	wrapAlg     string            // full name: WrapKMSContext or WrapAESGCM
	wrappedKey  []byte            // x-amz-key-v2 / x-amz-3
	iv          []byte            // V2 content IV
	messageID   []byte            // V3 HKDF salt
	commitment  []byte            // V3 key commitment
	description map[string]string // KMS context (kms+context) or material description (AES/GCM)
	plainLen    int64             // x-amz-unencrypted-content-length; -1 when absent
}

// normalizeMetadata lower-cases keys and strips an x-amz-meta- prefix, so the
// map from the SDK, from raw headers or from a test all read the same. Two
// spellings of one S3EC (x-amz-) key with different values are refused as
// ambiguous; for other user keys it does not matter which one is kept.
func normalizeMetadata(meta map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(meta))
	for k, v := range meta {
		nk := strings.ToLower(k)
		nk = strings.TrimPrefix(nk, userMetaPrefix)
		if old, dup := out[nk]; dup && old != v && strings.HasPrefix(nk, "x-amz-") {
			return nil, &MetadataError{Key: nk, Problem: "given twice with different values"}
		}
		out[nk] = v
	}
	return out, nil
}

// parseMetadata validates an object's metadata and returns its envelope.
func parseMetadata(meta map[string]string) (*envelope, error) {
	m, err := normalizeMetadata(meta)
	if err != nil {
		return nil, err
	}
	switch detectFormat(m) {
	case FormatNone:
		return nil, ErrNotEncrypted
	case FormatV1:
		return nil, &MetadataError{Problem: "S3EC V1 format (x-amz-key) is " +
			"legacy and not readable here nor by the AWS Go S3 Encryption Client", Err: ErrUnsupported}
	case FormatUnknown:
		return nil, &MetadataError{Problem: "incomplete or conflicting S3EC keys " +
			"(need exactly one of x-amz-key-v2+x-amz-iv or x-amz-3+x-amz-d+x-amz-i; " +
			"an envelope in an instruction file is not supported)"}
	case FormatV2:
		return parseV2(m)
	default:
		return parseV3(m)
	}
}

// parseV2 reads the V2 keys of normalised metadata.
func parseV2(m map[string]string) (*envelope, error) {
	env := &envelope{format: FormatV2, cekAlg: m[keyCEKAlg], wrapAlg: m[keyWrapAlg]}
	if env.cekAlg != CipherAESGCM {
		return nil, unsupportedValue(keyCEKAlg, env.cekAlg, CipherAESGCM)
	}
	if tl, ok := m[keyTagLen]; ok && tl != tagLenBits {
		return nil, &MetadataError{Key: keyTagLen, Problem: "must be " + tagLenBits + ", got " + strconv.Quote(tl)}
	}
	if env.wrapAlg != WrapKMSContext && env.wrapAlg != WrapAESGCM {
		return nil, unsupportedValue(keyWrapAlg, env.wrapAlg, WrapKMSContext+" or "+WrapAESGCM)
	}
	var err error
	if env.wrappedKey, err = decodeB64(m, keyV2, -1); err != nil {
		return nil, err
	}
	if env.iv, err = decodeB64(m, keyIV, gcmIVSize); err != nil {
		return nil, err
	}
	if env.description, err = decodeDescription(m, keyMatDesc); err != nil {
		return nil, err
	}
	if env.plainLen, err = decodeLength(m); err != nil {
		return nil, err
	}
	return env, nil
}

// parseV3 reads the V3 keys of normalised metadata.
func parseV3(m map[string]string) (*envelope, error) {
	env := &envelope{format: FormatV3, cekAlg: m[keyContentCipherV3]}
	if env.cekAlg != CipherAESGCMCommit {
		return nil, unsupportedValue(keyContentCipherV3, env.cekAlg, CipherAESGCMCommit)
	}
	descKey := ""
	switch code := m[keyWrapAlgV3]; code {
	case wrapCodeKMSContext:
		env.wrapAlg, descKey = WrapKMSContext, keyContextV3
	case wrapCodeAESGCM:
		env.wrapAlg, descKey = WrapAESGCM, keyMatDescV3
	default:
		return nil, unsupportedValue(keyWrapAlgV3, code, wrapCodeKMSContext+" or "+wrapCodeAESGCM)
	}
	var err error
	if env.wrappedKey, err = decodeB64(m, keyV3, -1); err != nil {
		return nil, err
	}
	if env.messageID, err = decodeB64(m, keyMessageID, messageIDSize); err != nil {
		return nil, err
	}
	if env.commitment, err = decodeB64(m, keyCommitment, commitmentSize); err != nil {
		return nil, err
	}
	if env.description, err = decodeDescription(m, descKey); err != nil {
		return nil, err
	}
	if env.plainLen, err = decodeLength(m); err != nil {
		return nil, err
	}
	return env, nil
}

// unsupportedValue builds the error for a known key with a value we cannot use.
func unsupportedValue(key, got, want string) error {
	if got == "" {
		return &MetadataError{Key: key, Problem: "missing (want " + want + ")"}
	}
	return &MetadataError{Key: key, Problem: strconv.Quote(got) + " is not supported (want " + want + ")", Err: ErrUnsupported}
}

// decodeB64 decodes a standard-base64 value; size < 0 accepts any non-empty length.
func decodeB64(m map[string]string, key string, size int) ([]byte, error) {
	v, ok := m[key]
	if !ok {
		return nil, &MetadataError{Key: key, Problem: "missing"}
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return nil, &MetadataError{Key: key, Problem: "not valid base64"}
	}
	if size < 0 && len(b) == 0 {
		return nil, &MetadataError{Key: key, Problem: "empty"}
	}
	if size >= 0 && len(b) != size {
		return nil, &MetadataError{Key: key, Problem: "must decode to " + strconv.Itoa(size) + " bytes, got " + strconv.Itoa(len(b))}
	}
	return b, nil
}

// decodeDescription parses a JSON string map; an absent or empty value means {}
// (the spec's default). The value may come in any form S3 and the official
// clients produce: see s3MetadataText.
func decodeDescription(m map[string]string, key string) (map[string]string, error) {
	v, ok := s3MetadataText(m[key])
	if !ok {
		return nil, &MetadataError{Key: key, Problem: "invalid RFC 2047 encoding"}
	}
	out := map[string]string{}
	if v == "" {
		return out, nil
	}
	var parsed map[string]string
	if err := json.Unmarshal([]byte(v), &parsed); err != nil {
		return nil, &MetadataError{Key: key, Problem: "not a JSON object of strings"}
	}
	for k, val := range parsed {
		out[k] = val
	}
	return out, nil
}

// decodeLength reads the optional plaintext length; an empty value (the Go v4
// client writes one for V3) counts as absent.
func decodeLength(m map[string]string) (int64, error) {
	v := m[keyUnencryptedLength]
	if v == "" {
		return -1, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > maxPlaintextSize {
		return 0, &MetadataError{Key: keyUnencryptedLength, Problem: "not a valid length: " + strconv.Quote(v)}
	}
	return n, nil
}

// metadata renders the envelope as object metadata (keys without prefix),
// byte-for-byte as the AWS Go S3EC writes it: standard base64, and the
// description as encoding/json renders a map (sorted keys).
func (env *envelope) metadata() map[string]string {
	desc := encodeDescription(env.description)
	m := map[string]string{}
	if env.plainLen >= 0 {
		m[keyUnencryptedLength] = strconv.FormatInt(env.plainLen, 10)
	}
	b64 := base64.StdEncoding.EncodeToString
	if env.format == FormatV3 {
		m[keyContentCipherV3] = env.cekAlg
		m[keyV3] = b64(env.wrappedKey)
		m[keyMessageID] = b64(env.messageID)
		m[keyCommitment] = b64(env.commitment)
		if env.wrapAlg == WrapKMSContext {
			m[keyWrapAlgV3] = wrapCodeKMSContext
			m[keyContextV3] = desc
		} else {
			m[keyWrapAlgV3] = wrapCodeAESGCM
			m[keyMatDescV3] = desc
		}
		return m
	}
	m[keyV2] = b64(env.wrappedKey)
	m[keyIV] = b64(env.iv)
	m[keyCEKAlg] = env.cekAlg
	m[keyWrapAlg] = env.wrapAlg
	m[keyTagLen] = tagLenBits
	m[keyMatDesc] = desc
	return m
}

// encodeDescription renders a string map as JSON; nil renders as {}.
func encodeDescription(d map[string]string) string {
	if d == nil {
		d = map[string]string{}
	}
	b, err := json.Marshal(d)
	if err != nil { // a map[string]string always marshals
		panic(err)
	}
	return string(b)
}
