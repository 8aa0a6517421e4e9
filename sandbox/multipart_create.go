package sandbox

import (
	"encoding/xml"
	"net/http"
	"strings"
)

// initiateResult is the CreateMultipartUpload document.
type initiateResult struct {
	XMLName  xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ InitiateMultipartUploadResult"`
	Bucket   string   `xml:"Bucket"`
	Key      string   `xml:"Key"`
	UploadID string   `xml:"UploadId"`
}

// handleCreateMultipartUpload implements CreateMultipartUpload: it fixes the
// object's metadata, checksum and encryption (asking KMS for the data key now,
// as S3 does) and answers the upload id with the encryption headers.
func handleCreateMultipartUpload(c *s3Call) *s3Error {
	h := c.r.Header
	choice, meta, err := c.newObjectHeaders(h)
	if err != nil {
		return err
	}
	algorithm, ctype, err := multipartChecksum(h)
	if err != nil {
		return err
	}
	km, _, err := c.s.newDataKey(choice, c.scopeFor(c.bucket, c.key))
	if err != nil {
		return err
	}
	contentType := h.Get("Content-Type")
	if contentType == "" {
		contentType = defaultContentType
	}
	up := &multipartUpload{
		ID: newUploadID(), Key: c.key, Initiated: c.now(), Initiator: c.p,
		ContentType: contentType, Headers: representationHeaders(h), Meta: meta,
		ChecksumAlgorithm: algorithm, ChecksumType: ctype,
		SSE: c.s.laxReportedSSE(km), Keys: km, Parts: map[int]*uploadPart{},
	}
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		b.addUpload(up)
		return nil
	}); err != nil {
		return err
	}
	out := c.w.Header()
	setWriteSSEHeaders(out, up.SSE, choice)
	if algorithm != "" {
		out.Set("x-amz-checksum-algorithm", algorithm)
		out.Set("x-amz-checksum-type", ctype)
	}
	return writeXML(c.w, http.StatusOK, initiateResult{Bucket: c.bucket, Key: c.key, UploadID: up.ID})
}

// multipartChecksum reads x-amz-checksum-algorithm and x-amz-checksum-type of
// CreateMultipartUpload. Composite checksums are supported; full-object ones
// (CRC64NVME, or FULL_OBJECT asked for) are not implemented yet.
func multipartChecksum(h http.Header) (algorithm, ctype string, err *s3Error) {
	algorithm = strings.ToUpper(h.Get("X-Amz-Checksum-Algorithm"))
	ctype = strings.ToUpper(h.Get("X-Amz-Checksum-Type"))
	if algorithm == "" {
		if ctype != "" {
			return "", "", errInvalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
		}
		return "", "", nil
	}
	if _, ok := checksumAlgorithms[algorithm]; !ok {
		return "", "", errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
	}
	if algorithm == "CRC64NVME" || ctype == "FULL_OBJECT" {
		return "", "", errNotImplementedHeader("x-amz-checksum-type")
	}
	if ctype != "" && ctype != "COMPOSITE" {
		return "", "", errInvalidRequest("Value for x-amz-checksum-type header is invalid.")
	}
	return algorithm, "COMPOSITE", nil
}
