package sandbox_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/sandbox"
)

func TestAWSCLISSEC(t *testing.T) {
	srv := start(t, sandbox.Options{Seed: true, Clock: func() time.Time { return fixedTime }})
	aws := awsCLI(t, srv)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	keyFile := write("customer.key", newSSECKey("aws cli").raw)
	sseC := []string{"--sse-c", "AES256", "--sse-c-key", "fileb://" + keyFile, "--region", "eu-west-1"}

	// A small file (PutObject / GetObject) and one above the CLI's 8 MiB
	// multipart threshold (UploadPart with SSE-C, ranged GETs on the way down).
	for name, data := range map[string][]byte{
		"small.txt": []byte("uploaded by the aws CLI with SSE-C"),
		"large.bin": pseudoRandom(9<<20, 42),
	} {
		in := write(name, data)
		out, err := aws(append([]string{"s3", "cp", in, "s3://acme-ssec-vault/cli/" + name}, sseC...)...)
		if err != nil {
			t.Fatalf("upload %s: %v\n%s", name, err, out)
		}
		down := filepath.Join(dir, "down-"+name)
		out, err = aws(append([]string{"s3", "cp", "s3://acme-ssec-vault/cli/" + name, down}, sseC...)...)
		if err != nil {
			t.Fatalf("download %s: %v\n%s", name, err, out)
		}
		got, err := os.ReadFile(down)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%s: downloaded %d bytes differ from the %d uploaded (%v)", name, len(got), len(data), err)
		}
		assertEncryptedAtRest(t, srv, "acme-ssec-vault", "cli/"+name, "", data)
	}

	// Without the key the CLI gets S3's 400 (HEAD: no body, so only the status).
	out, err := aws("s3api", "head-object", "--bucket", "acme-ssec-vault", "--key", "cli/small.txt", "--region", "eu-west-1")
	if err == nil || !strings.Contains(out, "400") {
		t.Fatalf("head-object without key: %v\n%s", err, out)
	}
	// The demo object opens with sandbox.DemoSSECKey.
	demoKey := write("demo.key", sandbox.DemoSSECKey)
	out, err = aws("s3", "cp", "s3://acme-ssec-vault/vault/launch-plan.txt", "-", "--sse-c", "AES256", "--sse-c-key", "fileb://"+demoKey, "--region", "eu-west-1")
	if err != nil || !strings.Contains(out, "Project Falcon launch plan") {
		t.Fatalf("demo object: %v\n%s", err, out)
	}
	// A bucket that blocks SSE-C refuses the upload.
	out, err = aws("s3", "cp", keyFile, "s3://acme-scratch/blocked.bin", "--sse-c", "AES256", "--sse-c-key", "fileb://"+keyFile, "--region", "eu-west-1")
	if err == nil || !strings.Contains(out, "AccessDenied") || !strings.Contains(out, "blocked upload requests that specify Server Side Encryption with Customer provided keys") {
		t.Fatalf("upload to a blocking bucket: %v\n%s", err, out)
	}
}
