package bucketconfig

import (
	"fmt"
	"net/http"
)

// Error is an S3 error answer (the handler writes it as the XML error document).
type Error struct {
	Status  int
	Code    string
	Message string
	Extra   [][2]string // extra elements in order, e.g. {"ArgumentName","x"}, {"TargetBucket","b"}
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message)
}

// malformedXMLMessage is the text S3 sends with every MalformedXML answer.
const malformedXMLMessage = "The XML you provided was not well-formed or did not validate against our published schema"

// MalformedXML is the shared 400 MalformedXML error (message per spec).
func MalformedXML() *Error {
	return &Error{Status: http.StatusBadRequest, Code: "MalformedXML", Message: malformedXMLMessage}
}

// invalidRequest builds a 400 InvalidRequest answer.
func invalidRequest(message string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: message}
}

// malformedPolicy builds a 400 MalformedPolicy answer.
func malformedPolicy(message string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "MalformedPolicy", Message: message}
}
