package sandbox

// announcesWrittenVersion reports whether a write (PutObject, CopyObject,
// CompleteMultipartUpload) answers with x-amz-version-id. Only an Enabled
// bucket does: a write into a Suspended bucket creates the version "null",
// but S3 sends no header for it (the AWS PutObject reference describes
// VersionId as the version "of the object" for versioning-enabled buckets;
// LocalStack's AWS-validated provider sets it only when the status is
// Enabled). Reads (GET/HEAD) of a null version still carry "null".
func (b *bucket) announcesWrittenVersion() bool { return b.Versioning == versioningEnabled }
