package kms_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/s3sec/s3sec/sandbox"
	sbkms "github.com/s3sec/s3sec/sandbox/kms"
)

// throttleMessage is KMS's text past the request quota.
const throttleMessage = "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls."

func TestThrottling(t *testing.T) {
	// One request, then one more every 100 s: the second call of the test
	// is throttled however slow the machine is.
	srv := start(t, sandbox.Options{KMSRequestsPerSecond: 0.01})
	// The SDK would retry a throttled call; one attempt shows the answer itself.
	c := client(t, srv, "us-east-1", srv.Root(), func(o *kms.Options) {
		o.Retryer = retry.AddWithMaxAttempts(retry.NewStandard(), 1)
	})
	id, _ := newKey(t, c, "busy")

	enc, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(id), Plaintext: []byte("one")})
	must(t, err)
	_, err = c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob})
	expectError(t, err, 400, "ThrottlingException", throttleMessage)
	if !isThrottle(err) {
		t.Fatalf("the SDK does not classify %v as throttling", err)
	}

	// The quota is shared by all crypto operations of the account in the
	// Region: another principal, GenerateDataKey and S3's own calls too.
	admin := client(t, srv, "us-east-1", srv.Admin())
	_, err = admin.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(id), KeySpec: types.DataKeySpecAes256})
	expectError(t, err, 400, "ThrottlingException", throttleMessage)
	_, _, _, err = srv.KMS().GenerateDataKey("us-east-1", id, nil)
	var ke *sbkms.Error
	if !errors.As(err, &ke) || ke.Type != sbkms.ErrThrottling || ke.Message != throttleMessage {
		t.Fatalf("S3's GenerateDataKey: %v", err)
	}

	// Management operations have their own quotas.
	_, err = c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	must(t, err)

	// Every Region has its own quota.
	eu := client(t, srv, "eu-west-1", srv.Root())
	euID, _ := newKey(t, eu, "eu")
	_, err = eu.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(euID), Plaintext: []byte("x")})
	must(t, err)
}

// isThrottle reports whether any of the SDK's throttle classifiers matches err.
func isThrottle(err error) bool {
	for _, c := range retry.DefaultThrottles {
		if c.IsErrorThrottle(err) == aws.TrueTernary {
			return true
		}
	}
	return false
}
