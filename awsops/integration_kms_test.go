package awsops_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

func TestKMSKeysAndValidation(t *testing.T) {
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	disabledARN := e.srv.KMS().CreateKey(e.region, "test: disabled")
	if err := e.srv.KMS().SetEnabled(e.region, disabledARN, false); err != nil {
		t.Fatal(err)
	}
	// The AWS-managed aws/s3 key appears once S3 first uses it.
	if _, err := e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "aws-s3", Body: strings.NewReader("x"), Size: 1, Mode: awsops.SSEKMS}, nil); err != nil {
		t.Fatal(err)
	}

	keys, err := e.sess.KMSKeys(ctx, e.region)
	if err != nil {
		t.Fatal(err)
	}
	byLabel := map[string]awsops.KMSKey{}
	for _, k := range keys {
		byLabel[k.Label()] = k
	}
	rec, ok := byLabel["alias/acme-records"]
	if !ok || !rec.Enabled || rec.Manager != "CUSTOMER" || rec.Region != e.region || !strings.Contains(rec.Description, "customer records") || !rec.UsableForS3() {
		t.Errorf("alias/acme-records = %+v (listed: %v)", rec, slices.Collect(maps.Keys(byLabel)))
	}
	if m, ok := byLabel["alias/aws/s3"]; !ok || m.Manager != "AWS" {
		t.Errorf("alias/aws/s3 = %+v, want an AWS-managed key", m)
	}
	if _, ok := byLabel["alias/acme-eu"]; ok {
		t.Error("the eu-west-1 key is listed in us-east-1")
	}
	var dis *awsops.KMSKey
	for i := range keys {
		if keys[i].ARN == disabledARN {
			dis = &keys[i]
		}
	}
	if dis == nil || dis.Enabled || dis.State != "Disabled" || len(dis.Aliases) != 0 {
		t.Errorf("disabled key = %+v", dis)
	}

	if k, err := e.sess.ValidateKMSKey(ctx, e.region, "alias/acme-records"); err != nil || k.ARN != rec.ARN {
		t.Errorf("ValidateKMSKey(alias/acme-records) = %+v, %v", k, err)
	}
	for name, tc := range map[string]struct{ key, want string }{
		"disabled":     {disabledARN, "disabled"},
		"missing":      {"alias/no-such-key", "no such key or alias in us-east-1"},
		"other region": {strings.Replace(rec.ARN, "us-east-1", "eu-west-1", 1), "is in eu-west-1 and the bucket is in us-east-1"},
	} {
		_, err := e.sess.ValidateKMSKey(ctx, e.region, tc.key)
		var ke *awsops.KMSKeyError
		if !errors.As(err, &ke) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want a KMSKeyError saying %q", name, err, tc.want)
		}
	}

	// S3 refuses to write with the disabled key, with KMS's reason.
	_, err = e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "disabled", Body: strings.NewReader("x"), Size: 1, Mode: awsops.SSEKMS, KMSKeyID: disabledARN}, nil)
	if !awsops.IsKMSKeyDisabled(err) || awsops.Classify(err).Code != "KMS.DisabledException" || !strings.Contains(err.Error(), disabledARN+" is disabled.") {
		t.Errorf("upload with a disabled key: %v, want KMS.DisabledException naming the key", err)
	}
	// And so does the client-side keyring, calling KMS itself.
	_, err = e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "disabled-cs", Body: strings.NewReader("x"), Size: 1, Mode: awsops.SSEClient, Keyring: e.sess.KMSKeyring(e.region, disabledARN)}, nil)
	if !awsops.IsKMSKeyDisabled(err) {
		t.Errorf("client-side upload with a disabled key: %v, want DisabledException", err)
	}
}

func TestKMSThrottlingIsReadable(t *testing.T) {
	t.Parallel()
	// The session's retryer backs off and retries throttled calls (three
	// attempts); with a quota this small every attempt fails, so the test
	// sees what a view sees: the error after the retries, in a few seconds.
	// Not seeded: the seed's own SSE-KMS objects would exhaust so small a quota.
	e := newEncEnv(t, sandbox.Options{KMSRequestsPerSecond: 0.001, Seed: false})
	ctx := context.Background()
	keyARN := e.srv.KMS().CreateKey(e.region, "test: throttled")
	if err := e.srv.KMS().CreateAlias(e.region, "alias/acme-records", keyARN); err != nil {
		t.Fatal(err)
	}
	var s3Err, kmsErr error
	for i := 0; i < 5 && s3Err == nil; i++ {
		_, s3Err = e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "throttled", Body: bytes.NewReader([]byte("x")), Size: 1, Mode: awsops.SSEKMS, KMSKeyID: "alias/acme-records"}, nil)
	}
	if !awsops.IsThrottled(s3Err) || awsops.Classify(s3Err).Code != "SlowDown" {
		t.Errorf("S3 under KMS throttling: %v, want 503 SlowDown recognised by IsThrottled", s3Err)
	}
	for i := 0; i < 5 && kmsErr == nil; i++ {
		_, kmsErr = e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "throttled-cs", Body: bytes.NewReader([]byte("x")), Size: 1, Mode: awsops.SSEClient, Keyring: e.sess.KMSKeyring(e.region, "alias/acme-records")}, nil)
	}
	if !awsops.IsThrottled(kmsErr) || awsops.Classify(kmsErr).Code != "ThrottlingException" {
		t.Errorf("client-side under KMS throttling: %v, want ThrottlingException recognised by IsThrottled", kmsErr)
	}
	if hint := awsops.ExplainEncryptionError(s3Err); !strings.Contains(hint, "Bucket Key") {
		t.Errorf("explanation %q does not point at the bucket key", hint)
	}
}
