package sandbox

import (
	"fmt"
	"time"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// seedVersionIDs fixes the version-id sequence of the demo data so that
// listings of a seeded sandbox are the same on every start.
var seedVersionIDs = [32]byte{'s', '3', 's', 'e', 'c', '-', 'd', 'e', 'm', 'o'}

// seeder loads the demo data through the same internal code paths as the
// API handlers: configuration documents are parsed by bucketconfig and
// applied by the handlers' own functions; objects go through the version stack.
type seeder struct {
	s    *Server
	base time.Time // Options.Clock at start, to the second
	err  error
}

// seed creates the demo buckets of DemoBuckets.
func (s *Server) seed() error {
	s.versionIDs.Deterministic(&seedVersionIDs)
	defer s.versionIDs.Deterministic(nil)
	s.sse.etagSource.Deterministic(&seedVersionIDs) // opaque ETags too
	defer s.sse.etagSource.Deterministic(nil)
	defer s.sse.calls.reset() // the demo's KMS call counts start at zero
	// Demo key ARNs are the same on every start.
	s.kms.DeterministicIDs(&seedKMSKeyIDs)
	defer s.kms.DeterministicIDs(nil)
	sd := &seeder{s: s, base: s.opts.Clock().UTC().Truncate(time.Second)}
	sd.kmsKeys() // before any bucket: their default encryption names these keys
	sd.secureRecords()
	sd.selfLog()
	sd.pingPong()
	sd.publicAssets()
	sd.suspended()
	sd.scratch()
	sd.lifecycleArchive()
	sd.ssecVault()
	sd.encryptionModes()
	return sd.err
}

// ago is a timestamp the given number of days and hours before the seed time.
func (sd *seeder) ago(days, hours int) time.Time {
	return sd.base.Add(-time.Duration(days*24+hours) * time.Hour)
}

// bucket creates a bucket in region, created at t.
func (sd *seeder) bucket(name, region string, t time.Time) {
	if sd.err != nil {
		return
	}
	constraint := region
	if region == usEast1 {
		constraint = ""
	}
	if e := sd.s.createBucket(name, region, constraint, t); e != nil {
		sd.err = fmt.Errorf("create %s: %v", name, e)
	}
}

// apply runs fn on a bucket under the store lock.
func (sd *seeder) apply(name, what string, fn func(b *bucket) *s3Error) {
	if sd.err != nil {
		return
	}
	st := sd.s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	b := st.get(name)
	if b == nil {
		sd.err = fmt.Errorf("%s: no bucket %s", what, name)
		return
	}
	if e := fn(b); e != nil {
		sd.err = fmt.Errorf("%s on %s: %v", what, name, e)
	}
}

// check turns a bucketconfig parse error into an s3Error for apply.
func check(e *bucketconfig.Error) *s3Error {
	if e != nil {
		return fromConfig(e)
	}
	return nil
}

// encryption applies a PutBucketEncryption document.
func (sd *seeder) encryption(name, doc string) {
	sd.apply(name, "encryption", func(b *bucket) *s3Error {
		rule, e := bucketconfig.ParseEncryption([]byte(doc))
		if e == nil {
			setEncryption(b, rule)
		}
		return check(e)
	})
}

// versioning applies a PutBucketVersioning document.
func (sd *seeder) versioning(name, status, mfaDelete string) {
	doc := "<VersioningConfiguration><Status>" + status + "</Status>"
	if mfaDelete != "" {
		doc += "<MfaDelete>" + mfaDelete + "</MfaDelete>"
	}
	doc += "</VersioningConfiguration>"
	sd.apply(name, "versioning", func(b *bucket) *s3Error {
		v, e := bucketconfig.ParseVersioning([]byte(doc))
		if e == nil {
			applyVersioning(b, v)
		}
		return check(e)
	})
}

// logging applies a PutBucketLogging document with the handler's target checks.
func (sd *seeder) logging(name, target, prefix string) {
	doc := "<BucketLoggingStatus><LoggingEnabled><TargetBucket>" + target + "</TargetBucket><TargetPrefix>" +
		prefix + "</TargetPrefix></LoggingEnabled></BucketLoggingStatus>"
	sd.apply(name, "logging", func(b *bucket) *s3Error {
		l, e := bucketconfig.ParseLogging([]byte(doc))
		if e != nil {
			return fromConfig(e)
		}
		return sd.s.setLogging(b, l)
	})
}

// policy applies a PutBucketPolicy document as the root user.
func (sd *seeder) policy(name, doc string) {
	sd.apply(name, "policy", func(b *bucket) *s3Error { return setPolicy(b, []byte(doc), sd.s.root) })
}

// cors applies a PutBucketCors document.
func (sd *seeder) cors(name, doc string) {
	sd.apply(name, "cors", func(b *bucket) *s3Error {
		c, e := bucketconfig.ParseCORS([]byte(doc))
		if e == nil {
			b.config.cors = &c
		}
		return check(e)
	})
}

// put stores an object version written at t by the root user, encrypted
// like a PutObject without SSE headers: under the bucket's default encryption.
func (sd *seeder) put(name, key, contentType, body string, t time.Time) {
	sd.putWith(name, key, contentType, body, t, sseRequest{})
}

// putWith stores an object version written at t with the SSE headers of req
// (through the same choice and encryption code as PutObject).
func (sd *seeder) putWith(name, key, contentType, body string, t time.Time, req sseRequest) {
	sd.apply(name, "put "+key, func(b *bucket) *s3Error {
		ch := chooseSSE(req, b.config.encryption)
		v := newDataVersion(key, int64(len(body)), contentType, t)
		sc := keyScope{Bucket: name, Region: b.Region, Key: key, Requester: sd.s.root.creds.ARN}
		if err := sd.s.sealContent(v, []byte(body), ch, sc); err != nil {
			return err
		}
		b.putVersion(v, sd.s.versionIDs.next)
		return nil
	})
}

// del deletes an object without a version id at t (a delete marker when versioned).
func (sd *seeder) del(name, key string, t time.Time) {
	sd.apply(name, "delete "+key, func(b *bucket) *s3Error {
		b.deleteCurrent(key, t, sd.s.versionIDs.next)
		return nil
	})
}

// tlsOnlyPolicy is the deny-non-TLS policy of 6.2 for a bucket.
func tlsOnlyPolicy(name string) string {
	return `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*",` +
		`"Action":"s3:*","Resource":["arn:aws:s3:::` + name + `","arn:aws:s3:::` + name + `/*"],` +
		`"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
}
