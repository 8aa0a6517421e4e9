package awsops

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestEncryptionErrorPredicates(t *testing.T) {
	slowDown := apiErr(503, "SlowDown", "Please reduce your request rate for operations involving AWS KMS.")
	kmsThrottle := fmt.Errorf("clientside: KMS GenerateDataKey: %w", apiErr(400, "ThrottlingException", "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls."))
	disabled := apiErr(400, "KMS.DisabledException", "arn:aws:kms:us-east-1:111122223333:key/k is disabled.")
	blocked := apiErr(403, "AccessDenied", `User: arn:aws:iam::111122223333:root is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::b/k" because this bucket has blocked upload requests that specify Server Side Encryption with Customer provided keys (SSE-C). Please specify a different server-side encryption type`)
	wrongGet := wrapSSECRead("s3:GetObject", true, apiErr(403, "AccessDenied", "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key."))
	wrongHead := wrapSSECRead("s3:HeadObject", true, apiErr(403, "", ""))
	missingGet := wrapSSECRead("s3:GetObject", false, apiErr(400, "InvalidRequest", "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."))
	plainDenied := wrapSSECRead("s3:GetObject", true, apiErr(403, "AccessDenied", "Access Denied"))
	overHTTP := error(&SSECOverHTTPError{Endpoint: "http://127.0.0.1:9000"})

	tests := []struct {
		name                                             string
		err                                              error
		throttled, disabled, wrong, missing, blockedSSEC bool
	}{
		{name: "S3 SlowDown", err: slowDown, throttled: true},
		{name: "KMS throttling through the keyring", err: kmsThrottle, throttled: true},
		{name: "disabled key", err: disabled, disabled: true},
		{name: "SSE-C blocked", err: blocked, blockedSSEC: true},
		{name: "wrong key on GET", err: wrongGet, wrong: true},
		{name: "wrong key on HEAD (no body)", err: wrongHead, wrong: true},
		{name: "missing key on GET", err: missingGet, missing: true},
		{name: "ordinary access denied with a key", err: plainDenied},
		{name: "SSE-C over HTTP", err: overHTTP},
		{name: "nil", err: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsThrottled(tt.err); got != tt.throttled {
				t.Errorf("IsThrottled = %v", got)
			}
			if got := IsKMSKeyDisabled(tt.err); got != tt.disabled {
				t.Errorf("IsKMSKeyDisabled = %v", got)
			}
			if got := IsSSECKeyWrong(tt.err); got != tt.wrong {
				t.Errorf("IsSSECKeyWrong = %v", got)
			}
			if got := IsSSECKeyMissing(tt.err); got != tt.missing {
				t.Errorf("IsSSECKeyMissing = %v", got)
			}
			if got := IsSSECBlocked(tt.err); got != tt.blockedSSEC {
				t.Errorf("IsSSECBlocked = %v", got)
			}
			if tt.err != nil && ExplainEncryptionError(tt.err) == "" {
				t.Errorf("ExplainEncryptionError gives nothing for %v", tt.err)
			}
		})
	}
}

func TestSSECKeyErrorKeepsAWSCodeAndMessage(t *testing.T) {
	err := wrapSSECRead("s3:GetObject", true, apiErr(403, "AccessDenied", "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key."))
	var ke *SSECKeyError
	if !errors.As(err, &ke) || ke.Problem != SSECKeyWrong {
		t.Fatalf("want *SSECKeyError(wrong), got %T %v", err, err)
	}
	if fe := Classify(err); fe.Code != "AccessDenied" || fe.Message != "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key." {
		t.Errorf("Classify = %+v, want the AWS code and message kept", fe)
	}
}

func TestSSECOverHTTPErrorIs(t *testing.T) {
	err := fmt.Errorf("upload: %w", &SSECOverHTTPError{Endpoint: "http://127.0.0.1:1"})
	if !errors.Is(err, ErrSSECOverHTTP) {
		t.Fatal("errors.Is(err, ErrSSECOverHTTP) = false")
	}
	for _, want := range []string{"http://127.0.0.1:1", "clear text", "HTTPS"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err.Error(), want)
		}
	}
}
