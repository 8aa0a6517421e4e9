package cmd

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
)

// rawS3 is a plain SDK client on the sandbox cpSandbox configured, in
// acme-scratch's region, for doing what an attacker with write access
// could do to stored objects.
func rawS3(t *testing.T) *s3.Client {
	t.Helper()
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion("eu-west-1"))
	if err != nil {
		t.Fatal(err)
	}
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
}

// smallParts makes cp download in 64 KiB parts for the test, so that small
// objects cross part boundaries.
func smallParts(t *testing.T) {
	cpDownloadPartSize = 64 << 10
	t.Cleanup(func() { cpDownloadPartSize = 0 })
}

// uploadClientSide stores data as a V3 client-side object under a new
// master key and returns the key file.
func uploadClientSide(t *testing.T, data []byte, url string) string {
	t.Helper()
	dir := t.TempDir()
	mk, src := filepath.Join(dir, "master.key"), filepath.Join(dir, "plain")
	if err := clientside.GenerateMasterKeyFile(mk); err != nil {
		t.Fatal(err)
	}
	writeFile(t, src, data)
	if code, stdout, stderr := runCLI(t, "cp", "--sse", "client", "--master-key-file", mk, "--format", "v3", src, url); code != exitOK {
		t.Fatalf("upload: exit %d\n%s%s", code, stdout, stderr)
	}
	return mk
}

// TestCpTamperedClientSideObjectLeavesNoFile flips one bit in the middle
// of the stored ciphertext, in its last byte and in the tag of a
// client-side object read in several parts: the download fails with the
// authentication error and leaves neither the destination nor a
// temporary file, although the plaintext was decrypted into one as the
// parts arrived.
func TestCpTamperedClientSideObjectLeavesNoFile(t *testing.T) {
	cpSandbox(t)
	smallParts(t)
	data := bytes.Repeat([]byte("quarterly numbers, do not share\n"), 10000) // 320,000 bytes: five parts
	const bucket, key = "acme-scratch", "stream/tampered"
	mk := uploadClientSide(t, data, "s3://"+bucket+"/"+key)
	raw := rawS3(t)
	ctx := context.Background()
	got, err := raw.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := io.ReadAll(got.Body)
	got.Body.Close()
	for name, at := range map[string]int{"middle": len(stored) / 2, "last byte": len(stored) - 17, "tag": len(stored) - 1} {
		t.Run(name, func(t *testing.T) {
			body := bytes.Clone(stored)
			body[at] ^= 1
			if _, err := raw.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body), Metadata: got.Metadata}); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			code, stdout, stderr := runCLI(t, "cp", "--master-key-file", mk, "s3://"+bucket+"/"+key, filepath.Join(dir, "out"))
			if code != exitError || !strings.Contains(stderr, "authentication failed") {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
			}
			if names := onlyFiles(t, dir); len(names) != 0 {
				t.Errorf("files left: %v", names)
			}
			code, stdout, _ = runCLI(t, "cp", "--master-key-file", mk, "s3://"+bucket+"/"+key, "-")
			if code != exitError || stdout != "" {
				t.Errorf("to stdout: exit %d, %d bytes written before authentication failed", code, len(stdout))
			}
		})
	}
}

// TestCpClientSideToStdoutAfterAuthentication: a client-side object in
// several parts reaches stdout whole, and stderr says why it arrives only
// at the end.
func TestCpClientSideToStdoutAfterAuthentication(t *testing.T) {
	cpSandbox(t)
	smallParts(t)
	data := bytes.Repeat([]byte("payroll\n"), 40000) // 320,000 bytes
	url := "s3://acme-scratch/stream/stdout"
	mk := uploadClientSide(t, data, url)
	code, stdout, stderr := runCLI(t, "cp", "--master-key-file", mk, url, "-")
	if code != exitOK || stdout != string(data) {
		t.Fatalf("exit %d, %d bytes, equal=%v\n%s", code, len(stdout), stdout == string(data), stderr)
	}
	if !strings.Contains(stderr, "stdout gets it only once all of it has arrived and authenticated") || !strings.Contains(stderr, "S3EC V3 client-side") {
		t.Errorf("stderr %q", stderr)
	}
}

// TestCpCancelledDownloadLeavesNoPartialFile cancels once two parts have
// been written to the temporary file, for an SSE object and a client-side
// one: nothing is left in the destination's folder.
func TestCpCancelledDownloadLeavesNoPartialFile(t *testing.T) {
	cpSandbox(t)
	smallParts(t)
	data := bytes.Repeat([]byte("0123456789abcdef"), 40000) // 640,000 bytes: ten parts
	plainURL := cpObject(t, data)
	clientURL := "s3://acme-scratch/stream/cancel"
	mk := uploadClientSide(t, data, clientURL)
	for name, args := range map[string][]string{
		"SSE-S3":      {"cp", plainURL},
		"client-side": {"cp", "--master-key-file", mk, clientURL},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cpOnDownloadProgress = func(p awsops.DownloadProgress) {
				if p.Bytes >= 2*cpDownloadPartSize {
					cancel()
				}
			}
			defer func() { cpOnDownloadProgress = func(awsops.DownloadProgress) {} }()
			dir := t.TempDir()
			var out, errOut bytes.Buffer
			code := run(ctx, append(args, filepath.Join(dir, "out")), &out, &errOut)
			if code != exitError || !strings.Contains(errOut.String(), "cancel") {
				t.Errorf("exit %d, stderr %s", code, errOut.String())
			}
			if names := onlyFiles(t, dir); len(names) != 0 {
				t.Errorf("files left: %v", names)
			}
		})
	}
}
