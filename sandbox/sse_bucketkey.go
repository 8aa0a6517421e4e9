package sandbox

import (
	"encoding/json"
	"sync"
	"time"
)

// bucketKeyTTL is how long a bucket-level key serves requests before S3 asks
// KMS again. AWS does not publish its lifetime (2.5, UNVERIFIED); five minutes
// of the sandbox clock shows the effect without keeping keys around for long.
const bucketKeyTTL = 5 * time.Minute

// bucketKeyScope is what a bucket key is shared by (2.5): one bucket, one KMS
// key, one requester, and the encryption context it was generated under.
type bucketKeyScope struct {
	Bucket, KeyARN, Requester, Context string
}

// bucketKeyEntry is a bucket key in plaintext with its KMS ciphertext.
type bucketKeyEntry struct {
	Plaintext, Blob []byte
	Expires         time.Time
}

// bucketKeyCache holds the bucket keys new objects are encrypted under
// (current) and those recovered by Decrypt for reads (opened, also keyed by
// the ciphertext, since objects keep the bucket key they were written with).
type bucketKeyCache struct {
	// gen serialises the generation of new bucket keys, so that writers
	// that miss the cache at the same moment share one key (one KMS call)
	// instead of each generating its own: the count of KMS calls a batch
	// of writes costs is then the same on every run.
	gen     sync.Mutex
	mu      sync.Mutex
	current map[bucketKeyScope]bucketKeyEntry
	opened  map[openedKeyID]bucketKeyEntry
}

// openedKeyID identifies a recovered bucket key.
type openedKeyID struct {
	Scope bucketKeyScope
	Blob  string
}

// forWrite returns the live bucket key of scope, if any.
func (c *bucketKeyCache) forWrite(scope bucketKeyScope, now time.Time) (bucketKeyEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.current[scope]
	return e, ok && now.Before(e.Expires)
}

// forRead returns the live plaintext of a stored bucket key, if cached.
func (c *bucketKeyCache) forRead(scope bucketKeyScope, blob []byte, now time.Time) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.opened[openedKeyID{scope, string(blob)}]
	return e.Plaintext, ok && now.Before(e.Expires)
}

// remember caches a key for reads and, when generated, for writes too.
func (c *bucketKeyCache) remember(scope bucketKeyScope, e bucketKeyEntry, generated bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.opened == nil {
		c.opened = map[openedKeyID]bucketKeyEntry{}
		c.current = map[bucketKeyScope]bucketKeyEntry{}
	}
	for id, old := range c.opened { // drop the expired ones so the map stays small
		if !e.Expires.After(old.Expires.Add(bucketKeyTTL)) {
			continue
		}
		delete(c.opened, id)
	}
	c.opened[openedKeyID{scope, string(e.Blob)}] = e
	if generated {
		c.current[scope] = e
	}
}

// canonicalContext renders an encryption context deterministically (sorted
// keys, as encoding/json does for maps) for use in cache keys.
func canonicalContext(ctx map[string]string) string {
	b, _ := json.Marshal(ctx)
	return string(b)
}
