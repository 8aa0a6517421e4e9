package sandbox

// S3's size limits (AWS S3 User Guide, "Uploading objects" and "Amazon S3
// multipart upload limits"; S3-BEHAVIOR.md is silent on them): one PutObject,
// one UploadPart and the source of one CopyObject carry at most 5 GiB
// (5,368,709,120 bytes, what S3 reports as MaxSizeAllowed), and an object
// assembled by CompleteMultipartUpload at most 5 TiB. Over them S3 answers
// 400 EntityTooLarge (a copy source: 400 InvalidRequest).
const (
	maxSingleUploadSize = 5 << 30
	maxObjectSize       = 5 << 40
)

// putLimit is the most one PutObject or UploadPart may carry: S3's 5 GiB, or
// Options.MaxObjectSize when that is lower.
func (s *Server) putLimit() int64 {
	if m := s.opts.MaxObjectSize; m > 0 && m < maxSingleUploadSize {
		return m
	}
	return maxSingleUploadSize
}

// objectLimit is the largest object CompleteMultipartUpload may assemble:
// S3's 5 TiB, or Options.MaxObjectSize when that is lower.
func (s *Server) objectLimit() int64 {
	if m := s.opts.MaxObjectSize; m > 0 && m < maxObjectSize {
		return m
	}
	return maxObjectSize
}
