package sandbox

import "time"

// objectVersion is one entry of a key's version stack: data or a delete marker.
type objectVersion struct {
	Key          string
	VersionID    string // nullVersionID for versions written while unversioned/suspended
	DeleteMarker bool
	LastModified time.Time

	// The fields below are unset on delete markers.
	Size              int64       // plaintext length
	Sealed            sealedData  // the content as stored: sealed segments per SSE (segment_format.go)
	ETag              string      // quoted, as sent in the ETag header
	ContentType       string      // stored Content-Type
	Headers           [][2]string // other stored representation headers (Cache-Control, ...)
	Meta              [][2]string // user metadata: lower-case "x-amz-meta-…" name, value byte-exact
	ChecksumAlgorithm string      // CRC32, CRC32C, CRC64NVME, SHA1, SHA256 or ""
	Checksum          string      // base64 checksum of the plaintext under ChecksumAlgorithm
	ChecksumType      string      // FULL_OBJECT, or COMPOSITE for multipart checksums ("-n" suffix)
	SSE               sseInfo     // the encryption S3 reports for this version
	Keys              keyMaterial // what recovers the content key (never an SSE-C key)
}

// sseInfo is the server-side encryption an object version reports (2.3).
type sseInfo struct {
	Algorithm   string // AES256, aws:kms or aws:kms:dsse; "" for SSE-C, which reports no SSE header
	KMSKeyARN   string
	BucketKey   bool
	CustomerKey bool // SSE-C: responses carry the customer-algorithm and key-MD5 headers instead
}

// size is the plaintext length of the version's data.
func (v *objectVersion) size() int64 { return v.Size }

// newDataVersion builds a data version's metadata; newContent (sse_content.go)
// then stores the encrypted content and sets SSE, Keys and, for the modes
// whose ETag is not the MD5, the ETag.
func newDataVersion(key string, size int64, contentType string, now time.Time) *objectVersion {
	if contentType == "" {
		contentType = defaultContentType
	}
	return &objectVersion{
		Key:          key,
		LastModified: now,
		Size:         size,
		ContentType:  contentType,
	}
}
