package sandbox_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/s3sec/s3sec/sandbox"
)

// A write into a Suspended bucket creates the version "null" but S3 sends no
// x-amz-version-id for it (the SDK then leaves VersionId nil); GET still names "null".
func TestSuspendedPutSendsNoVersionHeader(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "susp")
	enableVersioning(t, c, "susp", s3types.BucketVersioningStatusSuspended)

	if vid := mustPut(t, c, "susp", "k", "body"); vid != nil {
		t.Fatalf("PutObject on a Suspended bucket sent x-amz-version-id %q", *vid)
	}
	raw := do(t, srv, clientOpts{}, "PUT", "/susp/raw", []byte("x"), nil)
	if _, sent := raw.Header["X-Amz-Version-Id"]; raw.Status != 200 || sent {
		t.Fatalf("raw PUT: %d %v", raw.Status, raw.Header)
	}
	cp, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("susp"), Key: aws.String("copy"), CopySource: aws.String("susp/k")})
	if err != nil || cp.VersionId != nil {
		t.Fatalf("CopyObject on a Suspended bucket: %v %v", err, cp)
	}
	if head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("susp"), Key: aws.String("copy")}); err != nil || aws.ToString(head.VersionId) != "null" {
		t.Fatalf("HEAD of the null version: %v %+v", err, head)
	}

	// Enabled still announces the new version.
	enableVersioning(t, c, "susp", s3types.BucketVersioningStatusEnabled)
	if vid := mustPut(t, c, "susp", "k", "again"); vid == nil || *vid == "null" {
		t.Fatalf("Enabled put: version %v", vid)
	}
}

func TestSuspendedCompleteMultipartSendsNoVersionHeader(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "susp")
	enableVersioning(t, c, "susp", s3types.BucketVersioningStatusSuspended)

	m, _ := startMPU(t, c, "susp", "big", nil, nil)
	if _, err := m.upload(1, []byte("only part")); err != nil {
		t.Fatal(err)
	}
	out, err := m.complete(nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.VersionId != nil {
		t.Fatalf("CompleteMultipartUpload on a Suspended bucket sent x-amz-version-id %q", *out.VersionId)
	}
}

// The aws CLI prints no VersionId for a put into a Suspended bucket.
func TestSuspendedPutSendsNoVersionHeaderCLI(t *testing.T) {
	srv := start(t, sandbox.Options{})
	aws := awsCLI(t, srv)
	if out, err := aws("s3api", "create-bucket", "--bucket", "susp"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if out, err := aws("s3api", "put-bucket-versioning", "--bucket", "susp", "--versioning-configuration", "Status=Suspended"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	file := t.TempDir() + "/in.txt"
	if err := os.WriteFile(file, bytes.Repeat([]byte("s"), 10), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := aws("s3api", "put-object", "--bucket", "susp", "--key", "k", "--body", file)
	if err != nil || !strings.Contains(out, `"ETag"`) || strings.Contains(out, "VersionId") {
		t.Fatalf("put-object: %v\n%s", err, out)
	}
}
