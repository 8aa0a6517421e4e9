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
//   - Decrypt holds the whole ciphertext (object size) in one buffer and
//     decrypts it in place, so its peak is about the object size (transiently
//     up to about twice that while the buffer grows, for objects over 64 MiB).
//     It cannot stream: no plaintext may be released before the tag at the end
//     of the body has been verified.
//
// Errors. Every integrity failure (modified body, tag, commitment or stored
// context, wrong key) is an *AuthError whose message is "authentication
// failed: the object was modified or the key/context is wrong"; no plaintext
// is returned with it.
package clientside
