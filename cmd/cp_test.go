package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/sandbox"
)

func TestCpUsageErrorsExit2(t *testing.T) {
	dir := t.TempDir()
	local := filepath.Join(dir, "f")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"cp"}, "want SRC and DST"},
		{[]string{"cp", local}, "want SRC and DST"},
		{[]string{"cp", local, local}, "one side must be s3://"},
		{[]string{"cp", "s3://a/k", "s3://b/k"}, "not supported"},
		{[]string{"cp", local, "s3:///k"}, "names no bucket"},
		{[]string{"cp", "--sse", "rot13", local, "s3://b/k"}, "unknown encryption mode"},
		{[]string{"cp", "--bucket-key", local, "s3://b/k"}, "--bucket-key needs --sse aws:kms"},
		{[]string{"cp", "--sse", "AES256", "--kms-key", "alias/x", local, "s3://b/k"}, "--kms-key needs"},
		{[]string{"cp", "--sse", "sse-c", local, "s3://b/k"}, "needs --sse-c-key-file"},
		{[]string{"cp", "--sse", "client", local, "s3://b/k"}, "exactly one of --kms-key and --master-key-file"},
		{[]string{"cp", "--sse", "client", "--kms-key", "k", "--format", "v4", local, "s3://b/k"}, "--format must be v2 or v3"},
		{[]string{"cp", "--format", "v3", local, "s3://b/k"}, "--format needs --sse client"},
		{[]string{"cp", "-", "s3://b/"}, "needs a full key"},
		{[]string{"cp", "s3://b/k", local, "--sse", "AES256"}, "apply to uploads"},
		{[]string{"cp", "s3://b/", local}, "must name an object"},
		{[]string{"cp", "--nope", local, "s3://b/k"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

// cpSandbox starts a seeded sandbox and points the AWS environment at it
// over HTTPS, the way a user of `s3sec cp` would (AWS_ENDPOINT_URL etc.).
func cpSandbox(t *testing.T) *sandbox.Server {
	t.Helper()
	return cpSandboxWith(t, sandbox.Options{Seed: true})
}

// cpSandboxWith is cpSandbox with the sandbox's options (a lax endpoint).
func cpSandboxWith(t *testing.T, opts sandbox.Options) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	home := t.TempDir()
	root := srv.Root()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": root.AccessKeyID, "AWS_SECRET_ACCESS_KEY": root.SecretAccessKey, "AWS_SESSION_TOKEN": "",
		"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": srv.HTTPSURL(), "AWS_CA_BUNDLE": srv.CAFile(), "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_S3": "", "AWS_ENDPOINT_URL_KMS": "",
	} {
		t.Setenv(k, v)
	}
	return srv
}

