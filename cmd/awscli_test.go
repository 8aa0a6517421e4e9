package cmd

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/otp"
)

// The aws CLI is an independent client: these tests check that `s3sec sandbox`
// speaks S3 the way a real client expects, using its printed export lines.

// requireTool returns the path of a binary, skipping the test when it is absent
// outside CI and failing under CI=true, where the peer tier is mandatory.
func requireTool(t *testing.T, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found on PATH but CI=true requires the peer tier (%s)", name, hint)
		}
		t.Skipf("%s not found on PATH: peer tier skipped (%s)", name, hint)
	}
	return p
}

// startSandboxCommand runs `s3sec sandbox` in-process and returns the
// environment it exported.
func startSandboxCommand(t *testing.T, extra ...string) map[string]string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"sandbox"}, extra...), pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("sandbox command did not stop on cancel")
		}
	})
	env := map[string]string{}
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# ") && len(env) > 0 {
			break // the human-readable line that follows the exports
		}
		k, v, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if !strings.HasPrefix(line, "export ") || !ok {
			t.Fatalf("expected an export line first, got %q", line)
		}
		env[k] = v
	}
	go io.Copy(io.Discard, pr) // keep the pipe drained
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_ENDPOINT_URL", "AWS_CA_BUNDLE",
		"S3SEC_SANDBOX_HTTP_URL", "S3SEC_DEMO_ADMIN_ACCESS_KEY_ID", "S3SEC_DEMO_ADMIN_SECRET_ACCESS_KEY",
		"S3SEC_DEMO_MFA_SERIAL", "S3SEC_DEMO_MFA_SEED"} {
		if env[k] == "" {
			t.Fatalf("export line for %s missing (got %v)", k, env)
		}
	}
	return env
}

// awsCLI runs the aws CLI with the sandbox environment and an isolated home.
func awsCLI(t *testing.T, bin string, env map[string]string, args ...string) (string, error) {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER="}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if err != nil {
		return out.String() + errOut.String(), err
	}
	return out.String(), nil
}

