package sandbox

import (
	"encoding/hex"
	"time"
)

// objectVersion is one entry of a key's version stack: data or a delete marker.
type objectVersion struct {
	Key          string
	VersionID    string // nullVersionID for versions written while unversioned/suspended
	DeleteMarker bool
	LastModified time.Time

	// The fields below are unset on delete markers.
	Data              []byte
	ETag              string      // quoted, as sent in the ETag header
	ContentType       string      // stored Content-Type
	Headers           [][2]string // other stored representation headers (Cache-Control, ...)
	Meta              [][2]string // user metadata: lower-case "x-amz-meta-…" name, value byte-exact
	ChecksumAlgorithm string      // CRC32, CRC32C, CRC64NVME, SHA1, SHA256 or ""
	Checksum          string      // base64 checksum of Data under ChecksumAlgorithm
	SSE               sseInfo     // the encryption S3 reports for this version
}

// sseInfo is the server-side encryption an object version reports (2.3).
type sseInfo struct {
	Algorithm string // AES256 today; aws:kms when SSE-KMS lands
	KMSKeyARN string
	BucketKey bool
}

// size is the stored length of the version's data.
func (v *objectVersion) size() int64 { return int64(len(v.Data)) }

// newDataVersion builds a data version with the ETag and encryption S3 gives
// an SSE-S3 single-part upload (ETag = quoted MD5 of the content).
func newDataVersion(key string, data []byte, contentType string, now time.Time) *objectVersion {
	if contentType == "" {
		contentType = defaultContentType
	}
	return &objectVersion{
		Key:          key,
		LastModified: now,
		Data:         data,
		ETag:         `"` + hex.EncodeToString(md5Sum(data)) + `"`,
		ContentType:  contentType,
		SSE:          sseInfo{Algorithm: "AES256"},
	}
}
