package sigv4

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
)

// The values of x-amz-content-sha256 besides a hex SHA-256.
const (
	unsignedPayload          = "UNSIGNED-PAYLOAD"
	streamingSigned          = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	streamingSignedTrailer   = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	streamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	streamingECDSA           = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"
	streamingECDSATrailer    = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER"
)

// maxServiceBody caps the bodies of KMS, STS and IAM requests, which are
// read whole to be hashed (their real limits are a few hundred KiB at most).
const maxServiceBody = 8 << 20

// s3Payload returns the payload-hash candidates for the canonical request
// and the mode that decides how the body is checked.
//
// Header authentication must carry x-amz-content-sha256 and signs exactly
// that value. A presigned URL signs UNSIGNED-PAYLOAD unless the signer put
// X-Amz-Content-Sha256 in the query; a header of that name, if sent, is
// tried too and still governs how the body is checked.
func s3Payload(r *http.Request, a *authRequest) (candidates []string, mode string, e *Error) {
	header := r.Header.Get("X-Amz-Content-Sha256")
	if a.presigned {
		if q := r.URL.Query().Get("X-Amz-Content-Sha256"); q != "" {
			candidates = []string{q}
			if header == "" {
				header = q
			}
		} else {
			candidates = []string{unsignedPayload}
			if header != "" && header != unsignedPayload {
				candidates = append(candidates, header)
			}
		}
		if header == "" {
			return candidates, unsignedPayload, nil
		}
		mode, e = payloadMode(header)
		return candidates, mode, e
	}
	if header == "" {
		return nil, "", errMissingContentSHA256()
	}
	mode, e = payloadMode(header)
	return []string{header}, mode, e
}

// payloadMode validates an x-amz-content-sha256 value; a hex hash comes back
// in lower case (see isPayloadHash).
func payloadMode(v string) (string, *Error) {
	switch v {
	case unsignedPayload, streamingSigned, streamingSignedTrailer, streamingUnsignedTrailer:
		return v, nil
	case streamingECDSA, streamingECDSATrailer:
		return "", errUnsupportedMechanism() // SigV4a is not implemented
	}
	if b, err := hex.DecodeString(v); err == nil && len(b) == sha256.Size {
		return strings.ToLower(v), nil
	}
	return "", errInvalidContentSHA256(v)
}

// isPayloadHash reports whether a payload mode is a hex SHA-256 rather than
// one of the named modes.
func isPayloadHash(mode string) bool {
	return len(mode) == 2*sha256.Size && !strings.HasPrefix(mode, "STREAMING-")
}

// readServiceBody reads a KMS/STS/IAM body whole, puts it back for the
// handler, and returns its hex SHA-256, which these services sign whether
// or not the client sent x-amz-content-sha256.
func readServiceBody(r *http.Request) (string, *Error) {
	if r.Body == nil || r.Body == http.NoBody {
		return emptySHA256, nil
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxServiceBody+1))
	if err != nil {
		return "", errIncompleteBody()
	}
	if len(data) > maxServiceBody {
		return "", errTooLarge()
	}
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(data))
	r.ContentLength = int64(len(data))
	return sha256Hex(data), nil
}
