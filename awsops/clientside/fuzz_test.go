package clientside

import (
	"maps"
	"strings"
	"testing"
)

// fuzzSeeds are metadata maps in the "key=value" line form FuzzParseMetadata takes.
var fuzzSeeds = []string{
	"x-amz-key-v2=oKGio6Slpqeoqaqr144EPObumipxZkv1hbE++f8G59T4epM6+sX0gfXfYOflPJx1fwpQB0Z0PwNhYC9r\nx-amz-iv=wMHCw8TFxsfIycrL\n" +
		"x-amz-cek-alg=AES/GCM/NoPadding\nx-amz-wrap-alg=AES/GCM\nx-amz-tag-len=128\nx-amz-matdesc={\"purpose\":\"kat\"}\nx-amz-unencrypted-content-length=43",
	"x-amz-c=115\nx-amz-3=a21zLWNpcGhlcnRleHQtYmxvYi1mb3Ita2F0\nx-amz-w=12\nx-amz-t={\"aws:x-amz-cek-alg\":\"115\"}\n" +
		"x-amz-d=lqIhmlNR0TnHez2zGtUWu/R+8t5pkPMBVkC+Ig==\nx-amz-i=0NHS09TV1tfY2drb3N3e3+Dh4uPk5ebn6Onq6w==",
	"X-Amz-Meta-X-Amz-Key-V2=AAAA\nX-Amz-Meta-X-Amz-Iv=AAAAAAAAAAAAAAAA\nx-amz-cek-alg=AES/GCM/NoPadding\nx-amz-wrap-alg=kms+context\nx-amz-matdesc==?UTF-8?B?eyJhIjoiw6kifQ==?=",
	"x-amz-key=AAAA\nx-amz-iv=AAAA",
	"x-amz-key-v2=AAAA\nx-amz-3=AAAA\nx-amz-d=AAAA\nx-amz-i=AAAA\nx-amz-iv=AAAA",
	"x-amz-c=115\nx-amz-d=AAAA\nx-amz-i=AAAA",
	"owner=me",
	"",
}

// linesToMap turns "k=v" lines into a metadata map.
func linesToMap(s string) map[string]string {
	m := map[string]string{}
	for line := range strings.SplitSeq(s, "\n") {
		k, v, _ := strings.Cut(line, "=")
		m[k] = v
	}
	return m
}

// FuzzParseMetadata: the parser never panics, anything it accepts satisfies
// the format's size rules, and rendering an accepted envelope and parsing it
// again gives the same envelope.
func FuzzParseMetadata(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		meta := linesToMap(s)
		detected, _ := Detect(meta)
		env, err := parseMetadata(meta)
		if err != nil {
			return
		}
		if env.format != detected {
			t.Fatalf("parse says %v, Detect says %v", env.format, detected)
		}
		switch env.format {
		case FormatV2:
			if len(env.iv) != gcmIVSize || env.cekAlg != CipherAESGCM {
				t.Fatalf("accepted V2 with IV %d bytes, cipher %q", len(env.iv), env.cekAlg)
			}
		case FormatV3:
			if len(env.messageID) != messageIDSize || len(env.commitment) != commitmentSize || env.cekAlg != CipherAESGCMCommit {
				t.Fatalf("accepted V3 with message id %d, commitment %d, cipher %q", len(env.messageID), len(env.commitment), env.cekAlg)
			}
		default:
			t.Fatalf("accepted format %v", env.format)
		}
		if len(env.wrappedKey) == 0 || (env.wrapAlg != WrapKMSContext && env.wrapAlg != WrapAESGCM) {
			t.Fatalf("accepted wrapped key %d bytes, wrap %q", len(env.wrappedKey), env.wrapAlg)
		}
		again, err := parseMetadata(env.metadata())
		if err != nil {
			t.Fatalf("re-parsing rendered metadata: %v", err)
		}
		if again.format != env.format || again.wrapAlg != env.wrapAlg || again.plainLen != env.plainLen ||
			string(again.wrappedKey) != string(env.wrappedKey) || string(again.iv) != string(env.iv) ||
			string(again.messageID) != string(env.messageID) || string(again.commitment) != string(env.commitment) ||
			!maps.Equal(again.description, env.description) {
			t.Fatalf("round trip changed the envelope:\n%+v\n%+v", env, again)
		}
	})
}
