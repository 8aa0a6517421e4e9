package clientside_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// TestDetect covers the §9.1 rules, key spellings and broken envelopes.
func TestDetect(t *testing.T) {
	v2 := map[string]string{"x-amz-key-v2": "a", "x-amz-iv": "b"}
	v3 := map[string]string{"x-amz-3": "a", "x-amz-d": "b", "x-amz-i": "c"}
	for _, tc := range []struct {
		name string
		meta map[string]string
		want clientside.Format
		ok   bool
	}{
		{"nil", nil, clientside.FormatNone, false},
		{"plain user metadata", map[string]string{"owner": "me"}, clientside.FormatNone, false},
		{"V1", map[string]string{"x-amz-key": "a", "x-amz-iv": "b"}, clientside.FormatV1, true},
		{"V2", v2, clientside.FormatV2, true},
		{"V2 canonical header spelling", map[string]string{"X-Amz-Meta-X-Amz-Key-V2": "a", "X-Amz-Meta-X-Amz-Iv": "b"}, clientside.FormatV2, true},
		{"V3", v3, clientside.FormatV3, true},
		{"V2 and V3 keys", map[string]string{"x-amz-key-v2": "a", "x-amz-iv": "b", "x-amz-3": "a", "x-amz-d": "b", "x-amz-i": "c"}, clientside.FormatUnknown, true},
		{"V1 and V2 keys", map[string]string{"x-amz-key": "a", "x-amz-key-v2": "a", "x-amz-iv": "b"}, clientside.FormatUnknown, true},
		{"V2 without IV", map[string]string{"x-amz-key-v2": "a"}, clientside.FormatUnknown, true},
		{"V3 without commitment", map[string]string{"x-amz-3": "a", "x-amz-i": "c"}, clientside.FormatUnknown, true},
		{"V3 with instruction file", map[string]string{"x-amz-c": "115", "x-amz-d": "b", "x-amz-i": "c"}, clientside.FormatUnknown, true},
		{"same key twice, different values", map[string]string{"x-amz-iv": "a", "X-Amz-Iv": "b", "x-amz-key-v2": "k"}, clientside.FormatUnknown, true},
		{"user key twice, different values", map[string]string{"Owner": "a", "owner": "b"}, clientside.FormatNone, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := clientside.Detect(tc.meta)
			if f != tc.want || ok != tc.ok {
				t.Errorf("Detect = %v, %v; want %v, %v", f, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestDecryptRefusesUnreadable: each unreadable case gets a specific error.
func TestDecryptRefusesUnreadable(t *testing.T) {
	kr := aesKeyring(t, katMasterKey)
	body, meta := seal(t, kr, katPlaintext, clientside.EncryptOptions{})
	with := func(changes map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range meta {
			m[k] = v
		}
		for k, v := range changes {
			if v == "" {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	for _, tc := range []struct {
		name     string
		meta     map[string]string
		is       error
		contains string
	}{
		{"not encrypted", map[string]string{"owner": "me"}, clientside.ErrNotEncrypted, "instruction file"},
		{"V1", map[string]string{"x-amz-key": "AAAA", "x-amz-iv": "AAAA", "x-amz-matdesc": "{}"}, clientside.ErrUnsupported, "V1"},
		{"CBC", with(map[string]string{"x-amz-cek-alg": "AES/CBC/PKCS5Padding"}), clientside.ErrUnsupported, "x-amz-cek-alg"},
		{"RSA", with(map[string]string{"x-amz-wrap-alg": "RSA-OAEP-SHA1"}), clientside.ErrUnsupported, "x-amz-wrap-alg"},
		{"legacy kms", with(map[string]string{"x-amz-wrap-alg": "kms"}), clientside.ErrUnsupported, "kms"},
		{"ambiguous", with(map[string]string{"x-amz-3": "AAAA"}), nil, "conflicting"},
		{"short IV", with(map[string]string{"x-amz-iv": "AAAA"}), nil, "x-amz-iv"},
		{"bad base64", with(map[string]string{"x-amz-key-v2": "!!"}), nil, "base64"},
		{"bad matdesc", with(map[string]string{"x-amz-matdesc": "[1]"}), nil, "x-amz-matdesc"},
		{"bad tag length", with(map[string]string{"x-amz-tag-len": "96"}), nil, "x-amz-tag-len"},
		{"wrong keyring", meta, clientside.ErrWrongKeyring, "kms+context"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var k clientside.Keyring = kr
			if tc.name == "wrong keyring" {
				k = clientside.NewKMSKeyring(newFakeKMS(), "alias/x")
			}
			pt, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), tc.meta, k, clientside.DecryptOptions{})
			if err == nil || pt != nil {
				t.Fatalf("Decrypt = %d bytes, %v; want an error and no plaintext", len(pt), err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q does not mention %q", err, tc.contains)
			}
		})
	}
}

// TestRoundTripSizesAndFormats: empty and multi-chunk objects in both formats.
func TestRoundTripSizesAndFormats(t *testing.T) {
	kr := aesKeyring(t, katMasterKey)
	for _, format := range both {
		for _, n := range []int{0, 1, 15, 16, 17, 100_000, 200_003} {
			pt := bytes.Repeat([]byte{byte(n)}, n)
			body, meta := seal(t, kr, pt, clientside.EncryptOptions{Format: format})
			got, err := clientside.Decrypt(context.Background(), bytes.NewReader(body), meta, kr, clientside.DecryptOptions{})
			if err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("%v size %d: %v", format, n, err)
			}
		}
	}
}

// TestEncryptRejectsBadInput: sizes outside GCM's range and unwritable formats.
func TestEncryptRejectsBadInput(t *testing.T) {
	kr := aesKeyring(t, katMasterKey)
	for _, tc := range []struct {
		size   int64
		format clientside.Format
	}{{-1, clientside.FormatV2}, {1 << 36, clientside.FormatV2}, {1, clientside.FormatV1}, {1, clientside.FormatUnknown}} {
		if _, err := clientside.Encrypt(context.Background(), bytes.NewReader(nil), tc.size, kr, clientside.EncryptOptions{Format: tc.format}); err == nil {
			t.Errorf("size %d format %v: Encrypt succeeded", tc.size, tc.format)
		}
	}
}
