package sandbox

import (
	"crypto/md5"
	"encoding/hex"
	"sync"
)

// sseState is the server-wide encryption state: the SSE-S3 master key, the
// S3 Bucket Key cache, the per-bucket KMS call counters and the source of the
// opaque ETags of KMS and SSE-C objects. Its zero value is ready to use.
type sseState struct {
	masterOnce sync.Once
	master     []byte // wraps every SSE-S3 data key; lives only in this process

	bucketKeys bucketKeyCache
	calls      kmsCallCounters

	// etagSource salts the opaque ETags; seeding makes it deterministic so
	// that a seeded sandbox lists the same ETags on every start.
	etagSource versionIDSource
}

// masterKey returns the sandbox's SSE-S3 master key, drawn on first use.
func (st *sseState) masterKey() []byte {
	st.masterOnce.Do(func() { st.master = randomBytes(dataKeySize) })
	return st.master
}

// md5ETag is the quoted hex MD5 ETag of SSE-S3 single-part content.
func md5ETag(sum []byte) string {
	return `"` + hex.EncodeToString(sum) + `"`
}

// opaqueETag is the ETag of SSE-KMS, DSSE-KMS and SSE-C content: not the MD5,
// random-looking and different for identical uploads (2.3).
func (st *sseState) opaqueETag(plainMD5 []byte) string {
	h := md5.New()
	h.Write([]byte(st.etagSource.next()))
	h.Write(plainMD5)
	return md5ETag(h.Sum(nil))
}
