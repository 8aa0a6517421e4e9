package cmd

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// On an endpoint that accepts SSE headers and stores the object
// unencrypted (as versitygw), cp says so and exits 1; on an AWS-like one
// the same upload succeeds quietly.
func TestCpUploadReadBackSandbox(t *testing.T) {
	for _, lax := range []bool{false, true} {
		cpSandboxWith(t, sandbox.Options{Seed: true, StoreSSEUnencrypted: lax})
		src := filepath.Join(t.TempDir(), "note.txt")
		writeFile(t, src, []byte("hello"))
		code, stdout, stderr := runCLI(t, "cp", src, "s3://acme-scratch/readback/", "--sse", "AES256")
		if !lax {
			if code != exitOK || stderr != "" {
				t.Errorf("AWS-like: exit %d, stderr %q", code, stderr)
			}
			continue
		}
		if code != exitError || !strings.Contains(stdout, "upload: ") ||
			!strings.Contains(stderr, "the object was uploaded, but the endpoint accepted SSE-S3 but reports no encryption for the object: it stored it unencrypted") {
			t.Errorf("stores unencrypted: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
		}
	}
}
