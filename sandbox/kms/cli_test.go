package kms_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// awsCLI runs the aws CLI against the sandbox over HTTPS with the sandbox CA
// and the root keys, isolated from the user's configuration. Without the CLI
// the test is skipped, except under CI where the CLI tier is required.
func awsCLI(t *testing.T, srv *sandbox.Server) func(args ...string) []byte {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("aws CLI not found; the CLI tier is required under CI")
		}
		t.Skip("aws CLI not installed")
	}
	home := t.TempDir()
	env := []string{
		"HOME=" + home, "PATH=" + os.Getenv("PATH"),
		"AWS_ACCESS_KEY_ID=" + srv.Root().AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + srv.Root().SecretAccessKey,
		"AWS_DEFAULT_REGION=us-east-1", "AWS_CA_BUNDLE=" + srv.CAFile(),
		"AWS_CONFIG_FILE=" + home + "/config", "AWS_SHARED_CREDENTIALS_FILE=" + home + "/credentials",
		"AWS_PAGER=", "AWS_MAX_ATTEMPTS=1",
	}
	return func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(path, append([]string{"--endpoint-url", srv.HTTPSURL(), "--output", "json"}, args...)...)
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			stderr := ""
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("aws %v: %v\n%s%s", args, err, out, stderr)
		}
		return out
	}
}

func TestAWSCLI(t *testing.T) {
	srv := start(t, sandbox.Options{})
	aws := awsCLI(t, srv)
	dir := t.TempDir()

	var created struct {
		KeyMetadata struct{ KeyId, Arn, KeyState string }
	}
	must(t, json.Unmarshal(aws("kms", "create-key", "--description", "from the cli"), &created))
	if created.KeyMetadata.KeyState != "Enabled" {
		t.Fatalf("create-key: %+v", created)
	}
	aws("kms", "create-alias", "--alias-name", "alias/cli", "--target-key-id", created.KeyMetadata.KeyId)

	// fileb:// passes raw bytes to CLI v1 and v2 alike.
	plain := filepath.Join(dir, "plain.txt")
	must(t, os.WriteFile(plain, []byte("secret from the cli"), 0o600))
	var enc struct{ CiphertextBlob, KeyId string }
	must(t, json.Unmarshal(aws("kms", "encrypt", "--key-id", "alias/cli", "--plaintext", "fileb://"+plain,
		"--encryption-context", "purpose=cli"), &enc))
	if enc.KeyId != created.KeyMetadata.Arn {
		t.Fatalf("encrypt KeyId %s, want %s", enc.KeyId, created.KeyMetadata.Arn)
	}
	blob, err := base64.StdEncoding.DecodeString(enc.CiphertextBlob)
	must(t, err)
	blobFile := filepath.Join(dir, "blob.bin")
	must(t, os.WriteFile(blobFile, blob, 0o600))

	var dec struct{ Plaintext, KeyId string }
	must(t, json.Unmarshal(aws("kms", "decrypt", "--ciphertext-blob", "fileb://"+blobFile, "--encryption-context", "purpose=cli"), &dec))
	got, err := base64.StdEncoding.DecodeString(dec.Plaintext)
	must(t, err)
	if string(got) != "secret from the cli" || dec.KeyId != created.KeyMetadata.Arn {
		t.Fatalf("decrypt: %q key %s", got, dec.KeyId)
	}
}
