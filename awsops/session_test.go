package awsops

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// isolateEnv hides every AWS setting of the machine running the tests:
// no credentials, no config files, no instance metadata.
func isolateEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "AWS_") {
			t.Setenv(name, "") // restores the value after the test
			os.Unsetenv(name)
		}
	}
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

func TestOpenWithoutCredentials(t *testing.T) {
	isolateEnv(t)
	_, err := Open(context.Background(), Options{Region: "us-east-1"})
	if !errors.Is(err, ErrNoCredentials) {
		t.Fatalf("Open error = %v, want ErrNoCredentials", err)
	}
	for _, way := range []string{"AWS_ACCESS_KEY_ID", "--profile", "aws sso login", "role"} {
		if !strings.Contains(err.Error(), way) {
			t.Errorf("error %q does not mention %q", err, way)
		}
	}
}

func TestOpenStaticCredentialsOnAWS(t *testing.T) {
	isolateEnv(t)
	s, err := Open(context.Background(), Options{Region: "eu-west-1", AccessKeyID: "AKID", SecretAccessKey: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Endpoint(); got != "https://s3.eu-west-1.amazonaws.com" {
		t.Errorf("Endpoint = %q", got)
	}
	if !s.Secure() || s.Region() != "eu-west-1" {
		t.Errorf("Secure = %v, Region = %q", s.Secure(), s.Region())
	}
}

func TestOpenDefaultsToUSEast1(t *testing.T) {
	isolateEnv(t)
	s, err := Open(context.Background(), Options{AccessKeyID: "AKID", SecretAccessKey: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Region() != "us-east-1" || s.Endpoint() != "https://s3.amazonaws.com" {
		t.Errorf("Region = %q, Endpoint = %q", s.Region(), s.Endpoint())
	}
}

func TestOpenCustomEndpoint(t *testing.T) {
	isolateEnv(t)
	s, err := Open(context.Background(), Options{EndpointURL: "http://127.0.0.1:9000", AccessKeyID: "AKID", SecretAccessKey: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Endpoint() != "http://127.0.0.1:9000" || s.Secure() {
		t.Errorf("Endpoint = %q, Secure = %v", s.Endpoint(), s.Secure())
	}
	if o := s.s3Client("eu-west-1").Options(); !o.UsePathStyle || o.Region != "eu-west-1" {
		t.Errorf("regional client: UsePathStyle = %v, Region = %q", o.UsePathStyle, o.Region)
	}
	if s.s3Client("eu-west-1") != s.s3Client("eu-west-1") {
		t.Error("regional clients are not cached")
	}
}

func TestOpenEndpointFromEnvironment(t *testing.T) {
	isolateEnv(t)
	t.Setenv("AWS_ENDPOINT_URL", "https://127.0.0.1:8443")
	s, err := Open(context.Background(), Options{AccessKeyID: "AKID", SecretAccessKey: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Endpoint() != "https://127.0.0.1:8443" || !s.Secure() {
		t.Errorf("Endpoint = %q, Secure = %v", s.Endpoint(), s.Secure())
	}
}

func TestOpenMissingCABundle(t *testing.T) {
	isolateEnv(t)
	_, err := Open(context.Background(), Options{CABundle: filepath.Join(t.TempDir(), "nope.pem"), AccessKeyID: "A", SecretAccessKey: "s"})
	if err == nil || !strings.Contains(err.Error(), "CA bundle") {
		t.Fatalf("err = %v, want a CA bundle error", err)
	}
}

func TestIsRootARN(t *testing.T) {
	for arn, want := range map[string]bool{
		"arn:aws:iam::123456789012:root":       true,
		"arn:aws:iam::123456789012:user/admin": false,
		"arn:aws:sts::123456789012:user/moto":  false,
		"":                                     false,
	} {
		if IsRootARN(arn) != want {
			t.Errorf("IsRootARN(%q) = %v", arn, !want)
		}
	}
}
