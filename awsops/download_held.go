package awsops

import (
	"fmt"
	"io"
	"os"

	"github.com/s3sec/s3sec/awsops/clientside"
)

// decryptHeld authenticates a client-side object before any of it reaches
// w, for writers that cannot be taken back (stdout, a pipe). The ciphertext,
// not the plaintext, is spooled to a temporary file, so no plaintext is
// stored on disk; memory stays bounded whatever the object's size. The file
// is unlinked as soon as it is created where the system allows it, so that
// even a killed process leaves nothing behind; otherwise it is removed on
// return. The second pass authenticates again: should the spool change in
// between, the error is still reported.
func decryptHeld(opened *clientside.Opened, body *countingReader, w io.Writer) (int64, error) {
	spool, err := os.CreateTemp("", "s3sec-download-*")
	if err != nil {
		return 0, fmt.Errorf("download: a temporary file for the ciphertext (set TMPDIR to choose its folder): %w", err)
	}
	unlinked := os.Remove(spool.Name()) == nil
	defer func() {
		spool.Close()
		if !unlinked {
			os.Remove(spool.Name())
		}
	}()
	if _, err := io.Copy(spool, body); err != nil {
		return 0, body.failure(err, "download: spooling the ciphertext")
	}
	if err := rewind(spool); err != nil {
		return 0, err
	}
	if err := opened.Verify(spool); err != nil {
		return 0, err
	}
	if err := rewind(spool); err != nil {
		return 0, err
	}
	return opened.DecryptTo(w, spool)
}

// rewind seeks the spool back to its start.
func rewind(f *os.File) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("download: reading back the spooled ciphertext: %w", err)
	}
	return nil
}
