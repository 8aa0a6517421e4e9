package sandbox

import (
	"encoding/xml"
	"net/http"
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
	v, err := c.copiedVersion(sv, src, srcKey, replace)
	if err != nil {
		return err
	}
	if err := c.s.sealContent(v.version, v.plaintext, choice, c.scopeFor(c.bucket, c.key)); err != nil {
		return err
	}
	versioned := false
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		if err := writePreconditions(h, b.current(c.key), c.key); err != nil {
			return err
		}
		b.putVersion(v.version, c.s.versionIDs.next)
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
		out.Set("x-amz-version-id", v.version.VersionID)
	}
	setWriteSSEHeaders(out, v.version.SSE, choice)
	res := copyObjectResult{ETag: v.version.ETag, LastModified: isoTime(v.version.LastModified)}
	if a := v.version.ChecksumAlgorithm; a != "" {
		res.ChecksumType = checksumType(v.version)
		res.Checksums = []checksumElement{{XMLName: xml.Name{Local: "Checksum" + a}, Value: v.version.Checksum}}
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

// copied is a destination version before encryption, with its plaintext.
type copied struct {
	version   *objectVersion
	plaintext []byte
}

// copiedVersion decrypts the source and builds the destination version: the
// source's metadata (COPY) or the request's (REPLACE), and a full-object
// checksum over the plaintext in the requested or the source's algorithm.
func (c *s3Call) copiedVersion(sv sourceVersion, src copySource, srcKey *customerKey, replace bool) (copied, *s3Error) {
	h := c.r.Header
	scope := keyScope{Bucket: src.Bucket, Region: sv.region, Key: src.Key, Requester: c.p.creds.ARN}
	plaintext, err := c.s.openContent(sv.v, scope, srcKey)
	if err != nil {
		return copied{}, err
	}
	contentType, headers, meta := sv.v.ContentType, sv.v.Headers, sv.v.Meta
	if replace {
		if meta, err = userMetadata(h); err != nil {
			return copied{}, err
		}
		contentType, headers = h.Get("Content-Type"), representationHeaders(h)
	}
	v := newDataVersion(c.key, int64(len(plaintext)), contentType, c.now())
	v.Headers, v.Meta = headers, meta
	algorithm := strings.ToUpper(h.Get("X-Amz-Checksum-Algorithm"))
	if algorithm == "" {
		algorithm = sv.v.ChecksumAlgorithm
	}
	if algorithm != "" {
		if _, ok := checksumAlgorithms[algorithm]; !ok {
			return copied{}, errInvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		v.ChecksumAlgorithm, v.Checksum = algorithm, checksumOf(algorithm, plaintext)
	}
	return copied{version: v, plaintext: plaintext}, nil
}