func TestAWSCLIAgainstSandbox(t *testing.T) {
	bin := requireTool(t, "aws", "the aws CLI v1 from pip")
	env := startSandboxCommand(t)

	out, err := awsCLI(t, bin, env, "s3api", "list-buckets", "--output", "json")
	if err != nil {
		t.Fatalf("list-buckets: %v\n%s", err, out)
	}
	var lb struct{ Buckets []struct{ Name string } }
	if err := json.Unmarshal([]byte(out), &lb); err != nil {
		t.Fatalf("list-buckets output: %v\n%s", err, out)
	}
	found := false
	for _, b := range lb.Buckets {
		found = found || b.Name == "acme-secure-records"
	}
	if !found {
		t.Errorf("list-buckets misses acme-secure-records: %s", out)
	}

	if out, err := awsCLI(t, bin, env, "s3api", "create-bucket", "--bucket", "cli-fresh"); err != nil {
		t.Fatalf("create-bucket: %v\n%s", err, out)
	}
	out, err = awsCLI(t, bin, env, "s3api", "get-bucket-encryption", "--bucket", "cli-fresh", "--output", "json")
	if err != nil {
		t.Fatalf("get-bucket-encryption: %v\n%s", err, out)
	}
	var enc struct {
		ServerSideEncryptionConfiguration struct {
			Rules []struct {
				ApplyServerSideEncryptionByDefault struct{ SSEAlgorithm string }
				BucketKeyEnabled                   bool
				BlockedEncryptionTypes             struct{ EncryptionType []string }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &enc); err != nil {
		t.Fatalf("encryption output: %v\n%s", err, out)
	}
	rules := enc.ServerSideEncryptionConfiguration.Rules
	if len(rules) != 1 || rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm != "AES256" || rules[0].BucketKeyEnabled ||
		strings.Join(rules[0].BlockedEncryptionTypes.EncryptionType, ",") != "SSE-C" {
		t.Errorf("fresh bucket encryption = %s", out)
	}

	src := filepath.Join(t.TempDir(), "in.txt")
	payload := []byte("hello from the aws CLI\n")
	if err := os.WriteFile(src, payload, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := awsCLI(t, bin, env, "s3api", "put-object", "--bucket", "cli-fresh", "--key", "dir/in.txt", "--body", src); err != nil {
		t.Fatalf("put-object: %v\n%s", err, out)
	}
	dst := filepath.Join(t.TempDir(), "out.txt")
	out, err = awsCLI(t, bin, env, "s3api", "get-object", "--bucket", "cli-fresh", "--key", "dir/in.txt", dst, "--output", "json")
	if err != nil {
		t.Fatalf("get-object: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(dst); !bytes.Equal(got, payload) {
		t.Errorf("get-object body = %q, want %q", got, payload)
	}
	if !strings.Contains(out, `"ServerSideEncryption": "AES256"`) {
		t.Errorf("get-object does not report SSE-S3: %s", out)
	}

	out, err = awsCLI(t, bin, env, "s3api", "get-bucket-versioning", "--bucket", "acme-secure-records", "--output", "json")
	if err != nil {
		t.Fatalf("get-bucket-versioning: %v\n%s", err, out)
	}
	if !strings.Contains(out, `"Status": "Enabled"`) || !strings.Contains(out, `"MFADelete": "Enabled"`) {
		t.Errorf("versioning of the model bucket = %s", out)
	}

	out, err = awsCLI(t, bin, env, "s3api", "get-bucket-location", "--bucket", "acme-ping", "--output", "json")
	if err != nil || !strings.Contains(out, `"LocationConstraint": "eu-west-1"`) {
		t.Errorf("get-bucket-location acme-ping: %v\n%s", err, out)
	}

	bad := map[string]string{}
	for k, v := range env {
		bad[k] = v
	}
	bad["AWS_SECRET_ACCESS_KEY"] = "not-the-secret"
	out, err = awsCLI(t, bin, bad, "s3api", "list-buckets")
	if err == nil || !strings.Contains(out, "SignatureDoesNotMatch") {
		t.Errorf("wrong secret: err=%v, output:\n%s", err, out)
	}
	bad["AWS_ACCESS_KEY_ID"] = "AKIANOTAREALKEY00000"
	out, err = awsCLI(t, bin, bad, "s3api", "list-buckets")
	if err == nil || !strings.Contains(out, "InvalidAccessKeyId") {
		t.Errorf("unknown key: err=%v, output:\n%s", err, out)
	}
}

func TestAWSCLIMFADeleteWithPrintedSeed(t *testing.T) {
	bin := requireTool(t, "aws", "the aws CLI v1 from pip")
	env := startSandboxCommand(t)

	out, err := awsCLI(t, bin, env, "s3api", "list-object-versions", "--bucket", "acme-secure-records",
		"--prefix", "reports/2026-q1.pdf", "--output", "json")
	if err != nil {
		t.Fatalf("list-object-versions: %v\n%s", err, out)
	}
	var lv struct {
		Versions []struct {
			Key, VersionId string
			IsLatest       bool
		}
	}
	if err := json.Unmarshal([]byte(out), &lv); err != nil {
		t.Fatalf("list-object-versions output: %v\n%s", err, out)
	}
	var version string
	for _, v := range lv.Versions {
		if !v.IsLatest {
			version = v.VersionId
			break
		}
	}
	if version == "" {
		t.Fatalf("no noncurrent version of reports/2026-q1.pdf in the model bucket: %s", out)
	}

	del := []string{"s3api", "delete-object", "--bucket", "acme-secure-records", "--key", "reports/2026-q1.pdf", "--version-id", version}
	out, err = awsCLI(t, bin, env, del...)
	if err == nil || !strings.Contains(out, "Mfa Authentication must be used for this request") {
		t.Fatalf("delete of a version without --mfa: err=%v, output:\n%s", err, out)
	}

	code, err := otp.Code(env["S3SEC_DEMO_MFA_SEED"], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	out, err = awsCLI(t, bin, env, append(del, "--mfa", env["S3SEC_DEMO_MFA_SERIAL"]+" "+code)...)
	if err != nil {
		t.Fatalf("delete with a code from the printed seed: %v\n%s", err, out)
	}
	out, _ = awsCLI(t, bin, env, "s3api", "list-object-versions", "--bucket", "acme-secure-records",
		"--prefix", "reports/2026-q1.pdf", "--output", "json")
	if strings.Contains(out, version) {
		t.Errorf("version %s still listed after the MFA delete:\n%s", version, out)
	}
}

func TestSandboxKeysOverriddenByFlags(t *testing.T) {
	bin := requireTool(t, "aws", "the aws CLI v1 from pip")
	env := startSandboxCommand(t, "--empty",
		"--root-access-key-id", "AKIAOVERRIDDEN000001", "--root-secret-access-key", "overridden-root-secret")
	if env["AWS_ACCESS_KEY_ID"] != "AKIAOVERRIDDEN000001" || env["AWS_SECRET_ACCESS_KEY"] != "overridden-root-secret" {
		t.Fatalf("exports do not carry the overridden keys: %v", env)
	}
	if out, err := awsCLI(t, bin, env, "s3api", "list-buckets"); err != nil {
		t.Fatalf("list-buckets with the overridden keys: %v\n%s", err, out)
	}
	old := map[string]string{}
	for k, v := range env {
		old[k] = v
	}
	old["AWS_ACCESS_KEY_ID"], old["AWS_SECRET_ACCESS_KEY"] = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	if out, err := awsCLI(t, bin, old, "s3api", "list-buckets"); err == nil || !strings.Contains(out, "InvalidAccessKeyId") {
		t.Errorf("the default demo key still works after overriding it: err=%v\n%s", err, out)
	}
}
