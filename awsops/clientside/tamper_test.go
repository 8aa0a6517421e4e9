package clientside_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"maps"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// object is one encrypted object as stored in S3.
type object struct {
	body []byte
	meta map[string]string
}

// mutation changes a stored object the way an attacker (or bit rot) could.
type mutation struct {
	name    string
	formats []clientside.Format // formats it applies to
	apply   func(o *object)
}

var both = []clientside.Format{clientside.FormatV2, clientside.FormatV3}

// flipB64 flips the lowest bit of byte i of a base64 metadata value.
func flipB64(meta map[string]string, key string, i int) {
	b, _ := base64.StdEncoding.DecodeString(meta[key])
	b[i] ^= 1
	meta[key] = base64.StdEncoding.EncodeToString(b)
}

// mutations lists the tampering every object must detect.
func mutations() []mutation {
	return []mutation{
		{"flip first ciphertext byte", both, func(o *object) { o.body[0] ^= 0x80 }},
		{"flip last ciphertext byte", both, func(o *object) { o.body[len(o.body)-17] ^= 1 }},
		{"flip tag byte", both, func(o *object) { o.body[len(o.body)-1] ^= 1 }},
		{"truncate body", both, func(o *object) { o.body = o.body[:len(o.body)-1] }},
		{"extend body", both, func(o *object) { o.body = append(o.body, 0) }},
		{"drop tag, fix length", both, func(o *object) {
			o.body = o.body[:len(o.body)-16]
			o.meta["x-amz-unencrypted-content-length"] = "27"
		}},
		{"flip IV", []clientside.Format{clientside.FormatV2}, func(o *object) { flipB64(o.meta, "x-amz-iv", 0) }},
		{"flip wrapped key", []clientside.Format{clientside.FormatV2}, func(o *object) { flipB64(o.meta, "x-amz-key-v2", 20) }},
		{"flip wrapped key", []clientside.Format{clientside.FormatV3}, func(o *object) { flipB64(o.meta, "x-amz-3", 20) }},
		{"flip commitment", []clientside.Format{clientside.FormatV3}, func(o *object) { flipB64(o.meta, "x-amz-d", 27) }},
		{"flip message id", []clientside.Format{clientside.FormatV3}, func(o *object) { flipB64(o.meta, "x-amz-i", 3) }},
	}
}

// readSpy records whether the body was read at all.
type readSpy struct {
	r    io.Reader
	read bool
}

// Read implements io.Reader.
func (s *readSpy) Read(p []byte) (int, error) {
	s.read = true
	return s.r.Read(p)
}

// mustAuthFail asserts an *AuthError with its fixed message and no plaintext.
func mustAuthFail(t *testing.T, pt []byte, err error) {
	t.Helper()
	var ae *clientside.AuthError
	if !errors.As(err, &ae) {
		t.Fatalf("error = %v (%T), want *AuthError", err, err)
	}
	if pt != nil {
		t.Fatalf("Decrypt returned %d plaintext bytes together with an error", len(pt))
	}
	const msg = "authentication failed: the object was modified or the key/context is wrong"
	if got := err.Error(); len(got) < len(msg) || got[:len(msg)] != msg {
		t.Errorf("message %q does not start with %q", got, msg)
	}
}

// TestTamperedObjectsFail applies every mutation to fresh V2 and V3 objects
// under the AES keyring and the (fake) KMS keyring.
func TestTamperedObjectsFail(t *testing.T) {
	pt := []byte("attack at dawn, bring snacks")
	keyrings := map[string]func() clientside.Keyring{
		"AES": func() clientside.Keyring { return aesKeyring(t, katMasterKey) },
		"KMS": func() clientside.Keyring { return clientside.NewKMSKeyring(newFakeKMS(), "alias/kat") },
	}
	for krName, newKR := range keyrings {
		for _, format := range both {
			for _, m := range mutations() {
				if !containsFormat(m.formats, format) {
					continue
				}
				t.Run(krName+"/"+format.String()+"/"+m.name, func(t *testing.T) {
					kr := newKR()
					body, meta := seal(t, kr, pt, clientside.EncryptOptions{Format: format, Context: katContext})
					o := &object{body: body, meta: maps.Clone(meta)}
					m.apply(o)
					got, err := clientside.Decrypt(context.Background(), bytes.NewReader(o.body), o.meta, kr, clientside.DecryptOptions{})
					mustAuthFail(t, got, err)
				})
			}
		}
	}
}

