package clientside

import (
	"mime"
	"testing"
)

// TestS3MetadataTextForms reads a material description in every form S3 and
// the official clients produce for {"owner":"Zoë Ångström"}.
func TestS3MetadataTextForms(t *testing.T) {
	const want = `{"owner":"Zoë Ångström"}`
	// What S3 stores for the raw UTF-8 bytes: each byte read as ISO-8859-1.
	latin1 := ""
	for i := 0; i < len(want); i++ {
		latin1 += string(rune(want[i]))
	}
	cases := map[string]string{
		"plain raw UTF-8": want,
		"single-encoded":  mime.BEncoding.Encode("UTF-8", want),
		"double-encoded":  mime.BEncoding.Encode("UTF-8", latin1),
		"Q-encoded":       mime.QEncoding.Encode("UTF-8", want),
	}
	for name, in := range cases {
		got, ok := s3MetadataText(in)
		if !ok || got != want {
			t.Errorf("%s: %q -> %q, %v; want %q", name, in, got, ok, want)
		}
	}
	// A single-encoded Latin-1 text that is not UTF-8 underneath stays as it is.
	if got, ok := s3MetadataText(mime.BEncoding.Encode("UTF-8", "Zoë")); !ok || got != "Zoë" {
		t.Errorf("single-encoded Zoë -> %q, %v", got, ok)
	}
	if _, ok := s3MetadataText("=?x-unknown?B?YQ==?="); ok { // DecodeHeader leaves malformed words as they are, but refuses an unknown charset
		t.Error("a broken RFC 2047 word was accepted")
	}
	if got, ok := s3MetadataText("=?"); !ok || got != "=?" {
		t.Errorf(`"=?" -> %q, %v (DecodeHeader leaves non-words alone)`, got, ok)
	}
}
