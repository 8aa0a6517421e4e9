package sandbox_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/s3sec/s3sec/sandbox"
)

// Deleting a version that was already deleted (a retry, or someone else was
// faster) is reported under Deleted, not as a NoSuchVersion error, and the
// other versions of the key stay.
func TestDeleteObjectsGoneVersionIsDeleted(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "idem")
	enableVersioning(t, c, "idem", s3types.BucketVersioningStatusEnabled)
	old := aws.ToString(mustPut(t, c, "idem", "k", "old"))
	keep := aws.ToString(mustPut(t, c, "idem", "k", "new"))
	batch := &s3.DeleteObjectsInput{Bucket: aws.String("idem"), Delete: &s3types.Delete{
		Objects: []s3types.ObjectIdentifier{{Key: aws.String("k"), VersionId: aws.String(old)}}}}
	for attempt := 1; attempt <= 2; attempt++ {
		out, err := c.DeleteObjects(ctx, batch)
		if err != nil {
			t.Fatalf("attempt %d: %v", attempt, err)
		}
		if len(out.Errors) != 0 || len(out.Deleted) != 1 || aws.ToString(out.Deleted[0].Key) != "k" ||
			aws.ToString(out.Deleted[0].VersionId) != old || out.Deleted[0].DeleteMarker != nil {
			t.Fatalf("attempt %d: deleted %+v errors %+v", attempt, out.Deleted, out.Errors)
		}
	}
	if got := listVersions(t, c, "idem", nil); got != "k:"+keep+":latest" {
		t.Fatalf("versions %q", got)
	}

	// A malformed id still names nothing and is reported per key.
	out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("idem"), Delete: &s3types.Delete{
		Objects: []s3types.ObjectIdentifier{{Key: aws.String("k"), VersionId: aws.String("not-a-version")}}}})
	if err != nil || len(out.Errors) != 1 || aws.ToString(out.Errors[0].Code) != "NoSuchVersion" {
		t.Fatalf("malformed id: %v %+v", err, out)
	}
}

func TestDeleteObjectsGoneVersionIsDeletedCLI(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "idem")
	enableVersioning(t, c, "idem", s3types.BucketVersioningStatusEnabled)
	old := aws.ToString(mustPut(t, c, "idem", "k", "old"))
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("idem"), Key: aws.String("k"), VersionId: aws.String(old)}); err != nil {
		t.Fatal(err)
	}
	aws := awsCLI(t, srv)
	out, err := aws("s3api", "delete-objects", "--bucket", "idem", "--delete", `{"Objects":[{"Key":"k","VersionId":"`+old+`"}]}`)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var res struct {
		Deleted []struct{ Key, VersionId string }
		Errors  []struct{ Code string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Errors) != 0 || len(res.Deleted) != 1 ||
		res.Deleted[0].VersionId != old || !strings.Contains(out, `"Key": "k"`) {
		t.Fatalf("delete-objects: %v\n%s", err, out)
	}
}
