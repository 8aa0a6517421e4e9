package awsops

import (
	"bytes"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// SSECKeySize is the size of an SSE-C key: AES-256.
const SSECKeySize = 32

// ssecAlgorithm is the only x-amz-server-side-encryption-customer-algorithm S3 accepts.
const ssecAlgorithm = "AES256"

// ssecHeaders are the three SSE-C header values for a key. aws-sdk-go-v2
// sends SSECustomerKey and SSECustomerKeyMD5 verbatim (unlike botocore it
// neither encodes the key nor computes the digest), so both are built here.
type ssecHeaders struct {
	algorithm, key, keyMD5 string
}

// newSSECHeaders checks the key size and encodes the headers.
func newSSECHeaders(key []byte) (ssecHeaders, error) {
	if len(key) != SSECKeySize {
		return ssecHeaders{}, fmt.Errorf("an SSE-C key must be %d bytes (AES-256), got %d", SSECKeySize, len(key))
	}
	sum := md5.Sum(key)
	return ssecHeaders{
		algorithm: ssecAlgorithm,
		key:       base64.StdEncoding.EncodeToString(key),
		keyMD5:    base64.StdEncoding.EncodeToString(sum[:]),
	}, nil
}

// SSECKeyMD5 returns the base64 MD5 of a key, as S3 echoes it in
// x-amz-server-side-encryption-customer-key-MD5: a safe way to show which
// key an object uses without showing the key.
func SSECKeyMD5(key []byte) string {
	sum := md5.Sum(key)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// checkSSECTransport refuses SSE-C on a plain-HTTP endpoint, before anything is sent.
func (s *Session) checkSSECTransport() error {
	if !s.Secure() {
		return &SSECOverHTTPError{Endpoint: s.Endpoint()}
	}
	return nil
}

// GenerateSSECKeyFile writes a new random SSE-C key (32 raw bytes) to path
// with mode 0600. It never overwrites an existing file: objects written with
// the old key could not be read any more.
func GenerateSSECKeyFile(path string) error {
	key := make([]byte, SSECKeySize)
	rand.Read(key) // never fails since Go 1.24
	defer clear(key)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("SSE-C key file %s already exists; refusing to overwrite a key that objects may be encrypted with", path)
		}
		return fmt.Errorf("creating the SSE-C key file: %w", err)
	}
	_, werr := f.Write(key)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(path)
		return fmt.Errorf("writing the SSE-C key file %s: %w", path, err)
	}
	return nil
}

// LoadSSECKey reads an SSE-C key file: 32 raw bytes (as written by
// GenerateSSECKeyFile and by `openssl rand 32`, usable with the aws CLI's
// --sse-c-key fileb://FILE), or those bytes as base64 text. Files that group
// or others may read are refused: whoever reads the key reads the objects.
func LoadSSECKey(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("SSE-C key: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("SSE-C key: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("SSE-C key %s is not a regular file", path)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("SSE-C key file %s has mode %04o, open to group/others; restrict it with: chmod 600 %s", path, perm, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, 1025))
	if err != nil {
		return nil, fmt.Errorf("SSE-C key %s: %w", path, err)
	}
	defer clear(data)
	key, err := parseSSECKey(data)
	if err != nil {
		return nil, fmt.Errorf("SSE-C key %s: %w", path, err)
	}
	return key, nil
}

// parseSSECKey accepts 32 raw bytes or base64 of 32 bytes (surrounding
// whitespace ignored).
func parseSSECKey(data []byte) ([]byte, error) {
	if len(data) == SSECKeySize {
		return bytes.Clone(data), nil
	}
	text := strings.TrimSpace(string(data))
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(text); err == nil && len(b) == SSECKeySize {
			return b, nil
		}
	}
	return nil, fmt.Errorf("want %d raw bytes or their base64 (got %d bytes that are neither)", SSECKeySize, len(data))
}
