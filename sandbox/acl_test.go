package sandbox_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// TestACLsDisabledByDefault: a new bucket is BucketOwnerEnforced; the ACL
// APIs answer the owner's FULL_CONTROL and refuse any other grant.
func TestACLsDisabledByDefault(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	ctx := context.Background()
	mustBucket(t, c, "acls")
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("acls"), Key: aws.String("k"), Body: strings.NewReader("x")}); err != nil {
		t.Fatal(err)
	}
	oc, err := c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String("acls")})
	if err != nil || len(oc.OwnershipControls.Rules) != 1 || oc.OwnershipControls.Rules[0].ObjectOwnership != types.ObjectOwnershipBucketOwnerEnforced {
		t.Fatalf("ownership controls %+v, %v", oc, err)
	}
	list, err := c.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	owner := aws.ToString(list.Owner.ID)
	ownerOnly := func(what string, grants []types.Grant, ownerID *string) {
		t.Helper()
		if aws.ToString(ownerID) != owner || len(grants) != 1 || aws.ToString(grants[0].Grantee.ID) != owner ||
			grants[0].Grantee.Type != types.TypeCanonicalUser || grants[0].Permission != types.PermissionFullControl {
			t.Errorf("%s: owner %q grants %+v; want only the owner's FULL_CONTROL", what, aws.ToString(ownerID), grants)
		}
	}
	bacl, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String("acls")})
	if err != nil {
		t.Fatal(err)
	}
	ownerOnly("GetBucketAcl", bacl.Grants, bacl.Owner.ID)
	oacl, err := c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String("acls"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	ownerOnly("GetObjectAcl", oacl.Grants, oacl.Owner.ID)

	_, err = c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String("acls"), ACL: types.BucketCannedACLPublicRead})
	expectError(t, err, http.StatusBadRequest, "AccessControlListNotSupported", "The bucket does not allow ACLs")
	_, err = c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String("acls"), Key: aws.String("k"), GrantRead: aws.String(`uri="http://acs.amazonaws.com/groups/global/AllUsers"`)})
	expectError(t, err, http.StatusBadRequest, "AccessControlListNotSupported", "The bucket does not allow ACLs")
	// An ACL that grants nothing beyond the owner is accepted.
	if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String("acls"), ACL: types.BucketCannedACLPrivate}); err != nil {
		t.Errorf("private ACL on an ACL-disabled bucket: %v", err)
	}
	if _, err := c.PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String("acls"), Key: aws.String("k"), ACL: types.ObjectCannedACLBucketOwnerFullControl}); err != nil {
		t.Errorf("bucket-owner-full-control on an ACL-disabled bucket: %v", err)
	}
}

// TestACLsEnabledByOwnershipControls: ObjectWriter enables ACLs; Block Public
// Access still refuses public grants; ACLs cannot be disabled while a grant
// beyond the owner remains; deleting the controls leaves none.
func TestACLsEnabledByOwnershipControls(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	ctx := context.Background()
	b := aws.String("legacy")
	mustBucket(t, c, "legacy")
	if _, err := c.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: &types.OwnershipControls{
		Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipObjectWriter}}}}); err != nil {
		t.Fatal(err)
	}
	_, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPublicRead})
	expectError(t, err, http.StatusForbidden, "AccessDenied", "")
	if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPublicRead}); err != nil {
		t.Fatalf("public-read with ACLs enabled and BPA off: %v", err)
	}
	acl, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
	if err != nil {
		t.Fatal(err)
	}
	public := false
	for _, g := range acl.Grants {
		public = public || (g.Grantee.Type == types.TypeGroup && strings.HasSuffix(aws.ToString(g.Grantee.URI), "/AllUsers") && g.Permission == types.PermissionRead)
	}
	if len(acl.Grants) != 2 || !public {
		t.Errorf("grants after public-read: %+v", acl.Grants)
	}
	enforce := &s3.PutBucketOwnershipControlsInput{Bucket: b, OwnershipControls: &types.OwnershipControls{
		Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced}}}}
	_, err = c.PutBucketOwnershipControls(ctx, enforce)
	expectError(t, err, http.StatusBadRequest, "InvalidBucketAclWithObjectOwnership", "")
	if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPrivate}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutBucketOwnershipControls(ctx, enforce); err != nil {
		t.Errorf("disabling ACLs after the grant was removed: %v", err)
	}
	if _, err := c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: b}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
	expectError(t, err, http.StatusNotFound, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found")

	res := do(t, srv, clientOpts{}, http.MethodPut, "/legacy?ownershipControls", []byte(`<OwnershipControls><Rule><ObjectOwnership>Nobody</ObjectOwnership></Rule></OwnershipControls>`), nil)
	if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), "<Code>MalformedXML</Code>") {
		t.Errorf("unknown ownership: %d %s", res.Status, res.Body)
	}
	res = do(t, srv, clientOpts{}, http.MethodPut, "/legacy?acl", nil, nil)
	if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), "<Code>MissingSecurityHeader</Code>") {
		t.Errorf("PutBucketAcl with no ACL: %d %s", res.Status, res.Body)
	}
}
