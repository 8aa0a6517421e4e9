package awsops

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// apiErr builds an SDK-shaped error: an operation error around an HTTP
// response error around the API error, as the S3 client returns them.
func apiErr(status int, code, msg string) error {
	return &smithy.OperationError{ServiceID: "S3", OperationName: "GetBucketCors", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
			Err:      &smithy.GenericAPIError{Code: code, Message: msg},
		},
	}}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want *FacetError
	}{
		{"nil", nil, nil},
		{"access denied keeps code and message", apiErr(403, "AccessDenied", "Access Denied"), &FacetError{Code: "AccessDenied", Message: "Access Denied"}},
		{"501 is NotImplemented", apiErr(501, "NotImplemented", "A header you provided implies functionality that is not implemented"),
			&FacetError{Code: CodeNotImplemented, Message: "A header you provided implies functionality that is not implemented"}},
		{"moto's not implemented", apiErr(500, "InternalError", "The GetBucketLogging action has not been implemented"),
			&FacetError{Code: CodeNotImplemented, Message: "The GetBucketLogging action has not been implemented"}},
		{"status without code", apiErr(404, "", ""), &FacetError{Code: "NotFound", Message: "HTTP 404 Not Found"}},
		{"canceled", fmt.Errorf("op: %w", context.Canceled), &FacetError{Code: CodeRequestCanceled, Message: "request canceled"}},
		{"deadline", fmt.Errorf("op: %w", context.DeadlineExceeded), &FacetError{Code: CodeRequestCanceled, Message: "request canceled: deadline exceeded"}},
		{"no answer", &smithy.OperationError{ServiceID: "S3", OperationName: "ListBuckets", Err: errors.New("dial tcp: connection refused")},
			&FacetError{Code: CodeRequestError, Message: "operation error S3: ListBuckets, dial tcp: connection refused"}},
		{"local file", &fs.PathError{Op: "open", Path: "/nope/x", Err: fs.ErrNotExist},
			&FacetError{Code: CodeLocalError, Message: "open /nope/x: file does not exist"}},
		{"already classified", &FacetError{Code: "X", Message: "y"}, &FacetError{Code: "X", Message: "y"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Classify(tc.err)
			if (got == nil) != (tc.want == nil) || got != nil && *got != *tc.want {
				t.Errorf("Classify = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestErrorPredicates(t *testing.T) {
	denied := apiErr(403, "AccessDenied", "Access Denied")
	if !IsAccessDenied(denied) || IsAccessDenied(apiErr(404, "NoSuchBucket", "")) {
		t.Error("IsAccessDenied does not tell AccessDenied from NoSuchBucket")
	}
	if !IsNotImplemented(apiErr(501, "NotImplemented", "")) || IsNotImplemented(denied) {
		t.Error("IsNotImplemented does not tell NotImplemented from AccessDenied")
	}
	if !IsCanceled(context.Canceled) || IsCanceled(denied) {
		t.Error("IsCanceled does not tell cancellation from AccessDenied")
	}
	if IsAccessDenied(nil) || IsNotImplemented(nil) || IsCanceled(nil) {
		t.Error("predicates must be false for nil")
	}
}

func TestOpErrorKeepsBothChains(t *testing.T) {
	err := wrapOp("s3:ListBuckets", fmt.Errorf("wrapped: %w", context.Canceled))
	if !errors.Is(err, context.Canceled) {
		t.Error("errors.Is(context.Canceled) lost")
	}
	var fe *FacetError
	if !errors.As(err, &fe) || fe.Code != CodeRequestCanceled {
		t.Errorf("errors.As(*FacetError) = %v", fe)
	}
	if got, want := err.Error(), "s3:ListBuckets: RequestCanceled: request canceled"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
