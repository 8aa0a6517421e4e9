package kms

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"
)

// contentType is the media type of every KMS request and response body.
const contentType = "application/x-amz-json-1.1"

// maxBody bounds a request body; the largest legal one (a 6 KiB blob in
// base64 plus context) is far smaller.
const maxBody = 1 << 20

// decodeBody unmarshals a JSON 1.1 request body into v; an empty body is an
// empty object, as AWS treats it.
func decodeBody(r *http.Request, v any) *Error {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return newError(ErrSerialization, "Could not read the request body.")
	}
	if len(body) > maxBody {
		return newError(ErrValidation, "The request body is too large.")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return newError(ErrSerialization, "Could not parse the request body: "+jsonProblem(err))
	}
	return nil
}

// jsonProblem names what was wrong with a body without echoing its content.
func jsonProblem(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		return "field " + te.Field + " must be a " + te.Type.String() + ", not a " + te.Value + "."
	}
	return "it is not a valid JSON object."
}

// writeJSON sends a 200 answer; a nil v is an empty body, as KMS sends for
// operations without output (CreateAlias, EnableKey, ...).
func writeJSON(w http.ResponseWriter, v any) {
	var body []byte
	if v != nil {
		body, _ = json.Marshal(v)
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// WriteError sends a KMS error document {"__type": ..., "message": ...} with
// the error's status code.
func WriteError(w http.ResponseWriter, e *Error) {
	body, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}{e.Type, e.Message})
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(e.HTTPStatus())
	_, _ = w.Write(body)
}

// epoch is a timestamp that marshals as epoch seconds with millisecond
// fraction, the JSON 1.1 timestamp format.
type epoch time.Time

// MarshalJSON writes seconds since 1970 as a JSON number.
func (t epoch) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	return []byte(strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)), nil
}
