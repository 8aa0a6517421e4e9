package kms_test

import (
	"bytes"
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

// TestClientSideKMSKeyring checks that the S3 Encryption Client envelope of
// awsops/clientside round-trips through the sandbox KMS, and that KMS's
// context binding is what catches an edited envelope.
func TestClientSideKMSKeyring(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := rootClient(t, srv)
	id, _ := newKey(t, c, "s3ec")
	must(t, srv.KMS().CreateAlias("us-east-1", "alias/s3ec", id))
	plaintext := bytes.Repeat([]byte("client-side encrypted "), 1000)

	for _, format := range []clientside.Format{clientside.FormatV2, clientside.FormatV3} {
		t.Run(format.String(), func(t *testing.T) {
			sealed, err := clientside.Encrypt(ctx, bytes.NewReader(plaintext), int64(len(plaintext)),
				clientside.NewKMSKeyring(c, "alias/s3ec"), clientside.EncryptOptions{Format: format, Context: map[string]string{"team": "records"}})
			must(t, err)
			var body bytes.Buffer
			_, err = body.ReadFrom(sealed.Body)
			must(t, err)

			// By alias, and with the decrypt-only keyring that lets KMS find the key.
			for _, keyID := range []string{"alias/s3ec", ""} {
				got, err := clientside.Decrypt(ctx, bytes.NewReader(body.Bytes()), sealed.Metadata,
					clientside.NewKMSKeyring(c, keyID), clientside.DecryptOptions{})
				must(t, err)
				if !bytes.Equal(got, plaintext) {
					t.Fatalf("keyring %q: plaintext differs", keyID)
				}
			}

			// An edited encryption context in the metadata: KMS refuses the data key.
			edited := maps.Clone(sealed.Metadata)
			n := 0
			for k, v := range edited {
				if strings.Contains(v, `"team":"records"`) {
					edited[k] = strings.Replace(v, `"records"`, `"recordz"`, 1)
					n++
				}
			}
			if n != 1 {
				t.Fatalf("context not found once in the metadata %v", sealed.Metadata)
			}
			_, err = clientside.Decrypt(ctx, bytes.NewReader(body.Bytes()), edited,
				clientside.NewKMSKeyring(c, "alias/s3ec"), clientside.DecryptOptions{})
			var invalid *types.InvalidCiphertextException
			if !errors.As(err, &invalid) {
				t.Fatalf("decrypt with an edited context: %v", err)
			}

			// Another key: KMS answers IncorrectKeyException.
			otherID, _ := newKey(t, c, "other")
			_, err = clientside.Decrypt(ctx, bytes.NewReader(body.Bytes()), sealed.Metadata,
				clientside.NewKMSKeyring(c, otherID), clientside.DecryptOptions{})
			var incorrect *types.IncorrectKeyException
			if !errors.As(err, &incorrect) {
				t.Fatalf("decrypt with another key: %v", err)
			}
		})
	}
}
