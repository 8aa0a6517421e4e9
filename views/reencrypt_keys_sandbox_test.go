package views

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// SSE-C objects written with different keys: the re-encryption asks for
// each distinct key, named by its MD5, until every object has its own.
// Before, one key was asked for and sent with every object, so the copy of
// any object written with another key failed.
func TestReencryptAsksForEachDistinctSSECKeySandbox(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.key")
	if err := os.WriteFile(first, sandbox.DemoSSECKey, 0o600); err != nil {
		t.Fatal(err)
	}
	other := bytes.Repeat([]byte{7}, 32)
	second := filepath.Join(dir, "second.key")
	if err := os.WriteFile(second, other, 0o600); err != nil {
		t.Fatal(err)
	}
	be := openSandbox(t)
	if _, err := be.Upload(context.Background(), awsops.UploadInput{Bucket: "acme-ssec-vault", Region: "eu-west-1", Key: "vault/another.txt",
		Body: strings.NewReader("another"), Size: 7, Mode: awsops.SSEC, SSECKey: other}, nil); err != nil {
		t.Fatal(err)
	}
	a := settledApp(t, be, 120, 30)
	d := openObjects(t, a, "acme-ssec-vault")
	for _, k := range []string{"vault/another.txt", "vault/launch-plan.txt"} {
		for i := 0; i < d.objects.count() && d.objects.objects[d.objects.cursor].Key != k; i++ {
			keys(a, "j")
		}
		keys(a, "space")
	}
	keys(a, "x", "down", "enter") // SSE-S3
	wantOnScreen(t, a, "Current SSE-C key file of the SSE-C objects (2)")
	paste(a, first)
	keys(a, "enter")
	wantOnScreen(t, a, "Key MD5 "+awsops.SSECKeyMD5(sandbox.DemoSSECKey)+" opens vault/launch-plan.txt", "Now the key of the others: vault/another.txt")
	keys(a, "enter") // the encryption stays SSE-S3
	wantOnScreen(t, a, "Next SSE-C key file (1 object still without one)")
	paste(a, second)
	keys(a, "enter")
	wantOnScreen(t, a, "Plan: Re-encrypt 2 object(s) in acme-ssec-vault")
	keys(a, "y")
	for _, k := range []string{"vault/another.txt", "vault/launch-plan.txt"} {
		if row := objectRow(a, k); !strings.Contains(row, "SSE-S3") {
			t.Fatalf("%s must now be SSE-S3: %q\n%s", k, row, screenText(a))
		}
	}
	for _, key := range [][]byte{sandbox.DemoSSECKey, other} {
		assertNoSecret(t, a, key, "after re-encrypting")
	}
}
