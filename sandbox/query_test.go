package sandbox_test

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/s3sec/s3sec/sandbox"
)

func TestGetCallerIdentity(t *testing.T) {
	srv := start(t, sandbox.Options{AdminDeniedActions: []string{"*"}})
	for _, tc := range []struct {
		creds       sandbox.Credentials
		arn, userID string
	}{
		{srv.Root(), "arn:aws:iam::111122223333:root", "111122223333"},
		{srv.Admin(), "arn:aws:iam::111122223333:user/admin", "AIDAJQABLZS4A3QDU576Q"},
	} {
		for _, plain := range []bool{false, true} {
			out, err := stsClient(t, srv, clientOpts{creds: tc.creds, plain: plain}).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			if err != nil {
				t.Fatal(err)
			}
			if aws.ToString(out.Arn) != tc.arn || aws.ToString(out.UserId) != tc.userID || aws.ToString(out.Account) != "111122223333" {
				t.Fatalf("%+v", out)
			}
		}
	}
}

func TestQueryProtocolErrors(t *testing.T) {
	srv := start(t, sandbox.Options{})
	_, err := stsClient(t, srv, clientOpts{}).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::111122223333:role/x"), RoleSessionName: aws.String("s")})
	expectError(t, err, 400, "InvalidAction", "Could not find operation AssumeRole for version 2011-06-15")
	bad := clientOpts{creds: sandbox.Credentials{AccessKeyID: "AKIANOBODY0000000000", SecretAccessKey: "x"}}
	_, err = stsClient(t, srv, bad).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	expectError(t, err, http.StatusForbidden, "InvalidClientTokenId", "The security token included in the request is invalid.")
}

// TestKMSEndpoint checks the wiring of the KMS endpoint (sandbox/kms has the
// service's own tests): an unseeded sandbox has no demo alias, and operations
// the sandbox lacks are refused, never silently accepted.
func TestKMSEndpoint(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := kms.NewFromConfig(awsConfig(t, srv, clientOpts{}), func(o *kms.Options) { o.BaseEndpoint = aws.String(srv.HTTPSURL()) })
	_, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/acme-records")})
	expectError(t, err, 400, "NotFoundException", "Alias arn:aws:kms:us-east-1:111122223333:alias/acme-records is not found.")
	_, err = c.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String("alias/aws/s3")})
	expectError(t, err, 400, "UnsupportedOperationException", "")
}
