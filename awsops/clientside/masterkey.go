package clientside

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// LoadMasterKey reads a 256-bit master key for AESKeyring. The file holds 32
// raw bytes, or the 32 bytes as base64 or hex text (surrounding whitespace
// ignored). Files that group or others may read or write are refused, the way
// ssh refuses loose private keys: whoever reads it can decrypt every object.
func LoadMasterKey(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("clientside: master key: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("clientside: master key: %w", err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("clientside: master key file %s has mode %04o, open to group/others; "+
			"restrict it with: chmod 600 %s", path, perm, path)
	}
	data, err := readSmall(f, 1024)
	if err != nil {
		return nil, fmt.Errorf("clientside: master key %s: %w", path, err)
	}
	key, err := parseMasterKey(data)
	if err != nil {
		return nil, fmt.Errorf("clientside: master key %s: %w", path, err)
	}
	return key, nil
}

// readSmall reads a whole file that must not exceed limit bytes.
func readSmall(f *os.File, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file is larger than %d bytes; not a key file", limit)
	}
	return data, nil
}

// parseMasterKey accepts 32 raw bytes, 64 hex digits or base64 of 32 bytes.
func parseMasterKey(data []byte) ([]byte, error) {
	if len(data) == dataKeySize {
		// A random key is text-like with odds of about 2^-64, so a 32-byte
		// file of base64/hex characters is a short key typed as text: refuse
		// it rather than use its characters as key bytes.
		if isKeyText(data) {
			return nil, errors.New("32 characters of text encode fewer than 32 bytes; want 32 raw bytes, 64 hex digits or 44 base64 characters")
		}
		return data, nil
	}
	text := string(bytes.TrimSpace(data))
	if b, err := hex.DecodeString(text); err == nil && len(b) == dataKeySize {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(text); err == nil && len(b) == dataKeySize {
			return b, nil
		}
	}
	return nil, fmt.Errorf("want 32 raw bytes, or 32 bytes as base64 or hex text (got %d bytes that are neither)", len(data))
}

// isKeyText reports whether b consists only of hex/base64 alphabet characters.
func isKeyText(b []byte) bool {
	for _, c := range b {
		alnum := c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !alnum && !strings.ContainsRune("+/=-_", rune(c)) {
			return false
		}
	}
	return true
}

// GenerateMasterKeyFile writes a new random 256-bit master key to path as
// base64 text with mode 0600. It never overwrites an existing file: replacing
// a master key would make every object encrypted under it unreadable.
func GenerateMasterKeyFile(path string) error {
	key := make([]byte, dataKeySize)
	rand.Read(key) // never fails since Go 1.24
	defer clear(key)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("clientside: create master key file: %w", err)
	}
	_, werr := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	serr := f.Sync()
	cerr := f.Close()
	for _, err := range []error{werr, serr, cerr} {
		if err != nil {
			os.Remove(path)
			return fmt.Errorf("clientside: write master key file: %w", err)
		}
	}
	return nil
}
