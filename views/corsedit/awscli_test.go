package corsedit_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
	"github.com/s3sec/s3sec/views/corsedit"
)

// TestJSONFilesRoundTripThroughTheAWSCLI: a file the editor exports is
// one `aws s3api put-bucket-cors --cors-configuration file://` accepts, and
// what `aws s3api get-bucket-cors` prints is a file the editor imports,
// with the same rules. The CLI talks to the sandbox over HTTPS.
func TestJSONFilesRoundTripThroughTheAWSCLI(t *testing.T) {
	bin, err := exec.LookPath("aws")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("aws CLI not found on PATH, and CI=true: the peer tier must run in CI (pip install awscli)")
		}
		t.Skip("aws CLI not found on PATH: peer tier skipped (pip install awscli)")
	}
	srv, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	home := t.TempDir()
	aws := func(args ...string) []byte {
		t.Helper()
		root := srv.Root()
		cmd := exec.Command(bin, append(args, "--endpoint-url", srv.HTTPSURL(), "--region", "us-east-1")...)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home,
			"AWS_CONFIG_FILE=" + filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
			"AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=", "AWS_CA_BUNDLE=" + srv.CAFile(),
			"AWS_ACCESS_KEY_ID=" + root.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + root.SecretAccessKey}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("aws %v: %v\n%s", args, err, out)
		}
		return out
	}
	age := int32(3000)
	rules := []awsops.CORSRule{
		{ID: "app", AllowedOrigins: []string{"https://app.example.com"}, AllowedMethods: []string{"GET", "PUT"},
			AllowedHeaders: []string{"content-type", "x-amz-*"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: &age},
		{AllowedOrigins: []string{"https://*.example.com"}, AllowedMethods: []string{"HEAD"}},
	}
	dir := t.TempDir()
	exported := filepath.Join(dir, "cors.json")
	if _, err := corsedit.WriteJSONFile(exported, rules); err != nil {
		t.Fatal(err)
	}
	aws("s3api", "create-bucket", "--bucket", "cors-cli")
	aws("s3api", "put-bucket-cors", "--bucket", "cors-cli", "--cors-configuration", "file://"+exported)
	printed := filepath.Join(dir, "printed.json")
	if err := os.WriteFile(printed, aws("s3api", "get-bucket-cors", "--bucket", "cors-cli"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := corsedit.ReadJSONFile(printed)
	if err != nil {
		t.Fatalf("the CLI's output must import: %v", err)
	}
	if !reflect.DeepEqual(got, rules) {
		t.Fatalf("rules after the CLI round trip:\n%+v\nwant\n%+v", got, rules)
	}
}
