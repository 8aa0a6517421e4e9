package clientside

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// ReservedContextKey is the encryption context key the S3 Encryption Client
// sets to the content cipher name; the official client refuses objects
// whose stored context lacks it, and refuses callers who set it themselves.
const ReservedContextKey = "aws:x-amz-cek-alg"

// KMSAPI is the part of the KMS client the keyring uses; *kms.Client satisfies it.
type KMSAPI interface {
	GenerateDataKey(ctx context.Context, in *kms.GenerateDataKeyInput, optFns ...func(*kms.Options)) (*kms.GenerateDataKeyOutput, error)
	Decrypt(ctx context.Context, in *kms.DecryptInput, optFns ...func(*kms.Options)) (*kms.DecryptOutput, error)
}

// KMSKeyring wraps data keys with AWS KMS (wrapping algorithm kms+context):
// one GenerateDataKey per encryption and one Decrypt per decryption, with the
// full encryption context stored in the object's metadata (S3-BEHAVIOR §9.3).
type KMSKeyring struct {
	client      KMSAPI
	keyID       string
	grantTokens []string
}

// NewKMSKeyring returns a keyring for the KMS key keyID (id, ARN or alias).
// An empty keyID gives a decrypt-only keyring that lets KMS find the key from
// the ciphertext, like the official "any key" keyring.
func NewKMSKeyring(client KMSAPI, keyID string, grantTokens ...string) *KMSKeyring {
	return &KMSKeyring{client: client, keyID: keyID, grantTokens: grantTokens}
}

// WrapAlg returns WrapKMSContext.
func (k *KMSKeyring) WrapAlg() string { return WrapKMSContext }

// GenerateDataKey asks KMS for an AES-256 data key under the context
// req.Context ∪ {ReservedContextKey: req.ContentCipher}.
func (k *KMSKeyring) GenerateDataKey(ctx context.Context, req KeyRequest) (DataKey, error) {
	if k.keyID == "" {
		return DataKey{}, errors.New("clientside: this KMS keyring has no key id and can only decrypt")
	}
	if _, ok := req.Context[ReservedContextKey]; ok {
		return DataKey{}, ErrReservedContextKey
	}
	encCtx := cloneContext(req.Context)
	encCtx[ReservedContextKey] = req.ContentCipher
	out, err := k.client.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{
		KeyId:             &k.keyID,
		KeySpec:           types.DataKeySpecAes256,
		EncryptionContext: encCtx,
		GrantTokens:       k.grantTokens,
	})
	if err != nil {
		return DataKey{}, fmt.Errorf("clientside: KMS GenerateDataKey: %w", err)
	}
	return DataKey{Plaintext: out.Plaintext, Wrapped: out.CiphertextBlob, Description: encCtx}, nil
}

// Decrypt checks that the stored context names the object's content cipher,
// then asks KMS to decrypt the data key under exactly the stored context, so
// any change to that context makes KMS refuse (InvalidCiphertextException).
func (k *KMSKeyring) Decrypt(ctx context.Context, req UnwrapRequest) ([]byte, error) {
	stored, ok := req.Description[ReservedContextKey]
	if !ok {
		return nil, &MetadataError{Key: ReservedContextKey, Problem: "missing from the stored KMS encryption context"}
	}
	if stored != req.ContentCipher {
		return nil, &AuthError{Reason: fmt.Sprintf("stored context says content cipher %q but the object uses %q", stored, req.ContentCipher)}
	}
	in := &kms.DecryptInput{
		CiphertextBlob:    req.Wrapped,
		EncryptionContext: cloneContext(req.Description),
		GrantTokens:       k.grantTokens,
	}
	if k.keyID != "" {
		in.KeyId = &k.keyID
	}
	out, err := k.client.Decrypt(ctx, in)
	if err != nil {
		var invalid *types.InvalidCiphertextException
		var incorrect *types.IncorrectKeyException
		switch {
		case errors.As(err, &invalid):
			return nil, &AuthError{Reason: "KMS rejected the wrapped key or its encryption context", Err: err}
		case errors.As(err, &incorrect):
			return nil, &AuthError{Reason: "the data key was wrapped under a different KMS key", Err: err}
		}
		return nil, fmt.Errorf("clientside: KMS Decrypt: %w", err)
	}
	return out.Plaintext, nil
}
