package sandbox

import (
	"sort"
	"time"
)

// Versioning states of a bucket; the empty string is "never versioned".
const (
	versioningEnabled   = "Enabled"
	versioningSuspended = "Suspended"
)

// bucket is one S3 bucket: identity, configuration and objects.
type bucket struct {
	Name               string
	Region             string
	LocationConstraint string // as created: "" for us-east-1
	Created            time.Time
	Versioning         string // "", Enabled, Suspended
	MFADelete          string // "", Enabled, Disabled (enforced by checkMFA)
	ObjectOwnership    string // BucketOwnerEnforced for every new bucket since 2023-04; "" after DeleteBucketOwnershipControls

	// acl is the bucket ACL stored by PutBucketAcl (nil: the owner's
	// FULL_CONTROL); objectACLs holds PutObjectAcl grants per version (acl.go).
	acl        []aclGrant
	objectACLs map[*objectVersion][]aclGrant

	config bucketConfig

	// objects maps a key to its version stack, newest first.
	objects map[string][]*objectVersion

	// uploads holds the multipart uploads in progress by upload id (nil until the first).
	uploads map[string]*multipartUpload

	// completed remembers recently completed uploads for retried completions.
	completed recentCompletions
}

// newBucket returns an empty bucket with the defaults of a bucket created today.
func newBucket(name, region, constraint string, created time.Time) *bucket {
	return &bucket{
		Name:               name,
		Region:             region,
		LocationConstraint: constraint,
		Created:            created,
		ObjectOwnership:    "BucketOwnerEnforced",
		config:             defaultBucketConfig(),
		objects:            map[string][]*objectVersion{},
	}
}

// versioned reports whether versioning was ever configured (responses then carry x-amz-version-id).
func (b *bucket) versioned() bool { return b.Versioning != "" }

// current returns the newest version of key (possibly a delete marker) or nil.
func (b *bucket) current(key string) *objectVersion {
	if stack := b.objects[key]; len(stack) > 0 {
		return stack[0]
	}
	return nil
}

// version returns the version of key with the given id, or nil.
func (b *bucket) version(key, versionID string) *objectVersion {
	for _, v := range b.objects[key] {
		if v.VersionID == versionID {
			return v
		}
	}
	return nil
}

// isEmpty reports whether no object and no version remains.
func (b *bucket) isEmpty() bool { return len(b.objects) == 0 }

// sortedKeys lists the keys that have at least one version, in lexical (byte) order.
func (b *bucket) sortedKeys() []string {
	keys := make([]string, 0, len(b.objects))
	for k := range b.objects {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// putVersion stores v as the newest version of its key following the bucket's
// versioning state (3.4): Enabled keeps history and gives v newID; unversioned
// and Suspended replace the null version wherever it sits in the stack.
func (b *bucket) putVersion(v *objectVersion, newID func() string) {
	if b.Versioning == versioningEnabled {
		v.VersionID = newID()
	} else {
		v.VersionID = nullVersionID
		b.removeVersion(v.Key, nullVersionID)
	}
	b.objects[v.Key] = append([]*objectVersion{v}, b.objects[v.Key]...)
}

// deleteResult describes what a delete did, for the x-amz-delete-marker and
// x-amz-version-id response headers and DeleteObjects entries.
type deleteResult struct {
	DeleteMarker bool   // a delete marker was created, or the removed version was one
	VersionID    string // the marker's or removed version's id; "" when none applies
}

// deleteCurrent is DELETE without versionId: removal on an unversioned bucket,
// a new delete marker otherwise (Suspended: a null marker replacing the null version).
func (b *bucket) deleteCurrent(key string, now time.Time, newID func() string) deleteResult {
	switch b.Versioning {
	case "":
		b.removeVersion(key, nullVersionID)
		return deleteResult{}
	case versioningSuspended:
		b.removeVersion(key, nullVersionID)
		b.pushMarker(key, nullVersionID, now)
		return deleteResult{DeleteMarker: true, VersionID: nullVersionID}
	default:
		id := newID()
		b.pushMarker(key, id, now)
		return deleteResult{DeleteMarker: true, VersionID: id}
	}
}

// deleteVersion permanently removes one version or delete marker; deleting an
// id that does not exist succeeds and reports the id back, as S3 does.
func (b *bucket) deleteVersion(key, versionID string) deleteResult {
	removed := b.removeVersion(key, versionID)
	res := deleteResult{VersionID: versionID}
	if removed != nil && removed.DeleteMarker {
		res.DeleteMarker = true
	}
	return res
}

// pushMarker puts a delete marker on top of key's stack.
func (b *bucket) pushMarker(key, id string, now time.Time) {
	m := &objectVersion{Key: key, VersionID: id, DeleteMarker: true, LastModified: now}
	b.objects[key] = append([]*objectVersion{m}, b.objects[key]...)
}

// removeVersion drops the version with the given id from key's stack and
// returns it (nil if absent); an emptied stack removes the key.
func (b *bucket) removeVersion(key, versionID string) *objectVersion {
	stack := b.objects[key]
	for i, v := range stack {
		if v.VersionID != versionID {
			continue
		}
		rest := append(append([]*objectVersion(nil), stack[:i]...), stack[i+1:]...)
		if len(rest) == 0 {
			delete(b.objects, key)
		} else {
			b.objects[key] = rest
		}
		return v
	}
	return nil
}
