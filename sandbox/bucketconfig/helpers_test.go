package bucketconfig

import (
	"net/http"
	"testing"
)

// wantErr is the S3 answer a test expects.
type wantErr struct {
	status  int
	code    string
	message string
}

// malformed is the expected MalformedXML answer.
var malformed = &wantErr{http.StatusBadRequest, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"}

// checkErr fails t unless got matches want (nil want means success).
func checkErr(t *testing.T, got *Error, want *wantErr) {
	t.Helper()
	if want == nil {
		if got != nil {
			t.Fatalf("unexpected error %v", got)
		}
		return
	}
	if got == nil {
		t.Fatalf("no error, want %d %s %q", want.status, want.code, want.message)
	}
	if got.Status != want.status || got.Code != want.code || got.Message != want.message {
		t.Fatalf("got %d %s %q, want %d %s %q", got.Status, got.Code, got.Message, want.status, want.code, want.message)
	}
}

// ns wraps body in root with the S3 namespace, the way SDKs send it.
func ns(root, body string) string {
	return `<` + root + ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` + body + `</` + root + `>`
}
