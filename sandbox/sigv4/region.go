package sigv4

// CheckRegion returns the error S3 sends when a verified request was signed
// for another region than the endpoint's (want), or nil when they agree.
// Verify cannot do this itself because the region of an endpoint is the
// server's business.
func CheckRegion(res *Result, want string) *Error {
	if res == nil || res.Region == want {
		return nil
	}
	reason := "the region '" + res.Region + "' is wrong; expecting '" + want + "'"
	if res.Presigned {
		e := errQueryMalformed("Error parsing the X-Amz-Credential parameter; " + reason)
		e.Fields = []Field{{"Region", want}}
		return e
	}
	e := errHeaderMalformed(reason)
	e.Fields = []Field{{"Region", want}}
	return e
}
