package sandbox_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

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

// The acceptance check: after the TLS-only statement, `aws s3 ls`
// and `aws s3api get-object` fail over plain HTTP with AccessDenied and work
// over HTTPS; root can still remove the policy over HTTP (lock-out protection).
func TestTLSOnlyPolicyAWSCLI(t *testing.T) {
	srv := start(t, sandbox.Options{})
	httpCLI, httpsCLI := awsCLIOn(t, srv, true), awsCLIOn(t, srv, false)
	root := s3Client(t, srv, clientOpts{})
	mustBucket(t, root, "tls-cli")
	mustPut(t, root, "tls-cli", "k", "v")
	if out, err := httpsCLI("s3api", "put-bucket-policy", "--bucket", "tls-cli", "--policy", tlsOnly("tls-cli")); err != nil {
		t.Fatalf("put-bucket-policy: %v\n%s", err, out)
	}
	dest := t.TempDir() + "/k"
	for _, args := range [][]string{{"s3", "ls", "s3://tls-cli"}, {"s3api", "get-object", "--bucket", "tls-cli", "--key", "k", dest}} {
		out, err := httpCLI(args...)
		if err == nil || !strings.Contains(out, "AccessDenied") {
			t.Errorf("%v over HTTP: err %v, output %q; want AccessDenied", args, err, out)
		}
		out, err = httpsCLI(args...)
		if err != nil {
			t.Errorf("%v over HTTPS: %v\n%s", args, err, out)
		}
	}
	if out, err := httpCLI("s3api", "delete-bucket-policy", "--bucket", "tls-cli"); err != nil {
		t.Fatalf("root delete-bucket-policy over HTTP: %v\n%s", err, out)
	}
	if err := getObject(s3Client(t, srv, clientOpts{plain: true}), "tls-cli", "k"); err != nil {
		t.Fatalf("after the policy is gone, GET over HTTP: %v", err)
	}
}
