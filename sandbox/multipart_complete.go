package sandbox

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// completeRequest is the CompleteMultipartUpload body.
type completeRequest struct {
	XMLName xml.Name       `xml:"CompleteMultipartUpload"`
	Parts   []completePart `xml:"Part"`
}

// completePart is one Part of the completion list.
type completePart struct {
	PartNumber        int    `xml:"PartNumber"`
	ETag              string `xml:"ETag"`
	ChecksumCRC32     string `xml:"ChecksumCRC32"`
	ChecksumCRC32C    string `xml:"ChecksumCRC32C"`
	ChecksumCRC64NVME string `xml:"ChecksumCRC64NVME"`
	ChecksumSHA1      string `xml:"ChecksumSHA1"`
	ChecksumSHA256    string `xml:"ChecksumSHA256"`
}

// checksum returns the part's declared checksum for algorithm ("" if none).
func (p completePart) checksum(algorithm string) string {
	switch algorithm {
	case "CRC32":
		return p.ChecksumCRC32
	case "CRC32C":
		return p.ChecksumCRC32C
	case "CRC64NVME":
		return p.ChecksumCRC64NVME
	case "SHA1":
		return p.ChecksumSHA1
	case "SHA256":
		return p.ChecksumSHA256
	}
	return ""
}

// completeResult is the CompleteMultipartUpload answer document.
type completeResult struct {
	XMLName      xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ CompleteMultipartUploadResult"`
	Location     string   `xml:"Location"`
	Bucket       string   `xml:"Bucket"`
	Key          string   `xml:"Key"`
	ETag         string   `xml:"ETag"`
	Checksums    []checksumElement
	ChecksumType string `xml:"ChecksumType,omitempty"`
}

// checksumElement is a <ChecksumCRC32>-style element whose name depends on the algorithm.
type checksumElement struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

// maxCompleteBody bounds the part list (10,000 parts of ~150 bytes each).
const maxCompleteBody = 4 << 20

// handleCompleteMultipartUpload implements CompleteMultipartUpload: it checks
// the part list (order, ETags, sizes, checksums), turns the encrypted parts
// into the new version's segments without re-encrypting, and removes the upload.
func handleCompleteMultipartUpload(c *s3Call) *s3Error {
	id := c.query.Get("uploadId")
	body, err := c.readBody(maxCompleteBody)
	if err != nil {
		return err
	}
	var req completeRequest
	if xerr := xml.Unmarshal(body, &req); xerr != nil || len(req.Parts) == 0 {
		return errMalformedXML()
	}
	var done *completedUpload
	if err := c.withBucket(true, func(b *bucket) *s3Error {
		up := b.upload(id, c.key)
		if up == nil {
			// A retry after success gets the first answer again.
			if done = b.completed.replay(id, c.key, req.Parts); done == nil {
				return errNoSuchUpload(id)
			}
			return nil
		}
		v, verr := assembleUpload(up, req.Parts, c.now(), c.s.objectLimit())
		if verr != nil {
			return verr
		}
		if verr = writePreconditions(c.r.Header, b.current(c.key), c.key); verr != nil {
			return verr
		}
		b.putVersion(v, c.s.versionIDs.next)
		delete(b.uploads, id)
		done = &completedUpload{key: c.key, parts: listedParts(req.Parts), version: v,
			result: completeResult{Location: c.objectURL(), Bucket: c.bucket, Key: c.key, ETag: v.ETag}}
		if b.announcesWrittenVersion() {
			done.versionID = v.VersionID
		}
		if v.ChecksumAlgorithm != "" {
			done.result.Checksums = []checksumElement{{XMLName: xml.Name{Local: "Checksum" + v.ChecksumAlgorithm}, Value: v.Checksum}}
			done.result.ChecksumType = v.ChecksumType
		}
		b.completed.remember(id, done)
		return nil
	}); err != nil {
		return err
	}
	out := c.w.Header()
	setSSEHeaders(out, done.version.SSE)
	if done.versionID != "" {
		out.Set("x-amz-version-id", done.versionID)
	}
	return writeXML(c.w, http.StatusOK, done.result)
}

