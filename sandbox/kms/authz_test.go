package kms_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/s3sec/s3sec/sandbox"
)

// TestIdentityPolicyDeny checks that the admin user's denied actions
// (sandbox.Options.AdminDeniedActions) apply to KMS, naming the key, and
// leave the root user and other actions alone.
func TestIdentityPolicyDeny(t *testing.T) {
	srv := start(t, sandbox.Options{AdminDeniedActions: []string{"kms:Decrypt", "kms:List*", "kms:DescribeKey", "kms:CreateAlias"}})
	admin := client(t, srv, "us-east-1", srv.Admin())
	root := rootClient(t, srv)
	id, arn := newKey(t, admin, "admin's key")
	const who = "User: arn:aws:iam::" + account + ":user/admin is not authorized to perform: "
	const why = " with an explicit deny in an identity-based policy"

	enc, err := admin.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(id), Plaintext: []byte("x")})
	must(t, err)
	_, err = admin.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob})
	expectError(t, err, 400, "AccessDeniedException", who+"kms:Decrypt on resource: "+arn+why)
	_, err = admin.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	expectError(t, err, 400, "AccessDeniedException", who+"kms:DescribeKey on resource: "+arn+why)
	_, err = admin.ListKeys(ctx, &kms.ListKeysInput{})
	expectError(t, err, 400, "AccessDeniedException", who+"kms:ListKeys"+why)
	_, err = admin.ListAliases(ctx, &kms.ListAliasesInput{})
	expectError(t, err, 400, "AccessDeniedException", who+"kms:ListAliases"+why)
	_, err = admin.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/denied"), TargetKeyId: aws.String(id)})
	expectError(t, err, 400, "AccessDeniedException", who+"kms:CreateAlias on resource: arn:aws:kms:us-east-1:"+account+":alias/denied"+why)

	dec, err := root.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob})
	must(t, err)
	if string(dec.Plaintext) != "x" {
		t.Fatalf("root decrypted %q", dec.Plaintext)
	}
	_, err = root.ListKeys(ctx, &kms.ListKeysInput{})
	must(t, err)
}
