package awsops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// Two SSE-C objects with different keys: each key opens its own object
// only, and a plan with per-object source keys re-encrypts both.
func TestMatchSSECKeyAndPerObjectSourceKeys(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	k1, k2 := randomBytes(32), randomBytes(32)
	for key, k := range map[string][]byte{"one": k1, "two": k2} {
		if _, err := e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: key, Body: strings.NewReader(key), Size: int64(len(key)), Mode: awsops.SSEC, SSECKey: k}, nil); err != nil {
			t.Fatal(err)
		}
	}
	refs := []awsops.ObjectRef{{Key: "one"}, {Key: "two"}}
	fits, err := e.sess.MatchSSECKey(ctx, e.bucket, e.region, refs, k1)
	if err != nil || !fits[0] || fits[1] {
		t.Fatalf("key 1 fits %v (%v); want the first object only", fits, err)
	}
	fits, err = e.sess.MatchSSECKey(ctx, e.bucket, e.region, refs, k2)
	if err != nil || fits[0] || !fits[1] {
		t.Fatalf("key 2 fits %v (%v); want the second object only", fits, err)
	}
	plan := awsops.ReencryptPlan(awsops.BucketState{Name: e.bucket, Region: e.region}, refs,
		awsops.ObjectEncryptionChoice{Mode: awsops.SSES3, SourceSSECKeys: map[awsops.ObjectRef][]byte{refs[0]: k1, refs[1]: k2}})
	if err := e.sess.Apply(ctx, plan, awsops.MFA{}, nil); err != nil {
		t.Fatalf("re-encrypting with each object's own key: %v", err)
	}
	for _, r := range e.sess.HeadObjects(ctx, e.bucket, e.region, refs) {
		if r.Mode != awsops.SSES3 {
			t.Errorf("%s is %s, want SSE-S3", r.Key, r.Mode)
		}
	}
}
