package kms

import (
	"bytes"
	"testing"
)

func TestAssociatedDataIsCanonicalAndUnambiguous(t *testing.T) {
	h := []byte{1, 2}
	a := associatedData(h, map[string]string{"b": "2", "a": "1"})
	b := associatedData(h, map[string]string{"a": "1", "b": "2"})
	if !bytes.Equal(a, b) {
		t.Fatal("the same context encodes differently")
	}
	if !bytes.Equal(associatedData(h, nil), associatedData(h, map[string]string{})) {
		t.Fatal("nil and empty contexts differ")
	}
	// Contexts whose concatenations agree must still differ.
	distinct := []map[string]string{
		nil,
		{"": ""},
		{"ab": "c"},
		{"a": "bc"},
		{"a": "b", "c": ""},
		{"a": "", "bc": ""},
	}
	seen := map[string]int{}
	for i, c := range distinct {
		k := string(associatedData(h, c))
		if j, ok := seen[k]; ok {
			t.Fatalf("contexts %v and %v encode alike", distinct[j], c)
		}
		seen[k] = i
	}
}

func TestBlobRoundTripAndSize(t *testing.T) {
	s := New(Options{})
	s.mu.Lock()
	k := s.newKey("us-east-1", keySpec{manager: managerCustomer})
	s.mu.Unlock()
	for _, n := range []int{0, 1, 32, 4096} {
		pt := bytes.Repeat([]byte{7}, n)
		blob := sealBlob(k, pt, map[string]string{"c": "d"})
		// AWS's limit for CiphertextBlob is 6144 bytes.
		if len(blob) > 6144 || len(blob) != 2+36+12+n+16 {
			t.Fatalf("%d-byte plaintext: blob of %d bytes", n, len(blob))
		}
		if id, ok := blobKeyID(blob); !ok || id != k.id {
			t.Fatalf("blob names key %q", id)
		}
		got, ok := openBlob(k, blob, map[string]string{"c": "d"})
		if !ok || !bytes.Equal(got, pt) {
			t.Fatalf("%d-byte plaintext did not round-trip", n)
		}
	}
}

func TestIsKeyID(t *testing.T) {
	for v, want := range map[string]bool{
		"1234abcd-12ab-34cd-56ef-1234567890ab": true,
		"1234ABCD-12AB-34CD-56EF-1234567890AB": true,
		"mrk-1234abcd12ab34cd56ef1234567890ab": true,
		"1234abcd-12ab-34cd-56ef-1234567890a":  false,
		"1234abcd_12ab-34cd-56ef-1234567890ab": false,
		"1234abcg-12ab-34cd-56ef-1234567890ab": false,
		"mrk-1234abcd12ab34cd56ef1234567890ag": false,
		"fake-key-id":                          false,
		"":                                     false,
	} {
		if isKeyID(v) != want {
			t.Errorf("isKeyID(%q) = %v", v, !want)
		}
	}
}
