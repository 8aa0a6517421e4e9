package sandbox_test

import (
	"strings"
	"testing"
	"time"

	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/sandbox"
)

func TestAWSCLIMFADelete(t *testing.T) {
	srv := start(t, sandbox.Options{Seed: true, Clock: func() time.Time { return fixedTime }})
	aws := awsCLI(t, srv)
	const b, key = "acme-secure-records", "reports/2026-q1.pdf"
	id := oldestVersion(t, s3Client(t, srv, clientOpts{}), b, key)

	out, err := aws("s3api", "delete-object", "--bucket", b, "--key", key, "--version-id", id)
	if err == nil || !strings.Contains(out, "AccessDenied") || !strings.Contains(out, mfaRequired) {
		t.Fatalf("delete-object --version-id without --mfa: %v\n%s", err, out)
	}
	code, cerr := otp.Code(sandbox.DemoMFASeed, fixedTime)
	if cerr != nil {
		t.Fatal(cerr)
	}
	out, err = aws("s3api", "delete-object", "--bucket", b, "--key", key, "--version-id", id, "--mfa", sandbox.DemoMFASerial+" "+code)
	if err != nil || !strings.Contains(out, `"VersionId": "`+id+`"`) {
		t.Fatalf("delete-object --mfa: %v\n%s", err, out)
	}
	out, err = aws("iam", "list-mfa-devices")
	if err != nil || !strings.Contains(out, `"SerialNumber": "`+sandbox.DemoMFASerial+`"`) {
		t.Fatalf("iam list-mfa-devices: %v\n%s", err, out)
	}
}
