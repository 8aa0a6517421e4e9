package sigv4

import (
	"net/http"
	"strings"
	"time"
)

// authRequest is what either authentication form says about the signer.
type authRequest struct {
	cred          credential
	signedHeaders string // as sent: ';'-joined lower-case names
	signature     string // hex, as sent
	amzDate       string // timestamp exactly as it enters the string to sign
	time          time.Time
	presigned     bool
	expires       time.Duration // presigned only
	sessionToken  string
}

const malformedCredential = `the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`

// parseAuthHeader reads an "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…,
// Signature=…" header and the request date.
func parseAuthHeader(r *http.Request, value string) (*authRequest, *Error) {
	alg, rest, _ := strings.Cut(strings.TrimSpace(value), " ")
	if alg != algorithm {
		return nil, errUnsupportedMechanism()
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, errHeaderMalformed(`the authorization component "` + strings.TrimSpace(part) + `" is malformed.`)
		}
		fields[k] = v
	}
	credText, hasCred := fields["Credential"]
	signed, hasSigned := fields["SignedHeaders"]
	signature, hasSig := fields["Signature"]
	if !hasCred || !hasSigned || !hasSig {
		return nil, errHeaderMalformed("the authorization header requires three components: Credential, SignedHeaders, and Signature.")
	}
	cred, ok := parseCredential(credText)
	if !ok {
		return nil, errHeaderMalformed(malformedCredential)
	}
	if cred.Terminator != terminator {
		return nil, errHeaderMalformed(`incorrect terminal "` + cred.Terminator + `". This endpoint uses "aws4_request".`)
	}
	amzDate, t, e := headerDate(r)
	if e != nil {
		return nil, e
	}
	if cred.Date != amzDate[:8] {
		return nil, errHeaderMalformed("Invalid credential date. Date is not the same as X-Amz-Date.")
	}
	return &authRequest{
		cred:          cred,
		signedHeaders: signed,
		signature:     signature,
		amzDate:       amzDate,
		time:          t,
		sessionToken:  r.Header.Get("X-Amz-Security-Token"),
	}, nil
}

// headerDate returns the request time from X-Amz-Date, or from Date when
// X-Amz-Date is absent (SigV4 allows either; X-Amz-Date wins).
func headerDate(r *http.Request) (string, time.Time, *Error) {
	if v := r.Header.Get("X-Amz-Date"); v != "" {
		t, ok := parseAmzDate(v)
		if !ok {
			return "", time.Time{}, errBadDate()
		}
		return v, t, nil
	}
	if v := r.Header.Get("Date"); v != "" {
		if t, ok := parseAmzDate(v); ok {
			return v, t, nil
		}
		if t, err := http.ParseTime(v); err == nil {
			t = t.UTC()
			return t.Format(amzDateForm), t, nil
		}
	}
	return "", time.Time{}, errBadDate()
}

// checkSkew applies the 15-minute window of header authentication.
func checkSkew(a *authRequest, now time.Time) *Error {
	d := now.Sub(a.time)
	if d > maxSkew || d < -maxSkew {
		return newError(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.",
			Field{"RequestTime", a.amzDate},
			Field{"ServerTime", now.UTC().Format(time.RFC3339)},
			Field{"MaxAllowedSkewMilliseconds", "900000"})
	}
	return nil
}