// containsFormat reports whether f is in fs.
func containsFormat(fs []clientside.Format, f clientside.Format) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// TestV3CommitmentCheckedBeforeBody: with a wrong commitment or message id
// the body is never even read, let alone decrypted.
func TestV3CommitmentCheckedBeforeBody(t *testing.T) {
	kr := aesKeyring(t, katMasterKey)
	body, meta := seal(t, kr, katPlaintext, clientside.EncryptOptions{Format: clientside.FormatV3})
	for _, key := range []string{"x-amz-d", "x-amz-i"} {
		m := maps.Clone(meta)
		flipB64(m, key, 0)
		spy := &readSpy{r: bytes.NewReader(body)}
		got, err := clientside.Decrypt(context.Background(), spy, m, kr, clientside.DecryptOptions{})
		mustAuthFail(t, got, err)
		if spy.read {
			t.Errorf("%s changed: body was read before the commitment check failed", key)
		}
	}
}

// TestWrongMasterKey: another master key cannot unwrap the data key.
func TestWrongMasterKey(t *testing.T) {
	for _, format := range both {
		body, meta := seal(t, aesKeyring(t, katMasterKey), katPlaintext, clientside.EncryptOptions{Format: format})
		other := aesKeyring(t, seq(0x41, 32))
		spy := &readSpy{r: bytes.NewReader(body)}
		got, err := clientside.Decrypt(context.Background(), spy, meta, other, clientside.DecryptOptions{})
		mustAuthFail(t, got, err)
		if spy.read {
			t.Errorf("%v: body read although the data key could not be unwrapped", format)
		}
	}
}

// TestChangedContext: a changed stored context makes KMS refuse, and a
// caller's expected context that differs fails before KMS is called; for the
// AES keyring the expected material description is compared the same way.
func TestChangedContext(t *testing.T) {
	for _, format := range both {
		ctxKey := map[clientside.Format]string{clientside.FormatV2: "x-amz-matdesc", clientside.FormatV3: "x-amz-t"}[format]

		fake := newFakeKMS()
		kr := clientside.NewKMSKeyring(fake, "alias/kat")
		body, meta := seal(t, kr, katPlaintext, clientside.EncryptOptions{Format: format, Context: map[string]string{"tenant": "a"}})

		changed := maps.Clone(meta)
		changed[ctxKey] = strings.ReplaceAll(meta[ctxKey], `"a"`, `"b"`)
		got, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), changed, kr, clientside.DecryptOptions{})
		mustAuthFail(t, got, err)
		if fake.decryptCall != 1 {
			t.Errorf("%v: KMS Decrypt called %d times, want 1 (KMS itself must reject the changed context)", format, fake.decryptCall)
		}

		got, err = clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, kr,
			clientside.DecryptOptions{ExpectedContext: map[string]string{"tenant": "b"}})
		mustAuthFail(t, got, err)
		if fake.decryptCall != 1 {
			t.Errorf("%v: KMS was called although the expected context differs", format)
		}

		got, err = clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, kr,
			clientside.DecryptOptions{ExpectedContext: map[string]string{"tenant": "a"}})
		if err != nil || !bytes.Equal(got, katPlaintext) {
			t.Errorf("%v: matching expected context: %q, %v", format, got, err)
		}
	}

	aes := aesKeyring(t, katMasterKey)
	body, meta := seal(t, aes, katPlaintext, clientside.EncryptOptions{Context: map[string]string{"tenant": "a"}})
	got, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, aes,
		clientside.DecryptOptions{ExpectedContext: map[string]string{"tenant": "b"}})
	mustAuthFail(t, got, err)
}

// TestContentCipherMismatchInContext: a V2 object whose stored KMS context
// names the V3 cipher (a downgrade attempt) is refused before KMS is asked.
func TestContentCipherMismatchInContext(t *testing.T) {
	fake := newFakeKMS()
	kr := clientside.NewKMSKeyring(fake, "alias/kat")
	body, meta := seal(t, kr, katPlaintext, clientside.EncryptOptions{})
	meta["x-amz-matdesc"] = `{"aws:x-amz-cek-alg":"115"}`
	got, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, kr, clientside.DecryptOptions{})
	mustAuthFail(t, got, err)
	if fake.decryptCall != 0 {
		t.Error("KMS was called for a context naming the wrong content cipher")
	}
}
