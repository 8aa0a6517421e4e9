package clientside_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"io"
	"maps"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// Fixed inputs of the known-answer vectors. The expected outputs in
// kat_test.go were computed independently of this package, with Python's
// cryptography library (AESGCM, HMAC-SHA512 for HKDF-Extract, HKDFExpand).
var (
	katDataKey   = seq(0x00, 32)
	katMasterKey = seq(0x40, 32)
	katWrapIV    = seq(0xa0, 12)
	katIV        = seq(0xc0, 12)
	katMessageID = seq(0xd0, 28)
	katPlaintext = []byte("The quick brown fox jumps over the lazy dog")
	katContext   = map[string]string{"purpose": "kat"}
)

// seq returns n consecutive byte values starting at start.
func seq(start byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = start + byte(i)
	}
	return b
}

// cat concatenates byte slices into a reader of fixed "randomness".
func cat(parts ...[]byte) io.Reader {
	return bytes.NewReader(bytes.Join(parts, nil))
}

// unhex decodes a hex constant.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// seal runs Encrypt and reads the whole body.
func seal(t testing.TB, kr clientside.Keyring, pt []byte, opts clientside.EncryptOptions) ([]byte, map[string]string) {
	t.Helper()
	s, err := clientside.Encrypt(context.Background(), bytes.NewReader(pt), int64(len(pt)), kr, opts)
	if err != nil {
		t.Fatalf("Encrypt: %v", err)
	}
	body, err := io.ReadAll(s.Body)
	if err != nil {
		t.Fatalf("read sealed body: %v", err)
	}
	if int64(len(body)) != s.Size {
		t.Fatalf("body is %d bytes, Sealed.Size says %d", len(body), s.Size)
	}
	return body, s.Metadata
}

// aesKeyring builds an AES keyring or fails the test.
func aesKeyring(t testing.TB, key []byte) *clientside.AESKeyring {
	t.Helper()
	kr, err := clientside.NewAESKeyring(key)
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

// fakeKMS hands out one fixed data key and, like real KMS, decrypts only the
// blob it issued under exactly the context it was issued with.
type fakeKMS struct {
	dataKey []byte
	blob    []byte

	issuedCtx   map[string]string
	generateIn  []*kms.GenerateDataKeyInput
	decryptIn   []*kms.DecryptInput
	decryptCall int
}

// GenerateDataKey records the request and returns the fixed key.
func (f *fakeKMS) GenerateDataKey(_ context.Context, in *kms.GenerateDataKeyInput, _ ...func(*kms.Options)) (*kms.GenerateDataKeyOutput, error) {
	f.generateIn = append(f.generateIn, in)
	f.issuedCtx = maps.Clone(in.EncryptionContext)
	return &kms.GenerateDataKeyOutput{Plaintext: bytes.Clone(f.dataKey), CiphertextBlob: bytes.Clone(f.blob), KeyId: in.KeyId}, nil
}

// Decrypt returns the key only for the issued blob and context.
func (f *fakeKMS) Decrypt(_ context.Context, in *kms.DecryptInput, _ ...func(*kms.Options)) (*kms.DecryptOutput, error) {
	f.decryptIn = append(f.decryptIn, in)
	f.decryptCall++
	if !bytes.Equal(in.CiphertextBlob, f.blob) || !maps.Equal(in.EncryptionContext, f.issuedCtx) {
		return nil, &types.InvalidCiphertextException{}
	}
	return &kms.DecryptOutput{Plaintext: bytes.Clone(f.dataKey)}, nil
}

// newFakeKMS returns a fake issuing the known-answer data key.
func newFakeKMS() *fakeKMS {
	return &fakeKMS{dataKey: katDataKey, blob: []byte("kms-ciphertext-blob-for-kat")}
}
