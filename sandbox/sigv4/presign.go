package sigv4

import (
	"net/url"
	"strconv"
	"time"
)

// maxPresignExpiry is the longest validity S3 accepts for a presigned URL:
// the signing key itself is only valid for seven days.
const maxPresignExpiry = 604800

// defaultPresignExpiry applies to non-S3 presigned requests without
// X-Amz-Expires (S3 requires the parameter).
const defaultPresignExpiry = 15 * time.Minute

const missingQueryParams = "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."

// parsePresigned reads the X-Amz-* query parameters of a presigned URL.
func parsePresigned(q url.Values) (*authRequest, *Error) {
	alg, credText, amzDate := q.Get("X-Amz-Algorithm"), q.Get("X-Amz-Credential"), q.Get("X-Amz-Date")
	signed, signature, expiresText := q.Get("X-Amz-SignedHeaders"), q.Get("X-Amz-Signature"), q.Get("X-Amz-Expires")
	if alg == "" || credText == "" || amzDate == "" || signed == "" || signature == "" {
		return nil, errQueryMalformed(missingQueryParams)
	}
	if alg != algorithm {
		return nil, errQueryMalformed(`X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"`)
	}
	cred, ok := parseCredential(credText)
	if !ok || cred.Terminator != terminator {
		return nil, errQueryMalformed("Error parsing the X-Amz-Credential parameter; " + malformedCredential)
	}
	if expiresText == "" && cred.Service == "s3" {
		return nil, errQueryMalformed(missingQueryParams)
	}
	expires := defaultPresignExpiry
	if expiresText != "" {
		secs, err := strconv.ParseInt(expiresText, 10, 64)
		switch {
		case err != nil:
			return nil, errQueryMalformed("X-Amz-Expires should be a number")
		case secs < 0:
			return nil, errQueryMalformed("X-Amz-Expires must be non-negative")
		case secs > maxPresignExpiry:
			return nil, errQueryMalformed("X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")
		}
		expires = time.Duration(secs) * time.Second
	}
	t, ok := parseAmzDate(amzDate)
	if !ok {
		return nil, errQueryMalformed(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`)
	}
	if cred.Date != amzDate[:8] {
		return nil, errQueryMalformed(`Invalid credential date "` + cred.Date + `". This date is not the same as X-Amz-Date: "` + amzDate[:8] + `".`)
	}
	return &authRequest{
		cred:          cred,
		signedHeaders: signed,
		signature:     signature,
		amzDate:       amzDate,
		time:          t,
		presigned:     true,
		expires:       expires,
		sessionToken:  q.Get("X-Amz-Security-Token"),
	}, nil
}

// checkPresignTime applies S3's validity window: not before the signing time
// (allowing the usual clock skew) and not after signing time + X-Amz-Expires.
func checkPresignTime(a *authRequest, now time.Time) *Error {
	expiry := a.time.Add(a.expires)
	if a.time.Sub(now) > maxSkew {
		return newError(403, "AccessDenied", "Request is not yet valid",
			Field{"X-Amz-Date", a.amzDate},
			Field{"Expires", expiry.UTC().Format(time.RFC3339)},
			Field{"ServerTime", now.UTC().Format(time.RFC3339)})
	}
	if now.After(expiry) {
		return newError(403, "AccessDenied", "Request has expired",
			Field{"X-Amz-Expires", strconv.FormatInt(int64(a.expires/time.Second), 10)},
			Field{"Expires", expiry.UTC().Format(time.RFC3339)},
			Field{"ServerTime", now.UTC().Format(time.RFC3339)})
	}
	return nil
}
