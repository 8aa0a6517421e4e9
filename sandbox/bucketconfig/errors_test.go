package bucketconfig

import "testing"

func TestMalformedXMLIsTheSharedAnswer(t *testing.T) {
	checkErr(t, MalformedXML(), malformed)
}

func TestErrorStringNamesStatusCodeAndMessage(t *testing.T) {
	e := &Error{Status: 400, Code: "InvalidRequest", Message: "nope"}
	if got := e.Error(); got != "400 InvalidRequest: nope" {
		t.Fatalf("Error() = %q", got)
	}
}
