package kms_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/s3sec/s3sec/sandbox"
)

// fixedTime is the clock of sandboxes whose timestamps tests compare exactly.
var fixedTime = time.Date(2026, 11, 20, 9, 30, 0, 250e6, time.UTC)

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestCreateKeyDefaults(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: func() time.Time { return fixedTime }})
	c := rootClient(t, srv)
	out, err := c.CreateKey(ctx, &kms.CreateKeyInput{})
	must(t, err)
	m := out.KeyMetadata
	id := aws.ToString(m.KeyId)
	if !uuidRE.MatchString(id) {
		t.Fatalf("KeyId %q is not a UUID", id)
	}
	want := types.KeyMetadata{
		AWSAccountId: aws.String(account), KeyId: aws.String(id),
		Arn: aws.String("arn:aws:kms:us-east-1:" + account + ":key/" + id), CreationDate: aws.Time(fixedTime),
		Enabled: true, Description: aws.String(""), KeyUsage: types.KeyUsageTypeEncryptDecrypt,
		KeyState: types.KeyStateEnabled, Origin: types.OriginTypeAwsKms, KeyManager: types.KeyManagerTypeCustomer,
		CustomerMasterKeySpec: types.CustomerMasterKeySpecSymmetricDefault, KeySpec: types.KeySpecSymmetricDefault,
		EncryptionAlgorithms: []types.EncryptionAlgorithmSpec{types.EncryptionAlgorithmSpecSymmetricDefault},
		MultiRegion:          aws.Bool(false), CurrentKeyMaterialId: m.CurrentKeyMaterialId,
	}
	if got := describe(m); got != describe(&want) {
		t.Fatalf("metadata\n got %s\nwant %s", got, describe(&want))
	}
	if len(aws.ToString(m.CurrentKeyMaterialId)) != 64 {
		t.Fatalf("CurrentKeyMaterialId %q", aws.ToString(m.CurrentKeyMaterialId))
	}

	// DescribeKey by id, ARN, alias name and alias ARN gives the same metadata.
	must(t, srv.KMS().CreateAlias("us-east-1", "alias/described", id))
	for _, ref := range []string{id, *m.Arn, "alias/described", "arn:aws:kms:us-east-1:" + account + ":alias/described"} {
		d, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(ref)})
		must(t, err)
		if describe(d.KeyMetadata) != describe(m) {
			t.Fatalf("DescribeKey(%s) = %s, want %s", ref, describe(d.KeyMetadata), describe(m))
		}
	}
}

// describe renders the metadata fields the tests compare.
func describe(m *types.KeyMetadata) string {
	var b strings.Builder
	for _, f := range []any{aws.ToString(m.AWSAccountId), aws.ToString(m.KeyId), aws.ToString(m.Arn), aws.ToTime(m.CreationDate).UTC(),
		m.Enabled, aws.ToString(m.Description), m.KeyUsage, m.KeyState, m.Origin, m.KeyManager, m.CustomerMasterKeySpec,
		m.KeySpec, m.EncryptionAlgorithms, aws.ToBool(m.MultiRegion), aws.ToTime(m.DeletionDate).UTC(),
		aws.ToInt32(m.PendingDeletionWindowInDays), aws.ToString(m.CurrentKeyMaterialId)} {
		b.WriteString(strings.TrimSpace(strings.ReplaceAll(sprint(f), "\n", " ")) + "|")
	}
	return b.String()
}

func TestCreateKeyMultiRegionAndRegions(t *testing.T) {
	srv := start(t, sandbox.Options{})
	eu := client(t, srv, "eu-west-1", srv.Root())
	out, err := eu.CreateKey(ctx, &kms.CreateKeyInput{MultiRegion: aws.Bool(true), Description: aws.String("mrk")})
	must(t, err)
	m := out.KeyMetadata
	if !regexp.MustCompile(`^mrk-[0-9a-f]{32}$`).MatchString(*m.KeyId) || !aws.ToBool(m.MultiRegion) ||
		*m.Arn != "arn:aws:kms:eu-west-1:"+account+":key/"+*m.KeyId ||
		m.MultiRegionConfiguration == nil || m.MultiRegionConfiguration.MultiRegionKeyType != types.MultiRegionKeyTypePrimary ||
		aws.ToString(m.MultiRegionConfiguration.PrimaryKey.Region) != "eu-west-1" {
		t.Fatalf("multi-Region key %+v", m)
	}
	// Keys live in their Region: us-east-1 does not know it.
	_, err = rootClient(t, srv).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: m.KeyId})
	expectError(t, err, 400, "NotFoundException", "Key 'arn:aws:kms:us-east-1:"+account+":key/"+*m.KeyId+"' does not exist")
	_, err = rootClient(t, srv).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: m.Arn})
	expectError(t, err, 400, "NotFoundException", "Invalid arn eu-west-1")
}

