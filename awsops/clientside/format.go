package clientside

// Format is the version of the S3EC metadata layout of an object (S3-BEHAVIOR §9.1).
type Format int

// Formats recognised by Detect. Encrypt writes FormatV2 (the zero value is
// taken as FormatV2) or FormatV3; Decrypt reads both.
const (
	FormatNone    Format = iota // no S3EC metadata: not client-side encrypted (or only via an instruction file)
	FormatV1                    // legacy S3EC v1 (x-amz-key + x-amz-iv); not readable here nor by the Go S3EC
	FormatV2                    // x-amz-key-v2 + x-amz-iv: S3EC v2, Go/Java v3 clients
	FormatV3                    // x-amz-3 + x-amz-d + x-amz-i: key-committing, Go/Java v4 clients
	FormatUnknown               // S3EC keys present but incomplete or conflicting
)

// String names the format as the objects pane shows it.
func (f Format) String() string {
	switch f {
	case FormatNone:
		return "none"
	case FormatV1:
		return "S3EC V1"
	case FormatV2:
		return "S3EC V2"
	case FormatV3:
		return "S3EC V3"
	case FormatUnknown:
		return "S3EC (incomplete or conflicting metadata)"
	}
	return "invalid format"
}

// Content cipher names as stored in x-amz-cek-alg (V2) and x-amz-c (V3); they
// are also the value of the reserved KMS encryption context key.
const (
	CipherAESGCM       = "AES/GCM/NoPadding" // suite 0x0072, V2
	CipherAESGCMCommit = "115"               // suite 0x0073 (decimal), V3
)

// Wrapping algorithm names (x-amz-wrap-alg) and their V3 codes (x-amz-w).
const (
	WrapKMSContext = "kms+context"
	WrapAESGCM     = "AES/GCM"

	wrapCodeKMSContext = "12"
	wrapCodeAESGCM     = "02"
)

// Detect tells which S3EC format an object's metadata uses and whether the
// object carries S3EC metadata at all (true also for V1 and FormatUnknown,
// which Decrypt refuses). Keys may be given with or without the x-amz-meta-
// prefix, in any case.
func Detect(metadata map[string]string) (Format, bool) {
	norm, err := normalizeMetadata(metadata)
	if err != nil {
		return FormatUnknown, true
	}
	f := detectFormat(norm)
	return f, f != FormatNone
}

// detectFormat applies the rules of S3-BEHAVIOR §9.1 to normalised metadata.
func detectFormat(m map[string]string) Format {
	_, hasV1Key := m[keyV1]
	_, hasV2Key := m[keyV2]
	_, hasV3Key := m[keyV3]
	_, hasIV := m[keyIV]
	_, hasCommit := m[keyCommitment]
	_, hasMsgID := m[keyMessageID]
	_, hasC := m[keyContentCipherV3]

	exclusive := 0
	for _, has := range []bool{hasV1Key, hasV2Key, hasV3Key} {
		if has {
			exclusive++
		}
	}
	switch {
	case exclusive > 1:
		return FormatUnknown
	case hasV1Key && hasIV:
		return FormatV1
	case hasV2Key && hasIV:
		return FormatV2
	case hasV3Key && hasCommit && hasMsgID:
		return FormatV3
	case exclusive == 1 || hasIV || hasCommit || hasMsgID || hasC:
		// A half envelope: truncated metadata, or V3 whose key moved to an
		// instruction file. Either way it is encrypted and we cannot read it.
		return FormatUnknown
	}
	return FormatNone
}
