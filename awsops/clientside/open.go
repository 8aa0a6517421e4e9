package clientside

import (
	"context"
	"fmt"
	"maps"
)

// Opened is an S3EC object whose envelope has been checked and whose content
// key has been unwrapped (and, for V3, whose key commitment has been
// verified), ready to decrypt its body as a stream with DecryptTo or to
// check it with Verify. Close wipes the key.
type Opened struct {
	format   Format
	key      []byte // the AES-256-GCM content key: the data key (V2) or the derived key (V3)
	nonce    []byte
	aad      []byte
	plainLen int64 // from the metadata, not yet authenticated; -1 when absent
}

// OpenEnvelope reads an object's S3EC metadata (keys with or without
// x-amz-meta-), checks it against the keyring and opts, and unwraps the data
// key. Everything that can fail without the body fails here, before a byte
// of it is read: a wrong keyring, a changed encryption context, a wrong key
// (V3: the key commitment). Integrity failures are *AuthError; unreadable
// metadata is *MetadataError.
func OpenEnvelope(ctx context.Context, metadata map[string]string, kr Keyring, opts DecryptOptions) (*Opened, error) {
	env, err := parseMetadata(metadata)
	if err != nil {
		return nil, err
	}
	if kr == nil || kr.WrapAlg() != env.wrapAlg {
		have := "none"
		if kr != nil {
			have = kr.WrapAlg()
		}
		return nil, fmt.Errorf("%w: object uses %s, keyring is %s", ErrWrongKeyring, env.wrapAlg, have)
	}
	if opts.ExpectedContext != nil {
		stored := maps.Clone(env.description)
		delete(stored, ReservedContextKey)
		if !maps.Equal(stored, opts.ExpectedContext) {
			return nil, &AuthError{Reason: "stored encryption context differs from the expected one"}
		}
	}
	dataKey, err := kr.Decrypt(ctx, UnwrapRequest{ContentCipher: env.cekAlg, Wrapped: env.wrappedKey, Description: env.description})
	if err != nil {
		return nil, err
	}
	if len(dataKey) != dataKeySize {
		clear(dataKey)
		return nil, &AuthError{Reason: fmt.Sprintf("unwrapped data key is %d bytes, want %d", len(dataKey), dataKeySize)}
	}
	o := &Opened{format: env.format, plainLen: env.plainLen}
	if env.format == FormatV3 {
		// The commitment is checked before the body is read at all.
		o.key, err = v3Key(dataKey, env.messageID, env.commitment)
		clear(dataKey)
		if err != nil {
			return nil, err
		}
		o.nonce, o.aad = v3Nonce, suiteIDCommit
	} else {
		o.key, o.nonce = dataKey, env.iv
	}
	return o, nil
}

// Format is the object's S3EC format (V2 or V3).
func (o *Opened) Format() Format { return o.format }

// PlaintextSize is the plaintext length the metadata announces, -1 when it
// announces none. It is authenticated only when DecryptTo or Verify succeeds.
func (o *Opened) PlaintextSize() int64 { return o.plainLen }

// Close wipes the content key; the Opened cannot be used afterwards.
func (o *Opened) Close() {
	clear(o.key)
	o.key = nil
}
