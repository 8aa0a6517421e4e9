package awsops

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// deniedOver builds the SDK error of a 403 AccessDenied answered to a
// request sent to scheme://host.
func deniedOver(scheme string) error {
	req := &http.Request{URL: &url.URL{Scheme: scheme, Host: "127.0.0.1:9000", Path: "/b"}}
	return &smithy.OperationError{ServiceID: "S3", OperationName: "PutObject", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: 403, Request: req}},
			Err:      &smithy.GenericAPIError{Code: "AccessDenied", Message: "Access Denied"},
		},
	}}
}

func TestClassifyRecordsPlainHTTP(t *testing.T) {
	if fe := Classify(deniedOver("http")); !fe.PlainHTTP || fe.Code != "AccessDenied" {
		t.Errorf("over http: %+v, want PlainHTTP AccessDenied", fe)
	}
	if fe := Classify(deniedOver("https")); fe.PlainHTTP {
		t.Errorf("over https: %+v, want PlainHTTP false", fe)
	}
	if !IsDeniedOverPlainHTTP(wrapOp("put", deniedOver("http"))) || IsDeniedOverPlainHTTP(deniedOver("https")) {
		t.Error("IsDeniedOverPlainHTTP does not follow the transport")
	}
}

// A refusal over plain HTTP is what a TLS-only policy does: the explanation
// says to use HTTPS instead of sending the user to IAM or KMS permissions.
func TestExplainEncryptionErrorNamesPlainHTTP(t *testing.T) {
	got := ExplainEncryptionError(wrapOp("PutObject", deniedOver("http")))
	if !strings.Contains(got, "https://") || strings.Contains(got, "kms:") || strings.Contains(got, "IAM") {
		t.Errorf("over http: %q, want the HTTPS fix and no IAM/KMS advice", got)
	}
	if got := ExplainEncryptionError(wrapOp("PutObject", deniedOver("https"))); !strings.Contains(got, "kms:GenerateDataKey") {
		t.Errorf("over https: %q, want the IAM/KMS permissions", got)
	}
}
