package sandbox_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/sandbox"
)

// sealedSegment is the at-rest length of a full single-layer segment: the
// plaintext, a 12-byte nonce and a 16-byte tag (segment_format.go).
const sealedSegment = segment + 12 + 16

// runDirs lists the per-server directories a data directory holds.
func runDirs(t *testing.T, dataDir string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(dataDir, "s3sec-sandbox-*"))
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// pieceFiles lists the piece files of one server's directory (named by the
// piece id in hex; the run's lock file is not one).
func pieceFiles(t *testing.T, runDir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(runDir, "[0-9a-f]*"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// onlyPieceFile is the one piece file of a server that stored one object.
func onlyPieceFile(t *testing.T, dataDir string) string {
	t.Helper()
	dirs := runDirs(t, dataDir)
	if len(dirs) != 1 {
		t.Fatalf("%d server directories in %s, want 1", len(dirs), dataDir)
	}
	files := pieceFiles(t, dirs[0])
	if len(files) != 1 {
		t.Fatalf("%d piece files, want 1", len(files))
	}
	return files[0]
}

func TestDataDirKeepsSealedContentOnDisk(t *testing.T) {
	dataDir := t.TempDir()
	srv := start(t, sandbox.Options{DataDir: dataDir})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "disk")
	allowSSEC(t, c, "disk")
	body := pseudoRandom(3*segment+77, 5)
	for _, m := range sseModes() {
		putSegmented(t, c, m, "disk", "obj-"+m.name, body)
		checkRanges(t, c, m, "disk", "obj-"+m.name, body)
		assertEncryptedAtRest(t, srv, "disk", "obj-"+m.name, "", body)
	}
	up, _ := startMPU(t, c, "disk", "multi", nil, nil)
	first, second := pseudoRandom(5*segment, 6), pseudoRandom(segment+1, 7)
	for i, part := range [][]byte{first, second} {
		if _, err := up.upload(int32(i+1), part); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := up.complete(nil); err != nil {
		t.Fatal(err)
	}
	checkRanges(t, c, sseModes()[0], "disk", "multi", append(append([]byte(nil), first...), second...))

	dirs := runDirs(t, dataDir)
	if len(dirs) != 1 {
		t.Fatalf("server directories %v, want one", dirs)
	}
	files := pieceFiles(t, dirs[0])
	if len(files) != len(sseModes())+2 { // one file per object, one per part
		t.Fatalf("%d piece files, want %d", len(files), len(sseModes())+2)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, plain := range [][]byte{body, first, second} {
			if bytes.Contains(data, plain[len(plain)-32:]) {
				t.Fatalf("%s holds plaintext", f)
			}
		}
	}

	// A second server on the same data directory works in a directory of its
	// own and sees nothing of the first; closing the first removes only its own.
	other := start(t, sandbox.Options{DataDir: dataDir, Seed: true})
	oc := s3Client(t, other, clientOpts{})
	if _, err := oc.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("disk"), Key: aws.String("multi")}); err == nil {
		t.Fatal("the second server sees the first one's object")
	}
	if n := len(runDirs(t, dataDir)); n != 2 {
		t.Fatalf("%d server directories with two servers, want 2", n)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	left := runDirs(t, dataDir)
	if len(left) != 1 || left[0] == dirs[0] {
		t.Fatalf("after Close of the first server: %v, want only the second's directory", left)
	}
	mustBucket(t, oc, "disk2")
	mustPut(t, oc, "disk2", "k", "still served")
	if out, err := oc.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("disk2"), Key: aws.String("k")}); err != nil {
		t.Fatal(err)
	} else if got := readAll(t, out.Body); got != "still served" {
		t.Fatalf("second server after the first closed: %q", got)
	}
}

// TestDataDirRemovesDeletedContent deletes an object and expects its piece
// file to go once the version is unreferenced (a garbage-collector cleanup).
func TestDataDirRemovesDeletedContent(t *testing.T) {
	dataDir := t.TempDir()
	srv := start(t, sandbox.Options{DataDir: dataDir})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "gone")
	mustPut(t, c, "gone", "k", "short-lived")
	file := onlyPieceFile(t, dataDir)
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("gone"), Key: aws.String("k")}); err != nil {
		t.Fatal(err)
	}
	for range 50 { // cleanups run after a collection, on their own goroutine
		runtime.GC()
		if _, err := os.Stat(file); os.IsNotExist(err) {
			return
		}
		runtime.Gosched()
	}
	t.Fatalf("%s still on disk after the object was deleted", file)
}

// TestTamperedSegmentOnDiskIsRefused changes the sealed bytes of one segment
// at a time: ranges in other segments are still served, ranges that touch the
// changed one fail (a clean 500 when it is the first segment of the answer, a
// cut-off body when the status was already sent).
func TestTamperedSegmentOnDiskIsRefused(t *testing.T) {
	body := pseudoRandom(3*segment+10, 8)
	m := sseModes()[0]
	for _, tc := range []struct {
		name  string
		alter func(t *testing.T, file string)
	}{
		{"one bit flipped in segment 1", func(t *testing.T, file string) {
			f, err := os.OpenFile(file, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			b := make([]byte, 1)
			off := int64(sealedSegment + 500)
			if _, err := f.ReadAt(b, off); err != nil {
				t.Fatal(err)
			}
			b[0] ^= 0x40
			if _, err := f.WriteAt(b, off); err != nil {
				t.Fatal(err)
			}
		}},
		{"segment 0 copied over segment 1", func(t *testing.T, file string) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			copy(data[sealedSegment:2*sealedSegment], data[:sealedSegment])
			if err := os.WriteFile(file, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"file cut after segment 0", func(t *testing.T, file string) {
			if err := os.Truncate(file, sealedSegment); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dataDir := t.TempDir()
			srv := start(t, sandbox.Options{DataDir: dataDir})
			c := s3Client(t, srv, clientOpts{})
			mustBucket(t, c, "tamper")
			putSegmented(t, c, m, "tamper", "obj", body)
			tc.alter(t, onlyPieceFile(t, dataDir))

			if _, got, err := getRange(t, c, m, "tamper", "obj", "bytes=10-1000"); err != nil || !bytes.Equal(got, body[10:1001]) {
				t.Fatalf("range in the intact segment 0: err %v", err)
			}
			_, _, err := getRange(t, c, m, "tamper", "obj", "bytes=1048600-1048700")
			expectError(t, err, 500, "InternalError", "")
			if _, got, err := getRange(t, c, m, "tamper", "obj", ""); err == nil {
				t.Fatalf("whole GET over a changed segment succeeded with %d bytes", len(got))
			} else if len(got) > segment {
				t.Fatalf("whole GET sent %d bytes, more than the intact first segment", len(got))
			}
		})
	}
}