func TestCreateKeyErrors(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := rootClient(t, srv)
	tags := func(pairs ...string) []types.Tag {
		var out []types.Tag
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, types.Tag{TagKey: aws.String(pairs[i]), TagValue: aws.String(pairs[i+1])})
		}
		return out
	}
	many := make([]string, 0, 102)
	for i := range 51 {
		many = append(many, "k"+strings.Repeat("x", i), "v")
	}
	long := strings.Repeat("k", 129)
	for _, tc := range []struct {
		name      string
		in        kms.CreateKeyInput
		code, msg string
	}{
		{"aws: tag", kms.CreateKeyInput{Tags: tags("aws:x", "1")}, "TagException", "Tags beginning with aws: are reserved"},
		{"duplicate tags", kms.CreateKeyInput{Tags: tags("a", "1", "a", "2")}, "TagException", "Duplicate tag keys"},
		{"too many tags", kms.CreateKeyInput{Tags: tags(many...)}, "TagException", "Too many tags"},
		{"long tag key", kms.CreateKeyInput{Tags: tags(long, "v")}, "ValidationException",
			"1 validation error detected: Value '" + long + "' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"long tag value", kms.CreateKeyInput{Tags: tags("k", strings.Repeat("v", 257))}, "ValidationException",
			"1 validation error detected: Value '" + strings.Repeat("v", 257) + "' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{"asymmetric", kms.CreateKeyInput{KeySpec: types.KeySpecRsa2048, KeyUsage: types.KeyUsageTypeSignVerify}, "UnsupportedOperationException",
			"The s3sec sandbox only creates symmetric encryption keys (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateKey(ctx, &tc.in)
			expectError(t, err, 400, tc.code, tc.msg)
		})
	}
	// A refused CreateKey creates nothing.
	out, err := c.ListKeys(ctx, &kms.ListKeysInput{})
	must(t, err)
	if len(out.Keys) != 0 {
		t.Fatalf("keys after refused creates: %d", len(out.Keys))
	}
}

func TestListKeysPaging(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := rootClient(t, srv)
	var want []string
	for i := range 5 {
		_, arn := newKey(t, c, "k"+string(rune('0'+i)))
		want = append(want, arn)
	}
	// The AWS-managed key is listed once it exists.
	s3Key, err := srv.KMS().ResolveKey("us-east-1", "alias/aws/s3")
	must(t, err)
	want = append(want, s3Key)

	var got []string
	pages := 0
	p := kms.NewListKeysPaginator(c, &kms.ListKeysInput{Limit: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		must(t, err)
		pages++
		if len(out.Keys) > 2 || out.Truncated != (out.NextMarker != nil) {
			t.Fatalf("page %d: %d keys, truncated %v, marker %v", pages, len(out.Keys), out.Truncated, out.NextMarker)
		}
		for _, k := range out.Keys {
			if !strings.HasSuffix(*k.KeyArn, "/"+*k.KeyId) {
				t.Fatalf("entry %s / %s", *k.KeyId, *k.KeyArn)
			}
			got = append(got, *k.KeyArn)
		}
	}
	if pages != 3 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("%d pages: %v, want %v", pages, got, want)
	}

	_, err = c.ListKeys(ctx, &kms.ListKeysInput{Marker: aws.String("bogus")})
	expectError(t, err, 400, "InvalidMarkerException",
		"The request was rejected because the marker that specifies where pagination should next begin is not valid.")
	_, err = c.ListKeys(ctx, &kms.ListKeysInput{Limit: aws.Int32(1001)})
	expectError(t, err, 400, "ValidationException",
		"1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000")
	// Other Regions have their own keys.
	out, err := client(t, srv, "eu-west-1", srv.Root()).ListKeys(ctx, &kms.ListKeysInput{})
	must(t, err)
	if len(out.Keys) != 0 || out.Truncated {
		t.Fatalf("eu-west-1 keys: %+v", out.Keys)
	}
}

