package cmd

import (
	"context"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// A statement that tries to require TLS and falls short is reported as
// tls-policy-wrong with its explanation, and the table says "wrong", not
// "yes": the report uses the same analysis as the console.
func TestReportExplainsAWrongTLSStatement(t *testing.T) {
	srv := cpSandbox(t)
	sess, err := awsops.Open(context.Background(), awsops.Options{Region: "eu-west-1", EndpointURL: srv.HTTPSURL(), CABundle: srv.CAFile()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	wrong := `{"Version":"2012-10-17","Statement":[{"Sid":"BucketOnly","Effect":"Deny","Principal":"*","Action":"s3:*",` +
		`"Resource":"arn:aws:s3:::acme-scratch","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	p, _, err := awsops.PolicyPlan(awsops.PolicyChange{Bucket: "acme-scratch", Region: "eu-west-1", After: wrong})
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Apply(context.Background(), p, awsops.MFA{}, nil); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "report")
	if code != exitOK && code != exitFindings {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var row string
	for _, l := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "acme-scratch ") {
			row = l
			break
		}
	}
	if !strings.Contains(row, "wrong") {
		t.Errorf("table row does not say wrong: %q", row)
	}
	flat := strings.Join(strings.Fields(stdout), " ")
	for _, want := range []string{"tls-policy-wrong", `statement "BucketOnly" does not cover all the objects`} {
		if !strings.Contains(flat, want) {
			t.Errorf("%q missing in the report:\n%s", want, stdout)
		}
	}
}
