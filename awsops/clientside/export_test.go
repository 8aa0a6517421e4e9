package clientside

import "io"

// WithRand makes Encrypt draw every random byte from r, in this order: the
// keyring's needs (AES keyring: data key 32, wrap IV 12; KMS keyring: none),
// then the content IV (V2, 12) or message id (V3, 28).
func WithRand(o EncryptOptions, r io.Reader) EncryptOptions {
	o.rand = r
	return o
}

// WithChunkSize makes Encrypt use n-byte chunks (a multiple of 16).
func WithChunkSize(o EncryptOptions, n int) EncryptOptions {
	o.chunkSize = n
	return o
}
