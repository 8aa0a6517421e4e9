package kms_test

import (
	"bytes"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/s3sec/s3sec/sandbox"
)

func TestEncryptDecryptRoundTrip(t *testing.T) {
	srv := start(t, sandbox.Options{})
	for _, creds := range []sandbox.Credentials{srv.Root(), srv.Admin()} {
		c := client(t, srv, "us-east-1", creds)
		id, arn := newKey(t, c, "round trip")
		must(t, srv.KMS().CreateAlias("us-east-1", "alias/rt-"+creds.AccessKeyID, id))
		encCtx := map[string]string{"aws:s3:arn": "arn:aws:s3:::b/k", "Purpose": "test", "a": ""}
		for _, ref := range []string{id, arn, "alias/rt-" + creds.AccessKeyID, "arn:aws:kms:us-east-1:" + account + ":alias/rt-" + creds.AccessKeyID} {
			enc, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(ref), Plaintext: []byte("attack at dawn"), EncryptionContext: encCtx})
			must(t, err)
			if aws.ToString(enc.KeyId) != arn || enc.EncryptionAlgorithm != types.EncryptionAlgorithmSpecSymmetricDefault || len(enc.CiphertextBlob) > 6144 {
				t.Fatalf("Encrypt(%s): KeyId %s alg %s blob %d bytes", ref, aws.ToString(enc.KeyId), enc.EncryptionAlgorithm, len(enc.CiphertextBlob))
			}
			// The same context in a fresh map (Go map order is random) decrypts.
			same := map[string]string{"a": "", "Purpose": "test", "aws:s3:arn": "arn:aws:s3:::b/k"}
			dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: same})
			must(t, err)
			d, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
			must(t, err)
			if string(dec.Plaintext) != "attack at dawn" || aws.ToString(dec.KeyId) != arn ||
				dec.EncryptionAlgorithm != types.EncryptionAlgorithmSpecSymmetricDefault ||
				aws.ToString(dec.KeyMaterialId) != aws.ToString(d.KeyMetadata.CurrentKeyMaterialId) {
				t.Fatalf("Decrypt: %q key %s alg %s material %s", dec.Plaintext, aws.ToString(dec.KeyId), dec.EncryptionAlgorithm, aws.ToString(dec.KeyMaterialId))
			}
		}
	}
}

func TestDecryptRefusals(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := rootClient(t, srv)
	id, arn := newKey(t, c, "refusals")
	otherID, _ := newKey(t, c, "other")
	must(t, srv.KMS().CreateAlias("us-east-1", "alias/refusals", id))
	encCtx := map[string]string{"k": "v", "k2": "v2"}
	enc, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(id), Plaintext: []byte("p"), EncryptionContext: encCtx})
	must(t, err)
	blob := enc.CiphertextBlob

	for _, tc := range []struct {
		name   string
		encCtx map[string]string
	}{
		{"no context", nil},
		{"missing pair", map[string]string{"k": "v"}},
		{"extra pair", map[string]string{"k": "v", "k2": "v2", "k3": "v3"}},
		{"changed value", map[string]string{"k": "v", "k2": "V2"}},
		{"key case", map[string]string{"K": "v", "k2": "v2"}},
		{"pair boundary", map[string]string{"k": "vk2", "2": "v2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob, EncryptionContext: tc.encCtx})
			expectError(t, err, 400, "InvalidCiphertextException", "")
		})
	}
	// Any changed byte, and any truncation, is refused.
	for i := range blob {
		bad := bytes.Clone(blob)
		bad[i] ^= 0x01
		_, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: bad, EncryptionContext: encCtx})
		if i >= 2 && i < 2+36 {
			// A changed key id may name no key (InvalidCiphertext) and never decrypts.
			if err == nil {
				t.Fatalf("byte %d flipped: decrypted", i)
			}
			continue
		}
		expectError(t, err, 400, "InvalidCiphertextException", "")
	}
	for _, n := range []int{1, 10, len(blob) - 1} {
		_, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob[:n], EncryptionContext: encCtx})
		expectError(t, err, 400, "InvalidCiphertextException", "")
	}

	// KeyId is optional; when given it must name the blob's key.
	_, err = c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob, EncryptionContext: encCtx, KeyId: aws.String(otherID)})
	expectError(t, err, 400, "IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.")
	dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob, EncryptionContext: encCtx, KeyId: aws.String("alias/refusals")})
	must(t, err)
	if string(dec.Plaintext) != "p" {
		t.Fatalf("plaintext %q", dec.Plaintext)
	}

	// Disabled keys neither encrypt nor decrypt.
	must(t, srv.KMS().SetEnabled("us-east-1", id, false))
	_, err = c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob, EncryptionContext: encCtx})
	expectError(t, err, 400, "DisabledException", arn+" is disabled.")

	// A blob is only good in its Region.
	must(t, srv.KMS().SetEnabled("us-east-1", id, true))
	_, err = client(t, srv, "eu-west-1", srv.Root()).Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob, EncryptionContext: encCtx})
	expectError(t, err, 400, "InvalidCiphertextException", "")
}

