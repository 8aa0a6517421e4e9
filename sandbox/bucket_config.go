package sandbox

import (
	"github.com/s3sec/s3sec/sandbox/bucketconfig"
	"github.com/s3sec/s3sec/sandbox/policy"
)

// bucketConfig holds a bucket's configuration sub-resources. Values are
// replaced wholesale on PUT, never mutated, so readers may keep them after
// releasing the store lock.
type bucketConfig struct {
	encryption bucketconfig.EncryptionRule
	cors       *bucketconfig.CORS // nil: NoSuchCORSConfiguration
	logging    bucketconfig.Logging
	policy     []byte                          // normalised JSON; nil: NoSuchBucketPolicy
	policyDoc  *policy.Policy                  // policy parsed for evaluation
	public     bool                            // the policy grants public access (GetBucketPolicyStatus)
	pab        *bucketconfig.PublicAccessBlock // nil: NoSuchPublicAccessBlockConfiguration
	lifecycle  *bucketconfig.Lifecycle         // nil: NoSuchLifecycleConfiguration
}

// defaultBucketConfig is the configuration of a bucket created today (10.1):
// SSE-S3 default encryption with SSE-C blocked, Block Public Access all on.
func defaultBucketConfig() bucketConfig {
	return bucketConfig{
		encryption: bucketconfig.DefaultEncryption(),
		pab: &bucketconfig.PublicAccessBlock{
			BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true,
		},
	}
}

// withBucket runs fn on the named bucket under the store lock (exclusive
// when write is set); a bucket deleted meanwhile answers NoSuchBucket.
func (c *s3Call) withBucket(write bool, fn func(b *bucket) *s3Error) *s3Error {
	st := c.s.store
	if write {
		st.mu.Lock()
		defer st.mu.Unlock()
	} else {
		st.mu.RLock()
		defer st.mu.RUnlock()
	}
	b := st.get(c.bucket)
	if b == nil {
		return errNoSuchBucket(c.bucket)
	}
	return fn(b)
}

// readConfigBody reads a configuration document and checks an optional Content-MD5.
func (c *s3Call) readConfigBody() ([]byte, *s3Error) {
	body, err := c.readBody(maxConfigBody)
	if err != nil {
		return nil, err
	}
	sum := md5Sum(body)
	if err := checkContentMD5(c.r.Header, sum); err != nil {
		return nil, err
	}
	return body, nil
}
