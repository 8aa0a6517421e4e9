package awsops

// MFARejection says why a well-formed MFA code was refused, as far as the
// caller can know: the user's next step differs (type another code now,
// or wait up to 30 seconds for a new one).
type MFARejection int

// Kinds of MFA refusal.
const (
	MFANotRejected MFARejection = iota // err is not a refused code
	MFACodeWrong                       // a typo, or a code whose window has passed: type the current one
	MFACodeReused                      // the same code was already accepted for this device: wait for the next
)

// ClassifyMFARejection tells a wrong or expired code from a reused one.
// S3 answers both with the same AccessDenied (and sometimes "Mfa header is
// invalid"; S3-BEHAVIOR §3.3 leaves the exact answer unverified), so the
// answer alone cannot: sameAsAccepted says whether the code sent is the
// one the device already had accepted in this session, which the caller
// knows (it compares digests, never codes).
func ClassifyMFARejection(err error, sameAsAccepted bool) MFARejection {
	if err == nil || IsMFAThrottled(err) || !(IsMFARejected(err) || IsMFAHeaderInvalid(err)) {
		return MFANotRejected
	}
	if sameAsAccepted {
		return MFACodeReused
	}
	return MFACodeWrong
}
