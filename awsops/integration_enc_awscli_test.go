package awsops_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// awsCLIBin returns the aws CLI, skipping the test when it is absent,
// except under CI=true where the peer tier must run.
func awsCLIBin(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("aws")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("aws CLI not found on PATH, and CI=true: the peer tier must run in CI (pip install awscli)")
		}
		t.Skip("aws CLI not found on PATH: peer tier skipped (pip install awscli)")
	}
	return p
}

// aws runs the aws CLI against the sandbox over HTTPS with its CA, as root,
// in an empty home so no local profile interferes.
func (e *encEnv) aws(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	home := t.TempDir()
	root := e.srv.Root()
	cmd := exec.Command(bin, append(args, "--endpoint-url", e.srv.HTTPSURL(), "--region", e.region)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=", "AWS_CA_BUNDLE=" + e.srv.CAFile(),
		"AWS_ACCESS_KEY_ID=" + root.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + root.SecretAccessKey}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("aws %v: %v\n%s", args, err, out)
	}
	return out
}

func TestCrossClientWithAWSCLI(t *testing.T) {
	t.Parallel()
	bin := awsCLIBin(t)
	e := newEncEnv(t, sandbox.Options{Seed: true})
	ctx := context.Background()
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "ssec.key")
	if err := awsops.GenerateSSECKeyFile(keyFile); err != nil {
		t.Fatal(err)
	}
	key, err := awsops.LoadSSECKey(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	data := randomBytes(300 << 10)

	t.Run("awsops SSE-C upload, aws s3 cp download", func(t *testing.T) {
		if _, err := e.sess.Upload(ctx, awsops.UploadInput{Bucket: e.bucket, Region: e.region, Key: "cross/ssec", Body: bytes.NewReader(data), Size: int64(len(data)), Mode: awsops.SSEC, SSECKey: key}, nil); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "from-cli")
		e.aws(t, bin, "s3", "cp", "s3://"+e.bucket+"/cross/ssec", out, "--sse-c", "AES256", "--sse-c-key", "fileb://"+keyFile)
		got, err := os.ReadFile(out)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("the aws CLI read %d bytes (%v), want the %d uploaded", len(got), err, len(data))
		}
	})

	t.Run("aws s3 cp SSE-C upload, awsops download", func(t *testing.T) {
		in := filepath.Join(dir, "to-cli")
		if err := os.WriteFile(in, data, 0o600); err != nil {
			t.Fatal(err)
		}
		e.aws(t, bin, "s3", "cp", in, "s3://"+e.bucket+"/cross/ssec-cli", "--sse-c", "AES256", "--sse-c-key", "fileb://"+keyFile)
		var out bytes.Buffer
		res, err := e.sess.Download(ctx, awsops.DownloadInput{Bucket: e.bucket, Region: e.region, Key: "cross/ssec-cli", SSECKey: key}, &out, nil)
		if err != nil || !bytes.Equal(out.Bytes(), data) || res.Mode != awsops.SSEC {
			t.Errorf("awsops read %d bytes, mode %s, err %v", out.Len(), res.Mode, err)
		}
	})

	t.Run("aws s3 cp --sse aws:kms shows in HeadObjects", func(t *testing.T) {
		in := filepath.Join(dir, "kms-in")
		if err := os.WriteFile(in, data[:1000], 0o600); err != nil {
			t.Fatal(err)
		}
		e.aws(t, bin, "s3", "cp", in, "s3://"+e.bucket+"/cross/kms", "--sse", "aws:kms", "--sse-kms-key-id", "alias/acme-records")
		want, err := e.sess.ValidateKMSKey(ctx, e.region, "alias/acme-records")
		if err != nil {
			t.Fatal(err)
		}
		h := e.sess.HeadObjects(ctx, e.bucket, e.region, []awsops.ObjectRef{{Key: "cross/kms"}})[0]
		if h.Err != nil || h.Mode != awsops.SSEKMS || h.KMSKeyARN != want.ARN || h.BucketKey || h.Size != 1000 || h.Label() != "SSE-KMS" {
			t.Errorf("HeadObjects = %+v, want SSE-KMS under %s", h, want.ARN)
		}
	})
}
