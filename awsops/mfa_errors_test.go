package awsops

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/s3sec/s3sec/otp"
)

func TestMFAErrorPredicates(t *testing.T) {
	api := func(code, msg string) error { return &smithy.GenericAPIError{Code: code, Message: msg} }
	sent := func(err error) error { return mfaCallError("s3:DeleteObject", err, true) }
	unsent := func(err error) error { return mfaCallError("s3:DeleteObject", err, false) }
	_, headerErr := mfaHeader(&Session{endpoint: "https://s3.example"}, MFA{Serial: testSerial, Code: "12a456"})
	_, httpErr := mfaHeader(&Session{endpoint: "http://127.0.0.1:9000"}, MFA{Serial: testSerial, Code: "123456"})
	cases := []struct {
		name                                string
		err                                 error
		required, rejected, notRoot, header bool
		temp                                bool
		explain                             string
	}{
		{"MFA missing", unsent(api("AccessDenied", "Mfa Authentication must be used for this request")), true, false, false, false, false, "needs a code"},
		{"Apply without a code", &StepError{Err: ErrMFARequired}, true, false, false, false, false, "needs a code"},
		{"code refused", sent(api("AccessDenied", "Access Denied")), false, true, false, false, false, "wait for the next code"},
		{"IAM denial with a code sent is not the code's fault", sent(api("AccessDenied", "User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:PutBucketVersioning on resource: \"arn:aws:s3:::b\" with an explicit deny in an identity-based policy")), false, false, false, false, false, ""},
		{"plain access denied", unsent(api("AccessDenied", "Access Denied")), false, false, false, false, false, ""},
		{"IAM user", sent(api("AccessDenied", "This operation may only be performed by the bucket owner")), false, false, true, false, false, "only the root user"},
		{"header malformed", sent(api("InvalidArgument", "Mfa header is invalid -- the header should be formatted as {serialNumber}(space){tokenCode}")), false, false, false, true, false, "wait for the next code"},
		{"bad code typed", headerErr, false, false, false, true, false, "malformed"},
		{"temporary credentials", sent(api("InvalidRequest", "DevPay and Mfa are mutually exclusive authorization methods.")), false, false, false, false, true, "long-term access keys"},
		{"IAM enrollment codes", wrapOp("iam:EnableMFADevice", api("InvalidAuthenticationCode", "Authentication code for device is not valid.")), false, true, false, false, false, "two consecutive codes"},
		{"other invalid argument", sent(api("InvalidArgument", "Invalid version id specified")), false, false, false, false, false, ""},
		{"not sent over HTTP", httpErr, false, false, false, false, false, "only accepted over HTTPS"},
		{"refused over HTTP", sent(api("InvalidRequest", "x-amz-mfa header is only accepted over HTTPS")), false, false, false, false, false, "only accepted over HTTPS"},
		{"too many wrong codes", sent(api("AccessDenied", "Too many invalid MFA attempts for this device; try again later")), false, true, false, false, false, "wait a minute"},
		{"nil", nil, false, false, false, false, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := [5]bool{IsMFARequired(c.err), IsMFARejected(c.err), IsNotRootForMFA(c.err), IsMFAHeaderInvalid(c.err), IsMFAWithTemporaryCredentials(c.err)}
			want := [5]bool{c.required, c.rejected, c.notRoot, c.header, c.temp}
			if got != want {
				t.Errorf("required, rejected, notRoot, header, temp = %v, want %v", got, want)
			}
			ex := ExplainMFAError(c.err)
			if c.explain == "" && ex != "" || !strings.Contains(ex, c.explain) {
				t.Errorf("ExplainMFAError = %q, want it to contain %q", ex, c.explain)
			}
		})
	}
	// The marker keeps the classified error reachable and its text unchanged.
	err := sent(api("AccessDenied", "Access Denied"))
	var fe *FacetError
	if !errors.As(err, &fe) || fe.Code != "AccessDenied" || err.Error() != "s3:DeleteObject: AccessDenied: Access Denied" {
		t.Errorf("marked error %q, FacetError %+v", err, fe)
	}
	if !IsMFAOverHTTP(httpErr) || IsMFAOverHTTP(headerErr) || strings.Contains(httpErr.Error(), "123456") {
		t.Errorf("HTTP refusal %q", httpErr)
	}
	if !errors.Is(headerErr, otp.ErrInvalidCode) || strings.Contains(headerErr.Error(), "12a456") {
		t.Errorf("header error %q: must wrap ErrInvalidCode without repeating the code", headerErr)
	}
}

// A lock-out after too many wrong codes is not "a typo": the prompt must not
// invite another try at once (every code is refused for a while).
func TestMFAThrottledIsNotAWrongCode(t *testing.T) {
	err := mfaCallError("s3:DeleteObject", &smithy.GenericAPIError{Code: "AccessDenied", Message: "Too many invalid MFA attempts for this device; try again later"}, true)
	if !IsMFAThrottled(err) {
		t.Fatal("IsMFAThrottled = false")
	}
	if got := ClassifyMFARejection(err, false); got != MFANotRejected {
		t.Errorf("ClassifyMFARejection = %v, want MFANotRejected (the explanation says to wait)", got)
	}
}
