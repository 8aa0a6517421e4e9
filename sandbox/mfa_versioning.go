package sandbox

import "github.com/s3sec/s3sec/sandbox/bucketconfig"

// Values of a bucket's MFADelete; "" means never configured and counts as off.
const (
	mfaDeleteOn  = "Enabled"
	mfaDeleteOff = "Disabled"
)

// mfaDeleteEnabled reports whether deleting versions and changing the
// versioning state need MFA on this bucket.
func (b *bucket) mfaDeleteEnabled() bool { return b.MFADelete == mfaDeleteOn }

// versioningNeedsMFA reports whether applying v to b needs MFA (3.3): every
// change of MfaDelete (so enabling it always does), and on an MFA Delete
// bucket every change of Status. Repeating the current state does not: that
// is Ceph's behaviour, AWS's is UNVERIFIED.
func versioningNeedsMFA(b *bucket, v bucketconfig.Versioning) bool {
	current := b.MFADelete
	if current == "" {
		current = mfaDeleteOff
	}
	mfaChanges := v.MFADelete != "" && v.MFADelete != current
	statusChanges := v.Status != "" && v.Status != b.Versioning
	return mfaChanges || b.mfaDeleteEnabled() && statusChanges
}

// mfaDeleteConflict refuses to enable MFA Delete on a bucket that has
// lifecycle rules, which AWS does not support together (3.5).
func mfaDeleteConflict(b *bucket, v bucketconfig.Versioning) *s3Error {
	if v.MFADelete == mfaDeleteOn && b.config.lifecycle != nil {
		return errLifecycleWithMFADelete()
	}
	return nil
}

// anyVersionID reports whether a DeleteObjects request names a version, which
// makes the whole request need MFA on an MFA Delete bucket.
func anyVersionID(objects []bucketconfig.ObjectIdentifier) bool {
	for _, o := range objects {
		if o.VersionID != "" {
			return true
		}
	}
	return false
}
