package sandbox

import "net/http"

// sealContent encrypts a small single-part object's plaintext (seeded
// objects, access logs) into v according to ch and sets v's Sealed, Keys, SSE
// and ETag; uploads stream through newContent instead.
func (s *Server) sealContent(v *objectVersion, plaintext []byte, ch sseChoice, sc keyScope) *s3Error {
	nc, err := s.newContent(ch, sc, "")
	if err != nil {
		return err
	}
	_, _ = nc.sink.Write(plaintext) // only a data directory's write can fail; finish reports it
	return nc.finishInto(s, v)
}

// newContentWrite is a new version's content on its way in: the key material
// of its data key and the sink that seals it.
type newContentWrite struct {
	km   keyMaterial
	sink *contentSink
}

// newContent makes the data key of a new object per ch (calling KMS as S3
// does, 2.5) and starts sealing under it; algorithm names a flexible checksum
// to compute on the way, or is "".
func (s *Server) newContent(ch sseChoice, sc keyScope, algorithm string) (*newContentWrite, *s3Error) {
	km, dk, err := s.newDataKey(ch, sc)
	if err != nil {
		return nil, err
	}
	sink, err := s.newContentSink(contentLayers(km.Mode, dk), algorithm)
	if err != nil {
		return nil, err
	}
	return &newContentWrite{km: km, sink: sink}, nil
}

// finishInto seals the last segment and sets v's Size, Sealed, Keys, SSE and
// ETag (the MD5 for SSE-S3, an opaque value for the other modes, 2.3).
func (nc *newContentWrite) finishInto(s *Server, v *objectVersion) *s3Error {
	sum := nc.sink.md5Sum()
	piece, err := nc.sink.finish()
	if err != nil {
		return err
	}
	v.Size = piece.Size
	v.Keys, v.SSE = nc.km, s.laxReportedSSE(nc.km)
	v.Sealed = sealedData{Pieces: []*sealedPiece{piece}}
	v.ETag = s.contentETag(nc.km.Mode, sum)
	return nil
}

// contentETag is the ETag of one piece of content (an object or a part).
func (s *Server) contentETag(mode sseMode, plainMD5 []byte) string {
	if mode == modeS3 {
		return md5ETag(plainMD5)
	}
	return s.sse.opaqueETag(plainMD5)
}

// openRange opens bytes [from, to) of a version's content for reading
// segment by segment; ck is the caller's SSE-C key, already checked against
// the version (checkCustomerKeyFor). The caller closes the cursor.
func (s *Server) openRange(v *objectVersion, sc keyScope, ck *customerKey, from, to int64) (*rangeCursor, *s3Error) {
	dk, err := s.recoverDataKey(v.Keys, sc, ck)
	if err != nil {
		return nil, err
	}
	return newRangeCursor(v.Sealed, contentLayers(v.Keys.Mode, dk), from, to), nil
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
