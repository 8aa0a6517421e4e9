package sandbox

import (
	"encoding/base64"
	"net/http"
	"time"
)

// multipartUpload is an upload in progress: what CreateMultipartUpload fixed
// (metadata, encryption, checksum) and the parts received so far. Parts are
// stored encrypted under the upload's data key and become the object's
// segments on completion.
type multipartUpload struct {
	ID          string
	Key         string
	Initiated   time.Time
	Initiator   *principal
	ContentType string
	Headers     [][2]string
	Meta        [][2]string

	ChecksumAlgorithm string // "" when CreateMultipartUpload named none
	ChecksumType      string // COMPOSITE when ChecksumAlgorithm is set

	SSE  sseInfo
	Keys keyMaterial

	Parts map[int]*uploadPart
}

// uploadPart is one received part, encrypted.
type uploadPart struct {
	Number            int
	ETag              string // quoted
	Size              int64  // plaintext length
	LastModified      time.Time
	Piece             *sealedPiece // sealed like a single-part object, its own piece
	ChecksumAlgorithm string
	Checksum          string // base64, over the plaintext
}

// Limits of multipart uploads (S3 User Guide, "Amazon S3 multipart upload limits").
const (
	minPartSize = 5 << 20 // every part but the last
	maxPartNum  = 10000
)

// newUploadID returns an opaque upload id shaped like S3's (URL-safe base64).
// It never starts with '-': command-line clients (the aws CLI's argparse)
// would take such an id for an option, and S3's ids are not seen to.
func newUploadID() string {
	for {
		if id := base64.RawURLEncoding.EncodeToString(randomBytes(48)); id[0] != '-' {
			return id
		}
	}
}

// upload returns the bucket's upload with that id for key, or nil; an id of
// another key does not exist for this one.
func (b *bucket) upload(id, key string) *multipartUpload {
	if up := b.uploads[id]; up != nil && up.Key == key {
		return up
	}
	return nil
}

// addUpload registers a new upload.
func (b *bucket) addUpload(up *multipartUpload) {
	if b.uploads == nil {
		b.uploads = map[string]*multipartUpload{}
	}
	b.uploads[up.ID] = up
}

// errNoSuchUpload answers an upload id that is unknown, aborted or completed.
func errNoSuchUpload(id string) *s3Error {
	return newError(http.StatusNotFound, "NoSuchUpload",
		"The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.").
		with("UploadId", id)
}

// initiatorID is how upload listings name who started an upload: the
// canonical user id for the account root, the ARN for an IAM user.
func (s *Server) initiatorID(p *principal) string {
	if p.isRoot {
		return canonicalUserID(s.opts.AccountID)
	}
	return p.creds.ARN
}