func TestEnableDisableKey(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := rootClient(t, srv)
	id, arn := newKey(t, c, "toggled")
	_, err := c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String(id)})
	must(t, err)
	d, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	must(t, err)
	if d.KeyMetadata.Enabled || d.KeyMetadata.KeyState != types.KeyStateDisabled {
		t.Fatalf("after DisableKey: enabled %v state %s", d.KeyMetadata.Enabled, d.KeyMetadata.KeyState)
	}
	_, err = c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(id), Plaintext: []byte("x")})
	expectError(t, err, 400, "DisabledException", arn+" is disabled.")

	_, err = c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String(arn)})
	must(t, err)
	d, err = c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	must(t, err)
	if !d.KeyMetadata.Enabled || d.KeyMetadata.KeyState != types.KeyStateEnabled {
		t.Fatalf("after EnableKey: enabled %v state %s", d.KeyMetadata.Enabled, d.KeyMetadata.KeyState)
	}

	// EnableKey and DisableKey take a key id or key ARN, not an alias.
	must(t, srv.KMS().CreateAlias("us-east-1", "alias/toggled", id))
	_, err = c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String("alias/toggled")})
	expectError(t, err, 400, "NotFoundException", "Invalid keyId 'alias/toggled'")
	// The AWS-managed key is not the customer's to disable.
	s3Key := awsS3Key(t, srv, "us-east-1")
	_, err = c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String(s3Key)})
	expectError(t, err, 400, "AccessDeniedException", "User: arn:aws:iam::"+account+":root is not authorized to perform: kms:DisableKey on resource: "+
		s3Key+" because no resource-based policy allows the kms:DisableKey action")
}

func TestScheduleAndCancelKeyDeletion(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: func() time.Time { return fixedTime }})
	c := rootClient(t, srv)
	id, arn := newKey(t, c, "doomed")
	blob, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(id), Plaintext: []byte("secret")})
	must(t, err)

	_, err = c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(id), PendingWindowInDays: aws.Int32(3)})
	expectError(t, err, 400, "ValidationException",
		"1 validation error detected: Value '3' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7")
	out, err := c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(id), PendingWindowInDays: aws.Int32(7)})
	must(t, err)
	deletion := fixedTime.Add(7 * 24 * time.Hour)
	if aws.ToString(out.KeyId) != arn || out.KeyState != types.KeyStatePendingDeletion ||
		aws.ToInt32(out.PendingWindowInDays) != 7 || !aws.ToTime(out.DeletionDate).Equal(deletion) {
		t.Fatalf("ScheduleKeyDeletion: %+v", out)
	}
	d, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	must(t, err)
	if m := d.KeyMetadata; m.Enabled || m.KeyState != types.KeyStatePendingDeletion || !aws.ToTime(m.DeletionDate).Equal(deletion) ||
		aws.ToInt32(m.PendingDeletionWindowInDays) != 7 {
		t.Fatalf("pending key: %s", describe(m))
	}
	_, err = c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob.CiphertextBlob})
	expectError(t, err, 400, "KMSInvalidStateException", arn+" is pending deletion.")
	_, err = c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String(id)})
	expectError(t, err, 400, "KMSInvalidStateException", arn+" is pending deletion.")

	_, err = c.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: aws.String(id)})
	must(t, err)
	d, err = c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	must(t, err)
	if d.KeyMetadata.KeyState != types.KeyStateDisabled || d.KeyMetadata.DeletionDate != nil {
		t.Fatalf("cancelled key: %s", describe(d.KeyMetadata))
	}
	_, err = c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String(id)})
	must(t, err)
	dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob.CiphertextBlob})
	must(t, err)
	if string(dec.Plaintext) != "secret" {
		t.Fatalf("plaintext %q", dec.Plaintext)
	}
}

// awsS3Key returns the ARN of the Region's AWS-managed aws/s3 key, creating it.
func awsS3Key(t testing.TB, srv *sandbox.Server, region string) string {
	t.Helper()
	arn, err := srv.KMS().ResolveKey(region, "alias/aws/s3")
	must(t, err)
	return arn
}
