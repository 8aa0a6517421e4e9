package sandbox

import "net/http"

// newObjectHeaders reads the headers PutObject and CreateMultipartUpload
// share for the object they create: it refuses unsupported headers, then
// settles the encryption, then reads the user metadata, so both operations
// report the same first error for the same headers.
func (c *s3Call) newObjectHeaders(h http.Header) (sseChoice, [][2]string, *s3Error) {
	if err := checkPutHeaders(h); err != nil {
		return sseChoice{}, nil, err
	}
	sseReq, err := parseWriteSSE(h, c.secure)
	if err != nil {
		return sseChoice{}, nil, err
	}
	choice, err := c.chooseWriteSSE(sseReq)
	if err != nil {
		return sseChoice{}, nil, err
	}
	meta, err := userMetadata(h)
	if err != nil {
		return sseChoice{}, nil, err
	}
	return choice, meta, nil
}
