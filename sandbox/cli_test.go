package sandbox_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/sandbox"
)

// awsCLI runs the aws CLI against the sandbox over HTTPS (awsCLIOn).
func awsCLI(t *testing.T, srv *sandbox.Server) func(args ...string) (string, error) {
	t.Helper()
	return awsCLIOn(t, srv, false)
}

// awsCLIOn runs the aws CLI as root against one of the sandbox's listeners
// (plain HTTP or HTTPS with the sandbox CA), isolated from the user's
// configuration; skipped without the CLI except under CI.
func awsCLIOn(t *testing.T, srv *sandbox.Server, plain bool) func(args ...string) (string, error) {
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
	return func(args ...string) (string, error) {
		cmd := exec.Command(path, append([]string{"--endpoint-url", endpoint(srv, plain), "--output", "json"}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
}

func TestAWSCLI(t *testing.T) {
	srv := start(t, sandbox.Options{Seed: true, Clock: func() time.Time { return fixedTime }})
	aws := awsCLI(t, srv)

	out, err := aws("s3api", "list-buckets")
	if err != nil || !strings.Contains(out, `"Name": "acme-secure-records"`) {
		t.Fatalf("list-buckets: %v\n%s", err, out)
	}
	out, err = aws("s3api", "get-bucket-location", "--bucket", "acme-ping")
	if err != nil || !strings.Contains(out, `"LocationConstraint": "eu-west-1"`) {
		t.Fatalf("get-bucket-location: %v\n%s", err, out)
	}

	// botocore asks for encoding-type=url and decodes the keys again.
	out, err = aws("s3api", "list-object-versions", "--bucket", "acme-secure-records", "--prefix", "contracts/")
	if err != nil {
		t.Fatalf("list-object-versions: %v\n%s", err, out)
	}
	var versions struct {
		Versions      []struct{ Key, VersionId string }
		DeleteMarkers []struct {
			Key      string
			IsLatest bool
		}
	}
	if err := json.Unmarshal([]byte(out), &versions); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(versions.Versions) != 2 || len(versions.DeleteMarkers) != 1 || versions.DeleteMarkers[0].Key != "contracts/msa.txt" || !versions.DeleteMarkers[0].IsLatest {
		t.Fatalf("versions %+v", versions)
	}

	file := t.TempDir() + "/in.txt"
	if err := os.WriteFile(file, []byte("from the aws cli with spaces"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err = aws("s3", "cp", file, "s3://acme-scratch/cli dir/file name.txt", "--region", "eu-west-1"); err != nil {
		t.Fatalf("s3 cp: %v\n%s", err, out)
	}
	out, err = aws("s3", "ls", "s3://acme-scratch/cli dir/", "--region", "eu-west-1")
	if err != nil || !strings.Contains(out, "file name.txt") {
		t.Fatalf("s3 ls: %v\n%s", err, out)
	}

	// Errors reach the CLI with their code and message.
	out, err = aws("s3api", "get-bucket-cors", "--bucket", "acme-scratch", "--region", "eu-west-1")
	if err == nil || !strings.Contains(out, "NoSuchCORSConfiguration") || !strings.Contains(out, "The CORS configuration does not exist") {
		t.Fatalf("get-bucket-cors: %v\n%s", err, out)
	}
	out, err = aws("s3api", "head-object", "--bucket", "acme-secure-records", "--key", "contracts/msa.txt")
	if err == nil || !strings.Contains(out, "404") {
		t.Fatalf("head-object under a delete marker: %v\n%s", err, out)
	}
}
