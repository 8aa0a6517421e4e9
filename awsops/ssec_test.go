package awsops

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateAndLoadSSECKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key.bin")
	if err := GenerateSSECKeyFile(path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 || info.Size() != SSECKeySize {
		t.Errorf("key file mode %v size %d, want 0600 and 32 raw bytes", info.Mode().Perm(), info.Size())
	}
	raw, _ := os.ReadFile(path)
	key, err := LoadSSECKey(path)
	if err != nil || !bytes.Equal(key, raw) {
		t.Fatalf("LoadSSECKey = %x, %v; want the file's bytes", key, err)
	}
	if err := GenerateSSECKeyFile(path); err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Errorf("second GenerateSSECKeyFile = %v, want a refusal", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, raw) {
		t.Error("the existing key was changed")
	}
}

func TestLoadSSECKeyFormatsAndRefusals(t *testing.T) {
	dir := t.TempDir()
	key := bytes.Repeat([]byte{0xA5}, 32)
	write := func(name string, data []byte, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil { // WriteFile's mode is subject to the umask
			t.Fatal(err)
		}
		return p
	}
	b64 := write("b64", []byte(base64.StdEncoding.EncodeToString(key)+"\n"), 0o600)
	if got, err := LoadSSECKey(b64); err != nil || !bytes.Equal(got, key) {
		t.Errorf("base64 key: %x, %v", got, err)
	}
	for name, tc := range map[string]struct {
		data []byte
		mode os.FileMode
		want string
	}{
		"group-readable": {key, 0o640, "chmod 600"},
		"world-readable": {key, 0o644, "open to group/others"},
		"short":          {key[:16], 0o600, "want 32 raw bytes"},
		"bad base64":     {[]byte("not a key at all, just some text\n"), 0o600, "want 32 raw bytes"},
	} {
		p := write(name, tc.data, tc.mode)
		if _, err := LoadSSECKey(p); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
	}
}

func TestSSECHeaders(t *testing.T) {
	// Key of 32 zero bytes: its MD5 is 70bc8f4b72a86921468bf8e8441dce51.
	h, err := newSSECHeaders(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	if h.algorithm != "AES256" || h.key != "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" || h.keyMD5 != "cLyPS3KoaSFGi/joRB3OUQ==" {
		t.Errorf("headers = %+v", h)
	}
	if _, err := newSSECHeaders(make([]byte, 16)); err == nil {
		t.Error("a 16-byte key was accepted")
	}
}
