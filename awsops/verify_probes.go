package awsops

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Enforcement probes: requests that change nothing whatever the answer, and
// that an endpoint enforcing the setting must refuse. A refusal passes; an
// answer that lets the request through fails loudly; anything else (a
// network error, a refusal for another reason) is inconclusive.

// probeKeyPrefix names the objects probes address; none is ever created.
const probeKeyPrefix = "s3sec-probe/"

// MFADeleteProbe deletes a version that does not exist, of a key that does
// not exist, without an MFA code: with MFA Delete in force S3 refuses it
// with 403 AccessDenied ("Mfa Authentication must be used for this
// request"); an endpoint that lets it through does not enforce MFA Delete.
// Deleting a named version never creates a delete marker, so a lax
// endpoint's 204 changes nothing.
func MFADeleteProbe(bucket, region string) StepCheck {
	return StepCheck{
		Kind: CheckProbe, API: "s3:DeleteObject",
		Title: "a DeleteObject of a version that does not exist, without an MFA code, is refused",
		run: func(ctx context.Context, s *Session) CheckResult {
			c := s.s3Client(region)
			key := probeKeyPrefix + "mfa-delete-" + randomToken(12)
			var err error
			for _, vid := range []string{randomToken(32), randomUUID()} { // AWS-shaped, then MinIO's UUID
				_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), VersionId: aws.String(vid)})
				if httpStatus(err) != http.StatusBadRequest {
					break // a malformed id (400) is retried in the other shape
				}
			}
			return refusalVerdict(err,
				"refused without a code: MFA Delete is enforced",
				"the endpoint accepted MFA Delete but deleted a version without an MFA code: it is not enforced here")
		},
	}
}

// TLSOnlyProbe sends HeadBucket over plain HTTP: a bucket policy that
// denies aws:SecureTransport=false must make the endpoint refuse it. The
// TLS policy plan attaches it to its PutBucketPolicy step. The plain-HTTP
// address is AWS's for the region, the custom endpoint when it already is
// http://, or the one given to SetPlainHTTPEndpoint; otherwise the probe is
// inconclusive (a custom HTTPS endpoint's plain port is not guessable).
func TLSOnlyProbe(bucket, region string) StepCheck {
	return StepCheck{
		Kind: CheckProbe, API: "s3:HeadBucket (http://)",
		Title: "a HeadBucket over plain HTTP is refused",
		run: func(ctx context.Context, s *Session) CheckResult {
			endpoint := s.plainHTTPEndpoint(region)
			if endpoint == "" {
				return CheckResult{Outcome: CheckInconclusive, Detail: "the plain-HTTP address of " + s.Endpoint() + " is not known: not probed"}
			}
			c := s3.NewFromConfig(s.cfg, func(o *s3.Options) {
				o.Region = region
				if o.Region == "" {
					o.Region = s.cfg.Region
				}
				o.BaseEndpoint = aws.String(endpoint)
				o.UsePathStyle = s.endpoint != "" || s.plainHTTP != ""
				o.RetryMaxAttempts = 1
			})
			_, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
			return refusalVerdict(err,
				"refused over plain HTTP: the TLS-only policy is enforced",
				"the endpoint kept the TLS-only policy but answered a plain-HTTP HeadBucket: it is not enforced here")
		},
	}
}

// SetPlainHTTPEndpoint tells the session the plain-HTTP address of its
// HTTPS endpoint (the sandbox listens on both), for TLSOnlyProbe.
func (s *Session) SetPlainHTTPEndpoint(u string) { s.plainHTTP = strings.TrimRight(u, "/") }

// plainHTTPEndpoint is the http:// address to probe, "" when unknown.
func (s *Session) plainHTTPEndpoint(region string) string {
	switch {
	case s.plainHTTP != "":
		return s.plainHTTP
	case s.endpoint == "":
		if region == "" {
			region = s.cfg.Region
		}
		return "http://s3." + region + ".amazonaws.com"
	}
	if u, err := url.Parse(s.endpoint); err == nil && u.Scheme == "http" {
		return s.endpoint
	}
	return ""
}

// refusalVerdict judges a probe's answer: 403 passes, a success fails, a
// 404 (the endpoint looked the object or bucket up instead of refusing)
// fails too, and anything else cannot tell.
func refusalVerdict(err error, passed, failed string) CheckResult {
	if err == nil {
		return CheckResult{Outcome: CheckFailed, Detail: failed}
	}
	switch httpStatus(err) {
	case http.StatusForbidden:
		return CheckResult{Outcome: CheckPassed, Detail: passed + " (" + Classify(err).Error() + ")"}
	case http.StatusNotFound:
		return CheckResult{Outcome: CheckFailed, Detail: failed + " (it answered " + Classify(err).Error() + ")"}
	}
	return CheckResult{Outcome: CheckInconclusive, Detail: "could not tell: " + Classify(err).Error()}
}

// randomToken is n characters of [A-Za-z0-9], the shape of S3 version ids.
func randomToken(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// randomUUID is a random version-4 UUID, the shape of MinIO's version ids.
func randomUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	var sb strings.Builder
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			sb.WriteByte('-')
		}
		sb.WriteByte(hex[c>>4])
		sb.WriteByte(hex[c&0xf])
	}
	return sb.String()
}
