package clientside_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// TestReservedContextKeyRejected: a caller may not set aws:x-amz-cek-alg,
// and KMS is not even called.
func TestReservedContextKeyRejected(t *testing.T) {
	fake := newFakeKMS()
	kr := clientside.NewKMSKeyring(fake, "alias/kat")
	_, err := clientside.Encrypt(context.Background(), bytes.NewReader(katPlaintext), int64(len(katPlaintext)), kr,
		clientside.EncryptOptions{Context: map[string]string{"aws:x-amz-cek-alg": "AES/GCM/NoPadding"}})
	if !errors.Is(err, clientside.ErrReservedContextKey) {
		t.Fatalf("error = %v, want ErrReservedContextKey", err)
	}
	if len(fake.generateIn) != 0 {
		t.Error("KMS GenerateDataKey was called for a context using the reserved key")
	}
}

// TestReservedKeyIgnoredInExpectedContext: the expected context is compared
// with the stored one minus the reserved key, so callers never name it.
func TestReservedKeyIgnoredInExpectedContext(t *testing.T) {
	fake := newFakeKMS()
	kr := clientside.NewKMSKeyring(fake, "alias/kat")
	body, meta := seal(t, kr, katPlaintext, clientside.EncryptOptions{Context: katContext})
	withReserved := map[string]string{"purpose": "kat", "aws:x-amz-cek-alg": "AES/GCM/NoPadding"}
	_, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, kr, clientside.DecryptOptions{ExpectedContext: withReserved})
	var ae *clientside.AuthError
	if !errors.As(err, &ae) {
		t.Errorf("expected context naming the reserved key: error = %v, want *AuthError", err)
	}
	pt, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, kr, clientside.DecryptOptions{ExpectedContext: map[string]string{"purpose": "kat"}})
	if err != nil || !bytes.Equal(pt, katPlaintext) {
		t.Errorf("Decrypt = %q, %v", pt, err)
	}
}

// TestStoredContextWithoutReservedKey: the official client refuses such an
// object, and so do we, with a metadata error naming the key.
func TestStoredContextWithoutReservedKey(t *testing.T) {
	fake := newFakeKMS()
	kr := clientside.NewKMSKeyring(fake, "alias/kat")
	body, meta := seal(t, kr, katPlaintext, clientside.EncryptOptions{Context: katContext})
	meta["x-amz-matdesc"] = `{"purpose":"kat"}`
	_, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, kr, clientside.DecryptOptions{})
	var me *clientside.MetadataError
	if !errors.As(err, &me) || me.Key != "aws:x-amz-cek-alg" {
		t.Fatalf("error = %v, want *MetadataError about aws:x-amz-cek-alg", err)
	}
	if fake.decryptCall != 0 {
		t.Error("KMS was called")
	}
}

// TestKMSKeyringRequestShape: key id and grant tokens reach KMS; a keyring
// without key id cannot encrypt.
func TestKMSKeyringRequestShape(t *testing.T) {
	fake := newFakeKMS()
	kr := clientside.NewKMSKeyring(fake, "arn:aws:kms:us-east-1:111122223333:key/k", "grant-1")
	body, meta := seal(t, kr, katPlaintext, clientside.EncryptOptions{})
	if _, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, kr, clientside.DecryptOptions{}); err != nil {
		t.Fatal(err)
	}
	gen, dec := fake.generateIn[0], fake.decryptIn[0]
	if len(gen.GrantTokens) != 1 || gen.GrantTokens[0] != "grant-1" || len(dec.GrantTokens) != 1 {
		t.Errorf("grant tokens not forwarded: generate %v, decrypt %v", gen.GrantTokens, dec.GrantTokens)
	}
	if dec.KeyId == nil || *dec.KeyId != "arn:aws:kms:us-east-1:111122223333:key/k" {
		t.Errorf("Decrypt KeyId = %v", dec.KeyId)
	}
	if meta["x-amz-matdesc"] != `{"aws:x-amz-cek-alg":"AES/GCM/NoPadding"}` {
		t.Errorf("empty user context stored as %s", meta["x-amz-matdesc"])
	}

	_, err := clientside.Encrypt(context.Background(), bytes.NewReader(nil), 0, clientside.NewKMSKeyring(fake, ""), clientside.EncryptOptions{})
	if err == nil {
		t.Error("a KMS keyring without key id encrypted")
	}
}
