package sandbox_test

import (
	"strings"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

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