// writeFile writes data with mode 0600.
func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// onlyFiles lists the names in dir.
func onlyFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestCpRoundTripsAgainstSandbox(t *testing.T) {
	cpSandbox(t)
	dir := t.TempDir()
	data := bytes.Repeat([]byte("acme launch plan\n"), 5000)
	src := filepath.Join(dir, "plan.txt")
	writeFile(t, src, data)
	// acme-ssec-vault is in eu-west-1 while the session's region is
	// us-east-1: cp must find the bucket's region to sign for it.
	const bucket = "s3://acme-ssec-vault/"

	t.Run("SSE-KMS with bucket key, flags after the arguments", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "cp", src, bucket+"cp/", "--sse", "aws:kms", "--kms-key", "alias/acme-eu", "--bucket-key")
		if code != exitOK || !strings.Contains(stdout, "upload: "+src+" to "+bucket+"cp/plan.txt (SSE-KMS arn:aws:kms:eu-west-1:") || !strings.Contains(stdout, "bucket key") {
			t.Fatalf("upload: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
		}
		if strings.Contains(stderr, "\r") {
			t.Errorf("progress was drawn on a non-terminal stderr: %q", stderr)
		}
		outDir := t.TempDir()
		code, stdout, stderr = runCLI(t, "cp", bucket+"cp/plan.txt", outDir)
		got, err := os.ReadFile(filepath.Join(outDir, "plan.txt"))
		if code != exitOK || err != nil || !bytes.Equal(got, data) {
			t.Fatalf("download: exit %d, %v, equal=%v\n%s%s", code, err, bytes.Equal(got, data), stdout, stderr)
		}
		if info, _ := os.Stat(filepath.Join(outDir, "plan.txt")); info.Mode().Perm() != 0o600 {
			t.Errorf("downloaded file mode %v, want 0600", info.Mode().Perm())
		}
	})

	t.Run("SSE-C from stdin to stdout", func(t *testing.T) {
		keyFile := filepath.Join(dir, "ssec.key")
		if err := awsops.GenerateSSECKeyFile(keyFile); err != nil {
			t.Fatal(err)
		}
		cpStdin = bytes.NewReader(data)
		defer func() { cpStdin = os.Stdin }()
		code, stdout, stderr := runCLI(t, "cp", "--sse", "sse-c", "--sse-c-key-file", keyFile, "-", bucket+"cp/secret")
		if code != exitOK || !strings.Contains(stdout, "(SSE-C") {
			t.Fatalf("upload: exit %d\n%s%s", code, stdout, stderr)
		}
		code, stdout, stderr = runCLI(t, "cp", "--sse-c-key-file", keyFile, bucket+"cp/secret", "-")
		if code != exitOK || stdout != string(data) || !strings.Contains(stderr, "download: "+bucket+"cp/secret to stdout (SSE-C") {
			t.Fatalf("download to stdout: exit %d, %d bytes, stderr %s", code, len(stdout), stderr)
		}
		outDir := t.TempDir()
		code, _, stderr = runCLI(t, "cp", bucket+"cp/secret", filepath.Join(outDir, "x"))
		if code != exitError || !strings.Contains(stderr, "customer-provided key") || !strings.Contains(stderr, "--sse-c-key-file") {
			t.Errorf("download without the key: exit %d, stderr %s", code, stderr)
		}
		if names := onlyFiles(t, outDir); len(names) != 0 {
			t.Errorf("a failed download left files behind: %v", names)
		}
	})

	t.Run("client-side V3 with a master key file", func(t *testing.T) {
		mk, wrong := filepath.Join(dir, "master.key"), filepath.Join(dir, "wrong.key")
		for _, p := range []string{mk, wrong} {
			if err := clientside.GenerateMasterKeyFile(p); err != nil {
				t.Fatal(err)
			}
		}
		code, stdout, stderr := runCLI(t, "cp", "--sse", "client", "--master-key-file", mk, "--format", "v3", src, bucket+"cp/client")
		if code != exitOK || !strings.Contains(stdout, "S3EC V3 client-side") {
			t.Fatalf("upload: exit %d\n%s%s", code, stdout, stderr)
		}
		outDir := t.TempDir()
		dst := filepath.Join(outDir, "client.txt")
		code, _, stderr = runCLI(t, "cp", "--master-key-file", wrong, bucket+"cp/client", dst)
		if code != exitError || !strings.Contains(stderr, "authentication failed") {
			t.Errorf("wrong master key: exit %d, stderr %s", code, stderr)
		}
		if names := onlyFiles(t, outDir); len(names) != 0 {
			t.Errorf("a failed decryption left files behind: %v", names)
		}
		code, _, stderr = runCLI(t, "cp", "--master-key-file", mk, bucket+"cp/client", dst)
		got, _ := os.ReadFile(dst)
		if code != exitOK || !bytes.Equal(got, data) {
			t.Errorf("right master key: exit %d, equal=%v, stderr %s", code, bytes.Equal(got, data), stderr)
		}
	})
}

func TestCpRefusesSSECOverHTTP(t *testing.T) {
	srv := cpSandbox(t)
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "k")
	if err := awsops.GenerateSSECKeyFile(keyFile); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "f")
	writeFile(t, src, []byte("x"))
	code, _, stderr := runCLI(t, "cp", "--endpoint-url", srv.HTTPURL(), "--sse", "sse-c", "--sse-c-key-file", keyFile, src, "s3://acme-ssec-vault/k")
	if code != exitError || !strings.Contains(stderr, "only sent over HTTPS") || !strings.Contains(stderr, "https://") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		args    []string
		wantPos []string
		wantSSE string
	}{
		{[]string{"--sse", "AES256", "a", "b"}, []string{"a", "b"}, "AES256"},
		{[]string{"a", "--sse", "aws:kms", "b"}, []string{"a", "b"}, "aws:kms"},
		{[]string{"a", "b", "--sse=sse-c"}, []string{"a", "b"}, "sse-c"},
		{[]string{"-", "s3://b/k"}, []string{"-", "s3://b/k"}, ""},
		{[]string{"a", "--", "--sse", "x"}, []string{"a", "--sse", "x"}, ""},
	}
	for _, tt := range tests {
		var g globalOptions
		var sse string
		fs := newFlagSet("cp", &g, &bytes.Buffer{})
		fs.StringVar(&sse, "sse", "", "")
		pos, code := parseInterspersed(fs, tt.args, &bytes.Buffer{})
		if code != -1 || strings.Join(pos, "|") != strings.Join(tt.wantPos, "|") || sse != tt.wantSSE {
			t.Errorf("%q: positional %q, --sse %q, code %d; want %q, %q", tt.args, pos, sse, code, tt.wantPos, tt.wantSSE)
		}
	}
}
