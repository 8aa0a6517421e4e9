package sandbox

import "net/http"

// sealContent encrypts a single-part object's plaintext into v according to
// ch and sets v's Sealed, Keys, SSE and ETag (the MD5 for SSE-S3, an opaque
// value for the other modes, 2.3).
func (s *Server) sealContent(v *objectVersion, plaintext []byte, ch sseChoice, sc keyScope) *s3Error {
	km, dk, err := s.newDataKey(ch, sc)
	if err != nil {
		return err
	}
	v.Keys, v.SSE = km, s.laxReportedSSE(km)
	v.Sealed = sealedData{Segments: [][]byte{sealSegment(contentLayers(km.Mode, dk), plaintext)}}
	v.ETag = s.contentETag(km.Mode, md5Sum(plaintext))
	return nil
}

// contentETag is the ETag of one piece of content (an object or a part).
func (s *Server) contentETag(mode sseMode, plainMD5 []byte) string {
	if mode == modeS3 {
		return md5ETag(plainMD5)
	}
	return s.sse.opaqueETag(plainMD5)
}

// openContent decrypts a version's content; ck is the caller's SSE-C key,
// already checked against the version (checkCustomerKeyFor).
func (s *Server) openContent(v *objectVersion, sc keyScope, ck *customerKey) ([]byte, *s3Error) {
	dk, err := s.recoverDataKey(v.Keys, sc, ck)
	if err != nil {
		return nil, err
	}
	pt, oerr := v.Sealed.openAll(contentLayers(v.Keys.Mode, dk), v.Size)
	if oerr != nil {
		return nil, errInternal(oerr)
	}
	return pt, nil
}

// scopeFor is the key scope of an object of this request's bucket.
func (c *s3Call) scopeFor(bucket, key string) keyScope {
	region, _ := c.s.bucketRegion(bucket)
	return keyScope{Bucket: bucket, Region: region, Key: key, Requester: c.p.creds.ARN}
}

// setCustomerKeyHeaders echoes the SSE-C algorithm and key MD5 (2.2, 2.3).
func setCustomerKeyHeaders(h http.Header, ck *customerKey) {
	if ck == nil {
		return
	}
	h.Set("x-amz-server-side-encryption-customer-algorithm", algAES256)
	h.Set("x-amz-server-side-encryption-customer-key-MD5", ck.MD5)
}

// setWriteSSEHeaders writes the encryption headers of a PutObject,
// CopyObject or CreateMultipartUpload response: those of the new version,
// the caller's encryption context as sent (never on GET/HEAD), and the SSE-C
// echo.
func setWriteSSEHeaders(h http.Header, sse sseInfo, ch sseChoice) {
	setSSEHeaders(h, sse)
	if ch.ContextHeader != "" && (ch.Mode == modeKMS || ch.Mode == modeDSSE) {
		h.Set("x-amz-server-side-encryption-context", ch.ContextHeader)
	}
	setCustomerKeyHeaders(h, ch.Customer)
}
