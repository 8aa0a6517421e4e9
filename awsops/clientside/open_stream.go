package clientside

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
)

// openChunk is how much ciphertext DecryptTo and Verify hold at a time
// (plus the 16 bytes that may turn out to be the tag). A multiple of 16, as
// gcmStream requires of every chunk but the last.
const openChunk = 128 << 10

// DecryptTo decrypts the object's body (ciphertext followed by the 16-byte
// tag) into w as it is read, holding about 128 KiB whatever the object's
// size, and authenticates it at the end. It returns the number of plaintext
// bytes written.
//
// What reaches w is NOT authenticated until DecryptTo returns nil: when it
// returns an error, w has received unauthenticated (possibly attacker-chosen)
// plaintext and the caller must discard all of it. Write to a temporary file
// that is renamed into place only on success, never to a destination a user
// or another program reads while the download runs. Integrity failures
// (tampered or truncated body, wrong tag, wrong length) are *AuthError.
func (o *Opened) DecryptTo(w io.Writer, ciphertext io.Reader) (int64, error) {
	if w == nil {
		return 0, errors.New("clientside: DecryptTo needs a writer (use Verify to check without decrypting)")
	}
	return o.run(ciphertext, w)
}

// Verify authenticates the object's body without decrypting it (GHASH only).
func (o *Opened) Verify(ciphertext io.Reader) error {
	_, err := o.run(ciphertext, nil)
	return err
}

// run streams the body through AES-GCM. With w nil it only authenticates.
// The last 16 bytes read are always held back, since only the end of the
// body tells them to be the tag.
func (o *Opened) run(ciphertext io.Reader, w io.Writer) (int64, error) {
	if o.key == nil {
		return 0, errors.New("clientside: Opened used after Close")
	}
	s, err := newGCMStream(o.key, o.nonce, o.aad)
	if err != nil {
		return 0, err
	}
	want := int64(-1) // body length, when the metadata gives the plaintext length
	if o.plainLen >= 0 {
		want = o.plainLen + gcmTagSize
		// One byte past the announced length is enough to refuse a padded body.
		ciphertext = io.LimitReader(ciphertext, want+1)
	}
	buf := make([]byte, openChunk+gcmTagSize)
	defer clear(buf) // plaintext of the last chunk
	var held, read, written int64
	process := func(chunk []byte) error {
		if s.ctLen+uint64(len(chunk)) > maxPlaintextSize {
			return &AuthError{Reason: "body is longer than AES-GCM allows"}
		}
		if w == nil {
			s.absorb(chunk)
			s.ctLen += uint64(len(chunk))
			return nil
		}
		s.open(chunk, chunk)
		n, err := w.Write(chunk)
		written += int64(n)
		if err != nil {
			return fmt.Errorf("clientside: writing the plaintext: %w", err)
		}
		return nil
	}
	for {
		n, err := io.ReadFull(ciphertext, buf[held:])
		held += int64(n)
		read += int64(n)
		if want >= 0 && read > want {
			return written, &AuthError{Reason: fmt.Sprintf("body is longer than x-amz-unencrypted-content-length %d announces", o.plainLen)}
		}
		if err == nil { // buffer full: everything but the last 16 bytes is ciphertext
			if err := process(buf[:openChunk]); err != nil {
				return written, err
			}
			held = int64(copy(buf, buf[openChunk:held]))
			continue
		}
		if err != io.EOF && err != io.ErrUnexpectedEOF {
			return written, fmt.Errorf("clientside: read ciphertext: %w", err)
		}
		break
	}
	switch {
	case held < gcmTagSize:
		return written, &AuthError{Reason: fmt.Sprintf("body is %d bytes, shorter than the 16-byte tag", read)}
	case want >= 0 && read != want:
		return written, &AuthError{Reason: fmt.Sprintf("body length does not match x-amz-unencrypted-content-length %d", o.plainLen)}
	}
	tag := buf[held-gcmTagSize : held]
	var stored [gcmTagSize]byte
	copy(stored[:], tag)
	if err := process(buf[:held-gcmTagSize]); err != nil {
		return written, err
	}
	expected := s.tag()
	if subtle.ConstantTimeCompare(expected[:], stored[:]) != 1 {
		return written, &AuthError{Reason: "AES-GCM tag mismatch"}
	}
	return written, nil
}
