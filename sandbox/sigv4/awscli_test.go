package sigv4

import (
	"bytes"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// awsCLI runs the aws CLI (v1, botocore) against the test server with the
// test credentials and the given config file text instead of the user's; the
// test is skipped when the CLI is not installed.
func awsCLI(t *testing.T, vs *verifyServer, config string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("aws CLI not installed")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	args = append(args, "--endpoint-url", vs.URL, "--output", "json")
	if strings.HasPrefix(vs.URL, "https:") {
		ca := filepath.Join(dir, "ca.pem")
		pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: vs.Certificate().Raw})
		if err := os.WriteFile(ca, pemBytes, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--ca-bundle", ca)
	}
	cmd := exec.Command(path, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") { // no user profile, keys or CA bundle
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env,
		"AWS_ACCESS_KEY_ID="+testAccessKey, "AWS_SECRET_ACCESS_KEY="+testSecretKey, "AWS_DEFAULT_REGION="+testRegion,
		"AWS_CONFIG_FILE="+filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "none"),
		"AWS_MAX_ATTEMPTS=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

// botocore signs paths, queries and bodies its own way; its requests must
// verify, over HTTP and HTTPS, including its aws-chunked uploads.
func TestAWSCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the aws CLI several times")
	}
	file := filepath.Join(t.TempDir(), "upload.bin")
	data := randomBytes(t, 70<<10)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, useTLS := range []bool{false, true} {
		vs := newVerifyServer(t, useTLS)
		awsCLI(t, vs, "", "s3api", "put-object", "--bucket", "bucket", "--key", awkwardKey, "--body", file)
		s := vs.last(t)
		assertSawBody(t, s, data, `"`+hexSHA256(data)+`"`)
		t.Logf("tls=%v: botocore sent x-amz-content-sha256 %q", useTLS, s.contentSHA256)

		awsCLI(t, vs, "", "s3api", "list-objects-v2", "--bucket", "bucket", "--prefix", "a b+c/ü*", "--delimiter", "/")
		awsCLI(t, vs, "", "s3api", "get-bucket-versioning", "--bucket", "bucket")
		awsCLI(t, vs, "", "sts", "get-caller-identity")
		if s := vs.last(t); s.res.Service != "sts" {
			t.Fatalf("sts request verified as %q", s.res.Service)
		}
	}
	// "aws s3 presign" of CLI v1 signs with Signature Version 2 unless told
	// otherwise; like S3 in a SigV4-only region the sandbox refuses that, and
	// accepts the URL once the CLI is configured for SigV4.
	vs := newVerifyServer(t, false)
	for _, c := range []struct {
		config     string
		wantStatus int
	}{
		{"", 400},
		{"[default]\ns3 =\n    signature_version = s3v4\n", 200},
	} {
		u := strings.TrimSpace(awsCLI(t, vs, c.config, "s3", "presign", "s3://bucket/"+awkwardKey, "--expires-in", "300"))
		resp, err := vs.Client().Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if e := vs.last(t).verr; resp.StatusCode != c.wantStatus || (c.wantStatus == 400 && e.Code != "InvalidRequest") {
			t.Fatalf("presigned GET %s: %d %+v", u, resp.StatusCode, vs.last(t).verr)
		}
	}
	if s := vs.last(t); !s.res.Presigned {
		t.Fatalf("result %+v", s.res)
	}
}
