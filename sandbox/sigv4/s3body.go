package sigv4

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// installS3Body replaces r.Body with a reader that decodes aws-chunked
// framing and verifies every digest the request claims, and fixes the
// headers that described the encoded body.
func installS3Body(r *http.Request, a *authRequest, key []byte, mode string) *Error {
	if r.Body == nil {
		r.Body = http.NoBody
	}
	emptyBody := r.Body == http.NoBody || r.ContentLength == 0
	chunked := strings.HasPrefix(mode, "STREAMING-") || (mode == unsignedPayload && hasAWSChunked(r.Header))
	var spec trailerSpec
	if chunked && mode != streamingSigned {
		spec = trailerSpec{names: parseTrailerHeader(r.Header["X-Amz-Trailer"]), signed: mode == streamingSignedTrailer}
	}
	checks, e := headerChecks(r.Header, spec.names)
	if e != nil {
		return e
	}
	if isPayloadHash(mode) {
		want, _ := hex.DecodeString(mode)
		checks = append([]*digestCheck{{name: "x-amz-content-sha256", hash: sha256.New(), expected: want,
			mismatch: func(got []byte) *Error { return errContentSHA256Mismatch(mode, hex.EncodeToString(got)) }}}, checks...)
	}
	body := &verifiedBody{src: r.Body, closer: r.Body, checks: checks}
	switch {
	case chunked:
		if e := decodeChunked(r, a, key, mode, spec, body); e != nil {
			return e
		}
	case len(checks) == 0:
		return nil // UNSIGNED-PAYLOAD and nothing to check: leave the body alone
	}
	r.Body = body
	if emptyBody {
		// Nobody would read an empty body, so check it now.
		if _, err := io.Copy(io.Discard, body); err != nil {
			if e, ok := AsError(err); ok {
				return e
			}
		}
	}
	return nil
}

// decodeChunked switches body to the aws-chunked decoder and makes the
// request describe the decoded payload: Content-Length and r.ContentLength
// become x-amz-decoded-content-length (-1 when not sent), "aws-chunked" leaves
// Content-Encoding, and r.Trailer lists the trailing headers, whose verified
// values it receives once the body has been read to its end.
func decodeChunked(r *http.Request, a *authRequest, key []byte, mode string, spec trailerSpec, body *verifiedBody) *Error {
	declared := int64(-1)
	if v := r.Header.Get("X-Amz-Decoded-Content-Length"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return newError(400, "InvalidArgument", "Invalid x-amz-decoded-content-length",
				Field{"ArgumentName", "x-amz-decoded-content-length"}, Field{"ArgumentValue", v})
		}
		declared = n
	}
	tchecks, e := trailerChecks(spec.names)
	if e != nil {
		return e
	}
	var signer *chunkSigner
	if mode == streamingSigned || mode == streamingSignedTrailer {
		signer = &chunkSigner{key: key, amzDate: a.amzDate, scope: a.cred.Scope(), previous: strings.ToLower(a.signature)}
	}
	cr := newChunkedReader(r.Body, signer, spec, declared)
	body.src, body.chunked = cr, cr
	body.checks = append(body.checks, tchecks...)
	if len(spec.names) > 0 {
		r.Trailer = http.Header{}
		for _, n := range spec.names {
			r.Trailer[http.CanonicalHeaderKey(n)] = nil
		}
		body.onTrailers = func(values map[string]string) {
			for n, v := range values {
				r.Trailer.Set(n, v)
			}
		}
	}
	r.ContentLength = declared
	if declared >= 0 {
		r.Header.Set("Content-Length", strconv.FormatInt(declared, 10))
	} else {
		r.Header.Del("Content-Length")
	}
	removeAWSChunked(r.Header)
	return nil
}

// hasAWSChunked reports whether Content-Encoding lists aws-chunked.
func hasAWSChunked(h http.Header) bool {
	for _, v := range h.Values("Content-Encoding") {
		for _, tok := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(tok), "aws-chunked") {
				return true
			}
		}
	}
	return false
}

// removeAWSChunked drops the aws-chunked token from Content-Encoding, and the
// header itself when nothing else was listed (S3 stores what remains).
func removeAWSChunked(h http.Header) {
	var kept []string
	for _, v := range h.Values("Content-Encoding") {
		for _, tok := range strings.Split(v, ",") {
			if tok = strings.TrimSpace(tok); tok != "" && !strings.EqualFold(tok, "aws-chunked") {
				kept = append(kept, tok)
			}
		}
	}
	if len(kept) == 0 {
		h.Del("Content-Encoding")
		return
	}
	h.Set("Content-Encoding", strings.Join(kept, ","))
}
