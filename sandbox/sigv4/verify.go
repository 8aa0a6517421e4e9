package sigv4

import (
	"net/http"
	"strings"
	"time"
)

// SecretLookup returns the secret access key for an access key id, or ok=false when unknown.
type SecretLookup func(accessKeyID string) (secret string, ok bool)

// Result describes a verified request.
type Result struct {
	AccessKeyID  string    // the signer's access key id
	Region       string    // from the credential scope
	Service      string    // s3, kms, sts, iam ...
	Presigned    bool      // query-string auth
	SessionToken string    // X-Amz-Security-Token, if any; not validated here
	Date         time.Time // the signing time (X-Amz-Date)
}

// Verify checks the request's SigV4 signature (Authorization header or
// presigned query) the way AWS does, using now as the server clock for the
// 15-minute skew window and presigned expiry. It never trusts the region in
// the scope: compare Result.Region with the endpoint's (see CheckRegion).
//
// A request without any authentication gets a 403 AccessDenied "Access
// Denied" whose Anonymous method reports true.
//
// For KMS, STS, IAM and other non-S3 services the body is read whole (up to
// 8 MiB), its SHA-256 is signed, and r.Body is replaced by the same bytes.
//
// For S3, r.Body is replaced, when there is something to check, by a reader
// of the decoded payload:
//   - a hex x-amz-content-sha256 is compared with the body's SHA-256;
//   - STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] and
//     STREAMING-UNSIGNED-PAYLOAD-TRAILER (and UNSIGNED-PAYLOAD with
//     Content-Encoding aws-chunked) bodies are decoded, each chunk and
//     trailer signature is verified, and r.ContentLength, Content-Length and
//     Content-Encoding are made to describe the decoded payload;
//   - x-amz-checksum-crc32/crc32c/crc64nvme/sha1/sha256, as header or as
//     trailer named in x-amz-trailer, and Content-MD5 are verified.
//
// Such mismatches can only be found once the body has been read, so the
// final Read of r.Body returns an error e instead of io.EOF, with
// AsError(e) giving the *Error to send (400 XAmzContentSHA256Mismatch,
// BadDigest, IncompleteBody, MalformedTrailerError, InvalidRequest, or 403
// SignatureDoesNotMatch for a bad chunk signature). Handlers must therefore
// read the whole body before acting on it (io.ReadAll, or stream to a
// temporary place and commit only after a nil-error EOF). Other read errors
// are the client's connection failing and are passed through unchanged.
// Once the body has ended cleanly, r.Trailer holds the verified trailing
// checksums. Empty bodies are checked within Verify itself.
func Verify(r *http.Request, lookup SecretLookup, now time.Time) (*Result, *Error) {
	a, e := parseAuth(r)
	if e != nil {
		return nil, e
	}
	secret, ok := lookup(a.cred.AccessKeyID)
	if !ok {
		return nil, errInvalidAccessKey(a.cred.AccessKeyID)
	}
	if a.presigned {
		e = checkPresignTime(a, now)
	} else {
		e = checkSkew(a, now)
	}
	if e != nil {
		return nil, e
	}
	s3 := a.cred.Service == "s3"
	var payloads []string
	mode := ""
	if s3 {
		payloads, mode, e = s3Payload(r, a)
	} else {
		var sum string
		sum, e = readServiceBody(r)
		payloads = []string{sum}
	}
	if e != nil {
		return nil, e
	}
	key := signingKey(secret, a.cred)
	if e := checkSignature(r, a, key, s3, payloads); e != nil {
		return nil, e
	}
	if s3 {
		if e := installS3Body(r, a, key, mode); e != nil {
			return nil, e
		}
	}
	return &Result{
		AccessKeyID:  a.cred.AccessKeyID,
		Region:       a.cred.Region,
		Service:      a.cred.Service,
		Presigned:    a.presigned,
		SessionToken: a.sessionToken,
		Date:         a.time,
	}, nil
}

// parseAuth finds which authentication the request uses and parses it.
func parseAuth(r *http.Request) (*authRequest, *Error) {
	header := r.Header.Get("Authorization")
	q := r.URL.Query()
	queryV4 := q.Has("X-Amz-Algorithm") || q.Has("X-Amz-Credential") || q.Has("X-Amz-Signature")
	queryV2 := q.Has("AWSAccessKeyId") && q.Has("Signature")
	switch {
	case header != "" && (queryV4 || queryV2):
		return nil, errTwoMechanisms()
	case header != "":
		return parseAuthHeader(r, header)
	case queryV4:
		return parsePresigned(q)
	case queryV2:
		return nil, errUnsupportedMechanism()
	}
	return nil, errAnonymous()
}

// checkSignature recomputes the request signature for each canonical URI and
// payload-hash candidate. On failure the error carries the canonical request
// and string to sign of the most likely candidate, as S3 does, so a client
// author can see where the two sides differ.
func checkSignature(r *http.Request, a *authRequest, key []byte, s3 bool, payloads []string) *Error {
	headers := canonicalHeaders(r, strings.Split(a.signedHeaders, ";"))
	query := canonicalQuery(r.URL.RawQuery, a.presigned)
	scope := a.cred.Scope()
	var firstCanonical, firstSTS string
	for _, uri := range canonicalURIs(r, s3) {
		for _, payload := range payloads {
			canonical := canonicalRequest(r.Method, uri, query, headers, a.signedHeaders, payload)
			sts := stringToSign(a.amzDate, scope, canonical)
			if signatureEqual(hmacSHA256(key, sts), a.signature) {
				return nil
			}
			if firstCanonical == "" {
				firstCanonical, firstSTS = canonical, sts
			}
		}
	}
	return errSignatureMismatch(
		Field{"AWSAccessKeyId", a.cred.AccessKeyID},
		Field{"StringToSign", firstSTS},
		Field{"SignatureProvided", a.signature},
		Field{"StringToSignBytes", spacedHex(firstSTS)},
		Field{"CanonicalRequest", firstCanonical},
		Field{"CanonicalRequestBytes", spacedHex(firstCanonical)},
	)
}

// spacedHex renders bytes the way S3's *Bytes error elements do: "41 57 53".
func spacedHex(s string) string {
	const digits = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte(digits[s[i]>>4])
		b.WriteByte(digits[s[i]&15])
	}
	return b.String()
}
