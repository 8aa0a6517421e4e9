package sandbox

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// handleUploadPart implements UploadPart: SSE-C parts follow the rules of
// 2.6, every part is encrypted as it arrives under the upload's data key
// (recovered from KMS or the bucket-key cache for SSE-KMS) and stored until
// completion.
func handleUploadPart(c *s3Call) *s3Error {
	h := c.r.Header
	number, err := parsePartNumber(c.query)
	if err != nil {
		return err
	}
	id := c.query.Get("uploadId")
	if c.r.ContentLength < 0 {
		return newError(http.StatusLengthRequired, "MissingContentLength", "You must provide the Content-Length HTTP header.")
	}
	if v := h.Get("X-Amz-Server-Side-Encryption"); v != "" {
		return errInvalidArgument("x-amz-server-side-encryption header is not supported for this operation.",
			"x-amz-server-side-encryption", v)
	}
	var ck *customerKey
	if requestCustomerHeaders.present(h) {
		if err := requireSecureSSEC(c.secure); err != nil {
			return err
		}
		if ck, err = parseCustomerKey(h, requestCustomerHeaders, true); err != nil {
			return err
		}
	}
	up, err := c.snapshotUpload(id, ck != nil)
	if err != nil {
		return err
	}
	if err := checkPartCustomerKey(up, ck); err != nil {
		return err
	}
	algorithm, declared, err := requestedChecksum(h)
	if err != nil {
		return err
	}
	if up.ChecksumAlgorithm != "" && algorithm != up.ChecksumAlgorithm {
		return errChecksumTypeMismatch(up.ChecksumAlgorithm, algorithm)
	}
	if c.r.ContentLength > c.s.putLimit() {
		return errEntityTooLarge(c.r.ContentLength, c.s.putLimit())
	}
	dk, err := c.s.recoverDataKey(up.Keys, c.scopeFor(c.bucket, c.key), ck)
	if err != nil {
		return err
	}
	sink, err := c.s.newContentSink(contentLayers(up.Keys.Mode, dk), algorithm)
	if err != nil {
		return err
	}
	if err := c.copyBody(sink, c.s.putLimit()); err != nil {
		sink.discard()
		return err
	}
	sum := sink.md5Sum()
	if err := checkContentMD5(h, sum); err != nil {
		sink.discard()
		return err
	}
	part := &uploadPart{Number: number, LastModified: c.now()}
	if algorithm != "" {
		part.ChecksumAlgorithm, part.Checksum = algorithm, sink.checksum()
		if declared != "" && declared != part.Checksum {
			sink.discard()
			return errBadChecksum(algorithm)
		}
	}
	if part.Piece, err = sink.finish(); err != nil {
		return err
	}
	part.Size = part.Piece.Size
	part.ETag = c.s.contentETag(up.Keys.Mode, sum)
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		live := b.upload(id, c.key)
		if live == nil {
			return errNoSuchUpload(id) // aborted or completed meanwhile
		}
		live.Parts[number] = part
		return nil
	}); err != nil {
		return err
	}
	out := c.w.Header()
	out.Set("ETag", part.ETag)
	setSSEHeaders(out, up.SSE)
	setCustomerKeyHeaders(out, ck)
	if algorithm != "" {
		out.Set(checksumHeader(algorithm), part.Checksum)
	}
	writeEmpty(c.w, http.StatusOK)
	return nil
}

// parsePartNumber reads partNumber: an integer from 1 to 10000.
func parsePartNumber(q url.Values) (int, *s3Error) {
	v := q.Get("partNumber")
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPartNum {
		return 0, errInvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", v)
	}
	return n, nil
}

// snapshotUpload copies what a part needs of an upload (the parts map is
// left out: it changes under the lock) and applies the bucket's SSE-C block
// to SSE-C parts (2.6).
func (c *s3Call) snapshotUpload(id string, ssec bool) (multipartUpload, *s3Error) {
	var up multipartUpload
	err := c.withBucket(false, func(b *bucket) *s3Error {
		if ssec && blocksSSEC(b.config.encryption) {
			return errSSECBlocked(c.p, "s3:PutObject", "arn:aws:s3:::"+c.bucket+"/"+c.key)
		}
		live := b.upload(id, c.key)
		if live == nil {
			return errNoSuchUpload(id)
		}
		up = *live
		up.Parts = nil
		return nil
	})
	return up, err
}

// checkPartCustomerKey applies the UploadPart rows of the SSE-C table (2.6).
func checkPartCustomerKey(up multipartUpload, ck *customerKey) *s3Error {
	ssec := up.Keys.Mode == modeSSEC
	switch {
	case ssec != (ck != nil):
		return errInvalidRequest("The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.")
	case ssec && !customerKeyMatches(up.Keys, ck):
		return errInvalidRequest("The provided encryption parameters did not match the ones used originally.")
	}
	return nil
}

// errChecksumTypeMismatch answers a part whose checksum algorithm is not the
// upload's; AWS names the types in lower case and "null" for none.
func errChecksumTypeMismatch(want, got string) *s3Error {
	if got == "" {
		got = "null"
	}
	return errInvalidRequest("Checksum Type mismatch occurred, expected checksum Type: " +
		strings.ToLower(want) + ", actual checksum Type: " + strings.ToLower(got))
}
