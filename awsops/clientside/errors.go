package clientside

import (
	"errors"
	"fmt"
)

// authFailedMessage is the one message users see for every integrity failure,
// so that the error does not tell an attacker which check failed first.
const authFailedMessage = "authentication failed: the object was modified or the key/context is wrong"

// AuthError reports that an object could not be authenticated: a tampered
// body, tag, commitment or metadata, a changed encryption context, or a wrong
// key. No plaintext is ever returned together with an AuthError.
type AuthError struct {
	Reason string // which check failed, for logs; may be empty
	Err    error  // underlying cause (for example the KMS error); may be nil
}

// Error returns the fixed user-facing message followed by the reason.
func (e *AuthError) Error() string {
	if e.Reason == "" {
		return authFailedMessage
	}
	return authFailedMessage + " (" + e.Reason + ")"
}

// Unwrap returns the underlying cause.
func (e *AuthError) Unwrap() error { return e.Err }

// ErrNotEncrypted is returned by Decrypt for an object whose metadata carries
// no S3 Encryption Client envelope.
var ErrNotEncrypted = errors.New("clientside: object has no S3 Encryption Client metadata " +
	"(if it was written with an instruction file, <key>.instruction, that is not supported here)")

// ErrUnsupported is wrapped by errors for valid S3EC objects this package
// cannot read: the V1 format, AES-CBC content, RSA or legacy KMS key wrapping.
var ErrUnsupported = errors.New("not supported")

// ErrReservedContextKey is returned when a caller's encryption context uses
// the key the S3 Encryption Client reserves for the content cipher name.
var ErrReservedContextKey = errors.New("clientside: encryption context key " +
	ReservedContextKey + " is reserved for the S3 Encryption Client")

// ErrWrongKeyring is returned when the object's data key was wrapped by a
// different kind of keyring than the one passed to Decrypt.
var ErrWrongKeyring = errors.New("clientside: keyring does not match the object's wrapping algorithm")

// MetadataError reports S3EC metadata that is missing, malformed, conflicting
// or describes an unsupported variant (then it wraps ErrUnsupported).
type MetadataError struct {
	Key     string // metadata key without the x-amz-meta- prefix; empty when about the whole map
	Problem string
	Err     error
}

// Error names the key and the problem.
func (e *MetadataError) Error() string {
	if e.Key == "" {
		return "clientside: S3EC metadata: " + e.Problem
	}
	return fmt.Sprintf("clientside: S3EC metadata %s: %s", e.Key, e.Problem)
}

// Unwrap returns ErrUnsupported for unsupported variants, nil otherwise.
func (e *MetadataError) Unwrap() error { return e.Err }
