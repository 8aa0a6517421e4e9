package sandbox

import (
	"encoding/xml"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// copyObjectResult is the CopyObject answer document.
type copyObjectResult struct {
	XMLName      xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ CopyObjectResult"`
	ETag         string   `xml:"ETag"`
	LastModified string   `xml:"LastModified"`
	ChecksumType string   `xml:"ChecksumType,omitempty"`
	Checksums    []checksumElement
}

// handleCopyObject implements CopyObject (PUT with x-amz-copy-source): the
// source is read with s3:GetObject rights (and its SSE-C key when it has
// one), decrypted, and written as a new destination version encrypted per
// the destination's SSE headers or bucket default. Copying an object onto
// itself is a re-encryption and needs REPLACE metadata or new encryption.
func handleCopyObject(c *s3Call) *s3Error {
	h := c.r.Header
	src, err := parseCopySource(h.Get("X-Amz-Copy-Source"))
	if err != nil {
		return err
	}
	if err := checkPutHeaders(h); err != nil {
		return err
	}
	replace, err := metadataDirective(h)
	if err != nil {
		return err
	}
	sseReq, err := parseWriteSSE(h, c.secure)
	if err != nil {
		return err
	}
	srcKey, err := parseReadCustomerKey(h, copySourceCustomerHeaders, c.secure)
	if err != nil {
		return err
	}
	if err := c.authorizeCopySource(src); err != nil {
		return err
	}
	sv, err := c.s.findCopySource(src)
	if err != nil {
		return err
	}
	if err := checkCopySourceKey(sv.v, srcKey); err != nil {
		return err
	}
	if err := copyPreconditions(h, sv.v); err != nil {
		return err
	}
	if src.Bucket == c.bucket && src.Key == c.key && sv.current && !replace && !sseReq.specified() &&
		h.Get("X-Amz-Storage-Class") == "" {
		return errInvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}
	choice, err := c.chooseWriteSSE(sseReq)
	if err != nil {
		return err
	}
	v, err := c.copiedVersion(sv, replace)
	if err != nil {
		return err
	}
	if err := c.copyContent(v, sv, src, srcKey, choice); err != nil {
		return err
	}
	versioned := false
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		if err := writePreconditions(h, b.current(c.key), c.key); err != nil {
			return err
		}
		b.putVersion(v, c.s.versionIDs.next)
		versioned = b.announcesWrittenVersion()
		return nil
	}); err != nil {
		return err
	}
	out := c.w.Header()
	if sv.versioned {
		out.Set("x-amz-copy-source-version-id", sv.v.VersionID)
	}
	if versioned {
		out.Set("x-amz-version-id", v.VersionID)
	}
	setWriteSSEHeaders(out, v.SSE, choice)
	res := copyObjectResult{ETag: v.ETag, LastModified: isoTime(v.LastModified)}
	if a := v.ChecksumAlgorithm; a != "" {
		res.ChecksumType = checksumType(v)
		res.Checksums = []checksumElement{{XMLName: xml.Name{Local: "Checksum" + a}, Value: v.Checksum}}
	}
	return writeXML(c.w, http.StatusOK, res)
}

// metadataDirective reads x-amz-metadata-directive: COPY (default) or REPLACE.
func metadataDirective(h http.Header) (replace bool, err *s3Error) {
	switch d := h.Get("X-Amz-Metadata-Directive"); d {
	case "", "COPY":
		return false, nil
	case "REPLACE":
		return true, nil
	default:
		return false, errInvalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", d)
	}
}

// copiedVersion builds the destination version's metadata: the source's
// (COPY) or the request's (REPLACE), and the algorithm of the full-object
// checksum copyContent computes: the requested one or the source's.
func (c *s3Call) copiedVersion(sv sourceVersion, replace bool) (*objectVersion, *s3Error) {
	h := c.r.Header
	contentType, headers, meta := sv.v.ContentType, sv.v.Headers, sv.v.Meta
	if replace {
		var err *s3Error
		if meta, err = userMetadata(h); err != nil {
			return nil, err
		}
		contentType, headers = h.Get("Content-Type"), representationHeaders(h)
	}
	v := newDataVersion(c.key, 0, contentType, c.now())
	v.Headers, v.Meta = headers, meta
	algorithm := strings.ToUpper(h.Get("X-Amz-Checksum-Algorithm"))
	if algorithm == "" {
		algorithm = sv.v.ChecksumAlgorithm
	}
	if algorithm != "" {
		if _, ok := checksumAlgorithms[algorithm]; !ok {
			return nil, errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		v.ChecksumAlgorithm = algorithm
	}
	return v, nil
}

// copyContent streams the source's plaintext, segment by segment, into v's
// new content sealed per choice, computing the checksum on the way. A source
// over the single-upload limit is refused as S3 refuses it (CopyObject
// copies at most 5 GiB; larger objects need UploadPartCopy).
func (c *s3Call) copyContent(v *objectVersion, sv sourceVersion, src copySource, srcKey *customerKey, choice sseChoice) *s3Error {
	if limit := c.s.putLimit(); sv.v.Size > limit {
		return errInvalidRequest("The specified copy source is larger than the maximum allowable size for a copy source: " + strconv.FormatInt(limit, 10))
	}
	scope := keyScope{Bucket: src.Bucket, Region: sv.region, Key: src.Key, Requester: c.p.creds.ARN}
	cur, err := c.s.openRange(sv.v, scope, srcKey, 0, sv.v.Size)
	if err != nil {
		return err
	}
	defer cur.close()
	nc, err := c.s.newContent(choice, c.scopeFor(c.bucket, c.key), v.ChecksumAlgorithm)
	if err != nil {
		return err
	}
	for {
		b, rerr := cur.next()
		if rerr == io.EOF {
			break
		}
		if rerr == nil {
			_, rerr = nc.sink.Write(b)
		}
		if rerr != nil {
			nc.sink.discard()
			return errInternal(rerr)
		}
	}
	v.Checksum = nc.sink.checksum()
	return nc.finishInto(c.s, v)
}
