package clientside_test

import (
	"bytes"
	"context"
	"maps"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// Independently computed expectations (see helpers_test.go).
const (
	// AES-GCM(master key, wrap IV, data key, AAD "AES/GCM/NoPadding"), IV prepended.
	katWrappedB64 = "oKGio6Slpqeoqaqr144EPObumipxZkv1hbE++f8G59T4epM6+sX0gfXfYOflPJx1fwpQB0Z0PwNhYC9r"
	// V2: AES-GCM(data key, IV, plaintext, no AAD) ‖ tag.
	katV2BodyHex = "54204247060dff3df3f99fd05ddb86762a1c9b1f569772ca59e3247c520f5fc2d4f3b7cb13a13c23ac2233a79ad5a0fc93a9325f24d9cc7fffb7af"
	// V3: HKDF-SHA512 commitment, and AES-GCM(derived key, 0x01×12, plaintext, AAD 0x0073) ‖ tag.
	katV3CommitB64 = "lqIhmlNR0TnHez2zGtUWu/R+8t5pkPMBVkC+Ig=="
	katV3BodyHex   = "33134fa49610c697ac1b62f29e4ada922928fea10299e0e494032e8f97aa6bde8972078f60d36764f985566ca06d50a328308678aacb2fa9b774a6"
	katIVB64       = "wMHCw8TFxsfIycrL"
	katMessageB64  = "0NHS09TV1tfY2drb3N3e3+Dh4uPk5ebn6Onq6w=="
	katBlobB64     = "a21zLWNpcGhlcnRleHQtYmxvYi1mb3Ita2F0" // "kms-ciphertext-blob-for-kat"
)

// katCase is one known-answer vector: keyring, format, randomness, and the
// exact metadata and body the S3EC format prescribes.
type katCase struct {
	name     string
	format   clientside.Format
	keyring  func() (clientside.Keyring, *fakeKMS)
	random   []byte
	metadata map[string]string
	bodyHex  string
}

// katCases covers both formats with both keyrings.
func katCases() []katCase {
	aes := func() (clientside.Keyring, *fakeKMS) {
		kr, _ := clientside.NewAESKeyring(katMasterKey)
		return kr, nil
	}
	fake := func() (clientside.Keyring, *fakeKMS) {
		f := newFakeKMS()
		return clientside.NewKMSKeyring(f, "alias/kat"), f
	}
	return []katCase{
		{
			name: "V2/AES", format: clientside.FormatV2, keyring: aes,
			random: bytes.Join([][]byte{katDataKey, katWrapIV, katIV}, nil),
			metadata: map[string]string{
				"x-amz-key-v2":                     katWrappedB64,
				"x-amz-iv":                         katIVB64,
				"x-amz-cek-alg":                    "AES/GCM/NoPadding",
				"x-amz-wrap-alg":                   "AES/GCM",
				"x-amz-tag-len":                    "128",
				"x-amz-matdesc":                    `{"purpose":"kat"}`,
				"x-amz-unencrypted-content-length": "43",
			},
			bodyHex: katV2BodyHex,
		},
		{
			name: "V3/AES", format: clientside.FormatV3, keyring: aes,
			random: bytes.Join([][]byte{katDataKey, katWrapIV, katMessageID}, nil),
			metadata: map[string]string{
				"x-amz-c":                          "115",
				"x-amz-3":                          katWrappedB64,
				"x-amz-w":                          "02",
				"x-amz-m":                          `{"purpose":"kat"}`,
				"x-amz-d":                          katV3CommitB64,
				"x-amz-i":                          katMessageB64,
				"x-amz-unencrypted-content-length": "43",
			},
			bodyHex: katV3BodyHex,
		},
		{
			name: "V2/KMS", format: clientside.FormatV2, keyring: fake,
			random: katIV,
			metadata: map[string]string{
				"x-amz-key-v2":                     katBlobB64,
				"x-amz-iv":                         katIVB64,
				"x-amz-cek-alg":                    "AES/GCM/NoPadding",
				"x-amz-wrap-alg":                   "kms+context",
				"x-amz-tag-len":                    "128",
				"x-amz-matdesc":                    `{"aws:x-amz-cek-alg":"AES/GCM/NoPadding","purpose":"kat"}`,
				"x-amz-unencrypted-content-length": "43",
			},
			bodyHex: katV2BodyHex,
		},
		{
			name: "V3/KMS", format: clientside.FormatV3, keyring: fake,
			random: katMessageID,
			metadata: map[string]string{
				"x-amz-c":                          "115",
				"x-amz-3":                          katBlobB64,
				"x-amz-w":                          "12",
				"x-amz-t":                          `{"aws:x-amz-cek-alg":"115","purpose":"kat"}`,
				"x-amz-d":                          katV3CommitB64,
				"x-amz-i":                          katMessageB64,
				"x-amz-unencrypted-content-length": "43",
			},
			bodyHex: katV3BodyHex,
		},
	}
}

// TestKnownAnswerEncrypt re-encrypts with the fixed key and IV / message id
// and must reproduce the vector's metadata and body byte for byte.
func TestKnownAnswerEncrypt(t *testing.T) {
	for _, tc := range katCases() {
		t.Run(tc.name, func(t *testing.T) {
			kr, fake := tc.keyring()
			opts := clientside.WithRand(clientside.EncryptOptions{Format: tc.format, Context: katContext}, bytes.NewReader(tc.random))
			body, meta := seal(t, kr, katPlaintext, opts)
			if want := unhex(t, tc.bodyHex); !bytes.Equal(body, want) {
				t.Errorf("body\n got %x\nwant %x", body, want)
			}
			if !maps.Equal(meta, tc.metadata) {
				t.Errorf("metadata\n got %v\nwant %v", meta, tc.metadata)
			}
			if fake != nil {
				in := fake.generateIn[0]
				wantCtx := map[string]string{"purpose": "kat", "aws:x-amz-cek-alg": map[clientside.Format]string{
					clientside.FormatV2: "AES/GCM/NoPadding", clientside.FormatV3: "115"}[tc.format]}
				if *in.KeyId != "alias/kat" || in.KeySpec != types.DataKeySpecAes256 || !maps.Equal(in.EncryptionContext, wantCtx) {
					t.Errorf("GenerateDataKey got KeyId=%q KeySpec=%q context=%v", *in.KeyId, in.KeySpec, in.EncryptionContext)
				}
			}
			if len(katContext) != 1 {
				t.Errorf("Encrypt modified the caller's context: %v", katContext)
			}
		})
	}
}

// TestKnownAnswerDecrypt decrypts the hand-built vectors (not Encrypt's
// output), with the metadata keys spelled as S3 and the SDK return them.
func TestKnownAnswerDecrypt(t *testing.T) {
	for _, tc := range katCases() {
		t.Run(tc.name, func(t *testing.T) {
			kr, fake := tc.keyring()
			if fake != nil {
				fake.issuedCtx = map[string]string{"purpose": "kat", "aws:x-amz-cek-alg": map[clientside.Format]string{
					clientside.FormatV2: "AES/GCM/NoPadding", clientside.FormatV3: "115"}[tc.format]}
			}
			meta := map[string]string{}
			for k, v := range tc.metadata {
				meta["X-Amz-Meta-"+k] = v // canonical header spelling with prefix
			}
			pt, err := clientside.Decrypt(context.Background(), bytes.NewReader(unhex(t, tc.bodyHex)), meta, kr,
				clientside.DecryptOptions{ExpectedContext: katContext})
			if err != nil {
				t.Fatalf("Decrypt: %v", err)
			}
			if !bytes.Equal(pt, katPlaintext) {
				t.Errorf("plaintext %q, want %q", pt, katPlaintext)
			}
			if f, ok := clientside.Detect(meta); !ok || f != tc.format {
				t.Errorf("Detect = %v, %v; want %v, true", f, ok, tc.format)
			}
		})
	}
}

// TestDecryptGoV4Layout reads V3 metadata the way the official Go v4 client
// stores it: both x-amz-t and x-amz-m present (the unused one empty) and an
// empty x-amz-unencrypted-content-length.
func TestDecryptGoV4Layout(t *testing.T) {
	f := newFakeKMS()
	f.issuedCtx = map[string]string{"purpose": "kat", "aws:x-amz-cek-alg": "115"}
	meta := map[string]string{
		"x-amz-c": "115", "x-amz-3": katBlobB64, "x-amz-w": "12",
		"x-amz-t": `{"aws:x-amz-cek-alg":"115","purpose":"kat"}`, "x-amz-m": "",
		"x-amz-d": katV3CommitB64, "x-amz-i": katMessageB64, "x-amz-unencrypted-content-length": "",
	}
	pt, err := clientside.Decrypt(context.Background(), bytes.NewReader(unhex(t, katV3BodyHex)), meta,
		clientside.NewKMSKeyring(f, ""), clientside.DecryptOptions{})
	if err != nil || !bytes.Equal(pt, katPlaintext) {
		t.Fatalf("Decrypt = %q, %v", pt, err)
	}
	if in := f.decryptIn[0]; in.KeyId != nil {
		t.Errorf("decrypt-only keyring sent KeyId %q; want it omitted", *in.KeyId)
	}
}
