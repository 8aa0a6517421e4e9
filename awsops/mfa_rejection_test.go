package awsops

import (
	"errors"
	"testing"

	"github.com/aws/smithy-go"
)

func TestClassifyMFARejection(t *testing.T) {
	denied := &mfaSentError{err: &smithy.GenericAPIError{Code: "AccessDenied", Message: "Access Denied"}}
	other := errors.New("connection reset")
	tests := []struct {
		err  error
		same bool
		want MFARejection
	}{
		{nil, false, MFANotRejected},
		{other, true, MFANotRejected},
		{denied, false, MFACodeWrong},
		{denied, true, MFACodeReused},
		{&smithy.GenericAPIError{Code: "InvalidAuthenticationCode"}, false, MFACodeWrong},
	}
	for i, tt := range tests {
		if got := ClassifyMFARejection(tt.err, tt.same); got != tt.want {
			t.Errorf("%d: got %d, want %d", i, got, tt.want)
		}
	}
}
