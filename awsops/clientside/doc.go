// Package clientside implements client-side envelope encryption in the object
// format of the AWS S3 Encryption Client (S3EC), so objects it writes can be
// read by the official clients and the other way round (S3-BEHAVIOR §9).
//
// Formats. Encrypt writes the V2 format by default (AES-256-GCM with a random
// 12-byte IV, tag appended, keys x-amz-key-v2, x-amz-iv, x-amz-cek-alg,
// x-amz-wrap-alg, x-amz-tag-len, x-amz-matdesc, x-amz-unencrypted-content-length),
// which every S3EC v2+ client reads and which the Go v3 client writes. On
// request it writes the key-committing V3 format of the Go/Java v4 clients
// (suite 0x0073: HKDF-SHA512 key derivation, a 28-byte commitment in x-amz-d
// that is verified before any decryption). Decrypt reads both; Detect tells
// them apart for display. V1, AES-CBC, RSA and legacy "kms" wrapping, and
// envelopes kept in instruction files are recognised but refused.
//
// Keyrings. KMSKeyring (kms+context) wraps data keys with AWS KMS and binds
// the encryption context, extended with the reserved aws:x-amz-cek-alg key,
// into the wrapped key. AESKeyring (AES/GCM) wraps them locally under a
// 256-bit master key loaded with LoadMasterKey.
//
// Metadata maps use keys without the x-amz-meta- prefix, as aws-sdk-go-v2's
// PutObjectInput.Metadata and GetObjectOutput.Metadata do.
//
// Memory. The official Go client buffers the whole object on both paths
// (plaintext plus ciphertext, S3-BEHAVIOR §9.6). Here:
//
//   - Encrypt streams: it holds one 64 KiB chunk plus constant state, whatever
//     the object size. The standard library has no incremental AES-GCM, so it
//     combines AES-CTR with GHASH values taken from crypto/cipher's GCM (see
//     gcmStream); tests check it byte-for-byte against cipher.AEAD.Seal.
//   - OpenEnvelope checks the metadata and unwraps the key (V3: verifies the
//     key commitment) before any of the body is read; Opened.DecryptTo then
//     decrypts the body as a stream, holding one 128 KiB chunk, and checks
//     the tag at the end. Until it returns nil, what it wrote is
//     unauthenticated: the caller writes to a temporary file and discards it
//     on error (awsops.Download does; so do s3sec cp and the console).
//     Opened.Verify checks a body without decrypting it.
//   - Decrypt is DecryptTo into memory (about the object size), returning
//     plaintext only once the tag has been verified.
//
// Errors. Every integrity failure (modified body, tag, commitment or stored
// context, wrong key) is an *AuthError whose message is "authentication
// failed: the object was modified or the key/context is wrong"; no plaintext
// is returned with it.
package clientside
