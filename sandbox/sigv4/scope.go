package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

const (
	algorithm   = "AWS4-HMAC-SHA256"
	terminator  = "aws4_request"
	amzDateForm = "20060102T150405Z"
	maxSkew     = 15 * time.Minute
)

// credential is the parsed "AKID/yyyymmdd/region/service/aws4_request" value.
type credential struct {
	AccessKeyID, Date, Region, Service, Terminator string
}

// parseCredential splits a credential. The access key id may itself contain
// no '/', so the last four fields are taken from the right.
func parseCredential(s string) (credential, bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 5 {
		return credential{}, false
	}
	c := credential{parts[0], parts[1], parts[2], parts[3], parts[4]}
	if c.AccessKeyID == "" || c.Region == "" || c.Service == "" || len(c.Date) != 8 {
		return credential{}, false
	}
	return c, true
}

// Scope is the credential scope that goes into every string to sign.
func (c credential) Scope() string {
	return c.Date + "/" + c.Region + "/" + c.Service + "/" + c.Terminator
}

// parseAmzDate parses the ISO 8601 basic format used by X-Amz-Date.
func parseAmzDate(s string) (time.Time, bool) {
	t, err := time.Parse(amzDateForm, s)
	return t, err == nil
}

// signingKey derives the per-day, per-region, per-service key.
func signingKey(secret string, c credential) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), c.Date)
	k = hmacSHA256(k, c.Region)
	k = hmacSHA256(k, c.Service)
	return hmacSHA256(k, terminator)
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// emptySHA256 is the hex SHA-256 of no bytes, used for empty bodies and in
// every chunk string to sign.
var emptySHA256 = sha256Hex(nil)

// stringToSign builds the string to sign of a whole request.
func stringToSign(amzDate, scope, canonicalRequest string) string {
	return algorithm + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex([]byte(canonicalRequest))
}

// signatureEqual compares a computed signature with the client's hex text in
// constant time; case of the hex digits is ignored.
func signatureEqual(computed []byte, provided string) bool {
	got, err := hex.DecodeString(provided)
	return err == nil && hmac.Equal(computed, got)
}
