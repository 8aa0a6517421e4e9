package sandbox_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/s3sec/s3sec/sandbox"
)

// A client that lost the answer to CompleteMultipartUpload resends it; S3
// answers 200 with the same result (not NoSuchUpload) and creates nothing new.
func TestCompleteMultipartUploadRetried(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "retry")
	enableVersioning(t, c, "retry", s3types.BucketVersioningStatusEnabled)
	m, _ := startMPU(t, c, "retry", "big", nil, nil)
	if _, err := m.upload(1, pseudoRandom(5<<20, 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := m.upload(2, []byte("tail")); err != nil {
		t.Fatal(err)
	}
	first, err := m.complete(nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := m.complete(nil)
	if err != nil {
		t.Fatalf("retried CompleteMultipartUpload: %v", err)
	}
	if aws.ToString(again.ETag) != aws.ToString(first.ETag) || aws.ToString(again.VersionId) != aws.ToString(first.VersionId) ||
		aws.ToString(again.Key) != "big" || aws.ToString(again.Location) != aws.ToString(first.Location) ||
		aws.ToString(again.ChecksumCRC32) != aws.ToString(first.ChecksumCRC32) || again.ServerSideEncryption != first.ServerSideEncryption {
		t.Fatalf("retry answered %+v, first %+v", again, first)
	}
	if got := listVersions(t, c, "retry", nil); got != "big:"+aws.ToString(first.VersionId)+":latest" {
		t.Fatalf("the retry must not create a version: %q", got)
	}

	// Another part list, or another key, is not the completed request.
	_, err = m.complete(m.parts[:1])
	expectError(t, err, 404, "NoSuchUpload", "")
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("retry"), Key: aws.String("other"),
		UploadId: aws.String(m.id), MultipartUpload: &s3types.CompletedMultipartUpload{Parts: m.parts}})
	expectError(t, err, 404, "NoSuchUpload", "")
}

func TestCompleteMultipartUploadRetriedCLI(t *testing.T) {
	srv := start(t, sandbox.Options{})
	aws := awsCLI(t, srv)
	run := func(args ...string) string {
		t.Helper()
		out, err := aws(args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return out
	}
	run("s3api", "create-bucket", "--bucket", "retry")
	var created struct{ UploadId string }
	if err := json.Unmarshal([]byte(run("s3api", "create-multipart-upload", "--bucket", "retry", "--key", "k")), &created); err != nil {
		t.Fatal(err)
	}
	file := t.TempDir() + "/part"
	if err := os.WriteFile(file, []byte("one small part"), 0o600); err != nil {
		t.Fatal(err)
	}
	var part struct{ ETag string }
	if err := json.Unmarshal([]byte(run("s3api", "upload-part", "--bucket", "retry", "--key", "k", "--upload-id="+created.UploadId,
		"--part-number", "1", "--body", file)), &part); err != nil {
		t.Fatal(err)
	}
	list, _ := json.Marshal(map[string]any{"Parts": []map[string]any{{"PartNumber": 1, "ETag": part.ETag}}})
	complete := []string{"s3api", "complete-multipart-upload", "--bucket", "retry", "--key", "k", "--upload-id=" + created.UploadId,
		"--multipart-upload", string(list)}
	var first, again struct{ ETag, Key string }
	if err := json.Unmarshal([]byte(run(complete...)), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(run(complete...)), &again); err != nil || again != first || first.Key != "k" {
		t.Fatalf("retry %+v, first %+v (%v)", again, first, err)
	}
}
