package kms_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/s3sec/s3sec/sandbox"
)

func TestCreateAliasErrors(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := rootClient(t, srv)
	id, _ := newKey(t, c, "target")
	_, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/demo"), TargetKeyId: aws.String(id)})
	must(t, err)

	missing := "0c0ffee0-1234-4abc-8def-0123456789ab"
	for _, tc := range []struct {
		name, alias, target string
		code, msg           string
	}{
		{"no prefix", "demo2", id, "ValidationException",
			`Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`},
		// CreateAlias does not model NotAuthorizedException, so the SDK shows
		// "UnknownError" for its empty message (TestWireFormat checks the body).
		{"reserved", "alias/aws/mine", id, "NotAuthorizedException", "UnknownError"},
		{"exists", "alias/demo", id, "AlreadyExistsException",
			"An alias with the name arn:aws:kms:us-east-1:" + account + ":alias/demo already exists"},
		{"missing target", "alias/other", missing, "NotFoundException",
			"Key 'arn:aws:kms:us-east-1:" + account + ":key/" + missing + "' does not exist"},
		{"colon", "alias/x:y", id, "ValidationException", "alias/x:y contains invalid characters for an alias"},
		{"pattern", "alias/a b", id, "ValidationException",
			"1 validation error detected: Value 'alias/a b' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"},
		{"too long", "alias/" + strings.Repeat("a", 251), id, "ValidationException",
			"1 validation error detected: Value 'alias/" + strings.Repeat("a", 251) + "' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(tc.alias), TargetKeyId: aws.String(tc.target)})
			expectError(t, err, 400, tc.code, tc.msg)
		})
	}
	// The AWS-managed key cannot get customer aliases.
	s3Key := awsS3Key(t, srv, "us-east-1")
	_, err = c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/mine"), TargetKeyId: aws.String(s3Key)})
	expectError(t, err, 400, "AccessDeniedException", "User: arn:aws:iam::"+account+":root is not authorized to perform: kms:CreateAlias on resource: "+
		s3Key+" because no resource-based policy allows the kms:CreateAlias action")
}

func TestListAliases(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: func() time.Time { return fixedTime }})
	c := rootClient(t, srv)
	id1, _ := newKey(t, c, "one")
	id2, _ := newKey(t, c, "two")
	for _, a := range []struct{ name, target string }{{"alias/c", id1}, {"alias/a", id2}, {"alias/b", id1}} {
		_, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(a.name), TargetKeyId: aws.String(a.target)})
		must(t, err)
	}

	// alias/aws/s3 appears only once S3 (or DescribeKey) has created its key.
	names := func(in *kms.ListAliasesInput) string {
		t.Helper()
		var got []string
		p := kms.NewListAliasesPaginator(c, in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			must(t, err)
			for _, a := range out.Aliases {
				if aws.ToString(a.AliasArn) != "arn:aws:kms:us-east-1:"+account+":"+aws.ToString(a.AliasName) ||
					!aws.ToTime(a.CreationDate).Equal(fixedTime) || !aws.ToTime(a.LastUpdatedDate).Equal(fixedTime) {
					t.Fatalf("alias entry %+v", a)
				}
				got = append(got, aws.ToString(a.AliasName)+"->"+aws.ToString(a.TargetKeyId))
			}
		}
		return strings.Join(got, " ")
	}
	if got, want := names(&kms.ListAliasesInput{Limit: aws.Int32(2)}), "alias/a->"+id2+" alias/b->"+id1+" alias/c->"+id1; got != want {
		t.Fatalf("aliases %s, want %s", got, want)
	}
	d, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/aws/s3")})
	must(t, err)
	if d.KeyMetadata.KeyManager != "AWS" || aws.ToString(d.KeyMetadata.Description) != "Default key that protects my S3 objects when no other key is defined" {
		t.Fatalf("aws/s3 key: %s", describe(d.KeyMetadata))
	}
	s3ID := aws.ToString(d.KeyMetadata.KeyId)
	if got, want := names(&kms.ListAliasesInput{Limit: aws.Int32(1)}), "alias/a->"+id2+" alias/aws/s3->"+s3ID+" alias/b->"+id1+" alias/c->"+id1; got != want {
		t.Fatalf("aliases %s, want %s", got, want)
	}
	// Filtered by key, by id or ARN.
	if got, want := names(&kms.ListAliasesInput{KeyId: aws.String(id1)}), "alias/b->"+id1+" alias/c->"+id1; got != want {
		t.Fatalf("aliases of %s: %s, want %s", id1, got, want)
	}
	// DeleteAlias removes the name, not the key.
	_, err = c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String("alias/b")})
	must(t, err)
	if got, want := names(&kms.ListAliasesInput{KeyId: aws.String("arn:aws:kms:us-east-1:" + account + ":key/" + id1)}), "alias/c->"+id1; got != want {
		t.Fatalf("after DeleteAlias: %s, want %s", got, want)
	}
	_, err = c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String("alias/b")})
	expectError(t, err, 400, "NotFoundException", "Alias arn:aws:kms:us-east-1:"+account+":alias/b is not found.")

	_, err = c.ListAliases(ctx, &kms.ListAliasesInput{Marker: aws.String("alias/zzz")})
	expectError(t, err, 400, "InvalidMarkerException",
		"The request was rejected because the marker that specifies where pagination should next begin is not valid.")
}