// assembleUpload validates the completion list against the upload (order
// first, then that every part exists with its ETag and checksum, then the
// sizes) and builds the new version: ETag <md5 of the part digests>-<n> (2.3)
// and, for checksummed uploads, the composite checksum <checksum of the part
// checksums>-<n>. An object over limit is EntityTooLarge.
func assembleUpload(up *multipartUpload, list []completePart, now time.Time, limit int64) (*objectVersion, *s3Error) {
	for i := 1; i < len(list); i++ {
		if list[i].PartNumber <= list[i-1].PartNumber {
			return nil, newError(http.StatusBadRequest, "InvalidPartOrder",
				"The list of parts was not in ascending order. Parts must be ordered by part number.").with("UploadId", up.ID)
		}
	}
	parts := make([]*uploadPart, len(list))
	for i, want := range list {
		part := up.Parts[want.PartNumber]
		declared := want.checksum(up.ChecksumAlgorithm)
		if part == nil || strings.Trim(want.ETag, `"`) != strings.Trim(part.ETag, `"`) ||
			up.ChecksumAlgorithm != "" && (part.ChecksumAlgorithm != up.ChecksumAlgorithm || declared != "" && declared != part.Checksum) {
			return nil, errInvalidPart(up.ID, want)
		}
		parts[i] = part
	}
	for _, part := range parts[:len(parts)-1] {
		if part.Size < minPartSize {
			return nil, newError(http.StatusBadRequest, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size").
				with("ProposedSize", strconv.FormatInt(part.Size, 10)).with("MinSizeAllowed", strconv.Itoa(minPartSize)).
				with("PartNumber", strconv.Itoa(part.Number)).with("ETag", strings.Trim(part.ETag, `"`))
		}
	}
	v := newDataVersion(up.Key, 0, up.ContentType, now)
	v.Headers, v.Meta, v.SSE, v.Keys = up.Headers, up.Meta, up.SSE, up.Keys
	digests := md5.New()
	var partChecksums []byte
	for _, part := range parts {
		raw, _ := hex.DecodeString(strings.Trim(part.ETag, `"`))
		digests.Write(raw)
		if up.ChecksumAlgorithm != "" {
			sum, _ := base64.StdEncoding.DecodeString(part.Checksum)
			partChecksums = append(partChecksums, sum...)
		}
		v.Size += part.Size
		v.Sealed.Pieces = append(v.Sealed.Pieces, part.Piece)
	}
	if v.Size > limit {
		// S3 documents the 5 TiB object limit but not this answer; EntityTooLarge
		// is its error for a proposed object over a limit (UNVERIFIED here).
		return nil, errEntityTooLarge(v.Size, limit)
	}
	n := strconv.Itoa(len(parts))
	v.ETag = `"` + hex.EncodeToString(digests.Sum(nil)) + "-" + n + `"`
	if up.ChecksumAlgorithm != "" {
		v.ChecksumAlgorithm, v.ChecksumType = up.ChecksumAlgorithm, up.ChecksumType
		v.Checksum = checksumOf(up.ChecksumAlgorithm, partChecksums) + "-" + n
	}
	return v, nil
}

// errInvalidPart answers a listed part that was not uploaded or whose ETag
// (or checksum) differs.
func errInvalidPart(uploadID string, p completePart) *s3Error {
	return newError(http.StatusBadRequest, "InvalidPart",
		"One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.").
		with("UploadId", uploadID).with("PartNumber", strconv.Itoa(p.PartNumber)).with("ETag", p.ETag)
}

// errMalformedXML is S3's answer to a body that does not match the schema.
func errMalformedXML() *s3Error {
	return newError(http.StatusBadRequest, "MalformedXML",
		"The XML you provided was not well-formed or did not validate against our published schema")
}

// objectURL is the Location of a completed upload: this endpoint, path style.
func (c *s3Call) objectURL() string {
	scheme := "http"
	if c.secure {
		scheme = "https"
	}
	return scheme + "://" + c.r.Host + "/" + c.bucket + "/" + (&url.URL{Path: c.key}).EscapedPath()
}