func TestKeyResolutionErrors(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := rootClient(t, srv)
	_, arn := newKey(t, c, "exists")
	missing := "1234abcd-12ab-34cd-56ef-1234567890ab"
	missingARN := "arn:aws:kms:us-east-1:" + account + ":key/" + missing
	for _, tc := range []struct{ keyID, msg string }{
		{"fake-key-id", "Invalid keyId 'fake-key-id'"},
		{"aws/s3", "Invalid keyId 'aws/s3'"},
		{missing, "Key '" + missingARN + "' does not exist"},
		{missingARN, "Key '" + missingARN + "' does not exist"},
		{"arn:aws:kms:us-east-1:444455556666:key/" + missing, "Key 'arn:aws:kms:us-east-1:444455556666:key/" + missing + "' does not exist"},
		{"arn:aws:kms:eu-west-1:" + account + ":key/" + missing, "Invalid arn eu-west-1"},
		{"alias/nope", "Alias arn:aws:kms:us-east-1:" + account + ":alias/nope is not found."},
		{"arn:aws:kms:us-east-1:" + account + ":alias/nope", "Alias arn:aws:kms:us-east-1:" + account + ":alias/nope is not found."},
		{"arn:aws:kms:eu-west-1:" + account + ":alias/nope", "Invalid arn eu-west-1"},
	} {
		t.Run(tc.keyID, func(t *testing.T) {
			_, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(tc.keyID), Plaintext: []byte("x")})
			expectError(t, err, 400, "NotFoundException", tc.msg)
			_, err = c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(tc.keyID), KeySpec: types.DataKeySpecAes256})
			expectError(t, err, 400, "NotFoundException", tc.msg)
			_, err = c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(tc.keyID)})
			expectError(t, err, 400, "NotFoundException", tc.msg)
		})
	}
	_, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(arn), Plaintext: make([]byte, 4097)})
	expectError(t, err, 400, "ValidationException",
		"1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096")
	_, err = c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(arn), Plaintext: make([]byte, 4096)})
	must(t, err)
}

func TestGenerateDataKey(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := rootClient(t, srv)
	id, arn := newKey(t, c, "data keys")
	encCtx := map[string]string{"aws:s3:arn": "arn:aws:s3:::bucket"}
	for _, tc := range []struct {
		spec types.DataKeySpec
		n    *int32
		want int
	}{
		{types.DataKeySpecAes256, nil, 32},
		{types.DataKeySpecAes128, nil, 16},
		{"", aws.Int32(64), 64},
		{"", aws.Int32(1), 1},
	} {
		out, err := c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(id), KeySpec: tc.spec, NumberOfBytes: tc.n, EncryptionContext: encCtx})
		must(t, err)
		if len(out.Plaintext) != tc.want || aws.ToString(out.KeyId) != arn || len(aws.ToString(out.KeyMaterialId)) != 64 {
			t.Fatalf("%s/%v: %d bytes, key %s", tc.spec, tc.n, len(out.Plaintext), aws.ToString(out.KeyId))
		}
		dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: out.CiphertextBlob, EncryptionContext: encCtx})
		must(t, err)
		if !bytes.Equal(dec.Plaintext, out.Plaintext) {
			t.Fatal("decrypted data key differs")
		}
	}
	wp, err := c.GenerateDataKeyWithoutPlaintext(ctx, &kms.GenerateDataKeyWithoutPlaintextInput{KeyId: aws.String(id), KeySpec: types.DataKeySpecAes256})
	must(t, err)
	dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: wp.CiphertextBlob})
	must(t, err)
	if aws.ToString(wp.KeyId) != arn || len(dec.Plaintext) != 32 {
		t.Fatalf("without plaintext: key %s, data key %d bytes", aws.ToString(wp.KeyId), len(dec.Plaintext))
	}

	const either = "Please specify either number of bytes or key spec."
	_, err = c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(id)})
	expectError(t, err, 400, "ValidationException", either)
	_, err = c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(id), KeySpec: types.DataKeySpecAes256, NumberOfBytes: aws.Int32(32)})
	expectError(t, err, 400, "ValidationException", either)
	_, err = c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(id), NumberOfBytes: aws.Int32(1025)})
	expectError(t, err, 400, "ValidationException",
		"1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024")
	_, err = c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(id), KeySpec: "AES_512"})
	expectError(t, err, 400, "ValidationException",
		"1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]")

	rnd, err := c.GenerateRandom(ctx, &kms.GenerateRandomInput{NumberOfBytes: aws.Int32(24)})
	must(t, err)
	if len(rnd.Plaintext) != 24 {
		t.Fatalf("GenerateRandom: %d bytes", len(rnd.Plaintext))
	}
}

func TestAWSManagedKeyOnlyThroughS3(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := client(t, srv, "us-east-1", srv.Admin())
	s3Key := awsS3Key(t, srv, "us-east-1")
	_, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("alias/aws/s3"), Plaintext: []byte("x")})
	expectError(t, err, 400, "AccessDeniedException", "User: arn:aws:iam::"+account+":user/admin is not authorized to perform: kms:Encrypt on resource: "+
		s3Key+" because no resource-based policy allows the kms:Encrypt action")

	// S3's own calls may use it; the customer may still not decrypt its blobs directly.
	_, blob, keyARN, err := srv.KMS().GenerateDataKey("us-east-1", "alias/aws/s3", map[string]string{"aws:s3:arn": "arn:aws:s3:::b/k"})
	must(t, err)
	if keyARN != s3Key {
		t.Fatalf("key %s, want %s", keyARN, s3Key)
	}
	_, err = c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob, EncryptionContext: map[string]string{"aws:s3:arn": "arn:aws:s3:::b/k"}})
	expectError(t, err, 400, "AccessDeniedException", "User: arn:aws:iam::"+account+":user/admin is not authorized to perform: kms:Decrypt on resource: "+
		s3Key+" because no resource-based policy allows the kms:Decrypt action")
}
