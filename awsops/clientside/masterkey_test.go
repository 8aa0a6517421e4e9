package clientside_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// TestGenerateAndLoadMasterKey: a generated file is 0600, loads as 32 bytes,
// and is never overwritten.
func TestGenerateAndLoadMasterKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "master.key")
	if err := clientside.GenerateMasterKeyFile(path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode %04o, want 0600", perm)
	}
	key, err := clientside.LoadMasterKey(path)
	if err != nil || len(key) != 32 {
		t.Fatalf("LoadMasterKey = %d bytes, %v", len(key), err)
	}
	before, _ := os.ReadFile(path)
	if err := clientside.GenerateMasterKeyFile(path); err == nil {
		t.Error("GenerateMasterKeyFile overwrote an existing key file")
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("existing key file changed")
	}
}

// TestLoadMasterKeyEncodings: raw, hex and base64 text all give the same key.
func TestLoadMasterKeyEncodings(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string][]byte{
		"raw":          katMasterKey,
		"hex":          []byte(hex.EncodeToString(katMasterKey) + "\n"),
		"base64":       []byte("  " + base64.StdEncoding.EncodeToString(katMasterKey) + "\r\n"),
		"base64-nopad": []byte(base64.RawStdEncoding.EncodeToString(katMasterKey)),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		key, err := clientside.LoadMasterKey(path)
		if err != nil || !bytes.Equal(key, katMasterKey) {
			t.Errorf("%s: LoadMasterKey = %x, %v", name, key, err)
		}
	}
}

// TestLoadMasterKeyRefusals: loose permissions and wrong sizes fail clearly.
func TestLoadMasterKeyRefusals(t *testing.T) {
	dir := t.TempDir()
	loose := filepath.Join(dir, "loose")
	if err := os.WriteFile(loose, katMasterKey, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o640, 0o604, 0o660, 0o644} {
		if err := os.Chmod(loose, mode); err != nil {
			t.Fatal(err)
		}
		_, err := clientside.LoadMasterKey(loose)
		if err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("mode %04o: error %v, want a refusal telling how to fix it", mode, err)
		}
	}
	for name, content := range map[string][]byte{
		"short raw":    katMasterKey[:31],
		"16-byte hex":  []byte(hex.EncodeToString(katMasterKey[:16])),
		"empty":        nil,
		"too large":    bytes.Repeat([]byte("A"), 4096),
		"not encoding": []byte("this is not a key at all, just some text"),
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := clientside.LoadMasterKey(path); err == nil {
			t.Errorf("%s: LoadMasterKey succeeded", name)
		}
	}
	if _, err := clientside.LoadMasterKey(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing file: LoadMasterKey succeeded")
	}
	if _, err := clientside.NewAESKeyring(katMasterKey[:16]); err == nil {
		t.Error("NewAESKeyring accepted a 16-byte key")
	}
}
