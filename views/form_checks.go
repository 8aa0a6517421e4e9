package views

import (
	"errors"
	"fmt"
	"github.com/s3sec/s3sec/localfile"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
)

// Checks of the forms' local paths, run by huh as each field is left, so
// a wrong path is reported on its own question instead of after the
// confirmation (or, worse, after the transfer started). Each reads at most
// a small key file from the local disk: nothing is sent.

// checkReadableFile accepts a regular file the user can read.
func checkReadableFile(path string) error {
	p := expandHome(path)
	if p == "" {
		return errors.New("give a file")
	}
	info, err := os.Stat(p)
	if err != nil {
		return fileProblem(path, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(p)
	if err != nil {
		return fileProblem(path, err)
	}
	f.Close()
	return nil
}

// checkUploadPath is the upload's first question: empty opens the file
// browser, anything else must be a readable file.
func checkUploadPath(path string) error {
	if strings.TrimSpace(path) == "" {
		return nil
	}
	return checkReadableFile(path)
}

// checkSSECKeyFile accepts an SSE-C key file that loads: it exists, is
// readable by its owner only (0600) and holds 32 bytes or their base64.
// The key read is cleared at once.
func checkSSECKeyFile(path string) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("give the SSE-C key file")
	}
	k, err := awsops.LoadSSECKey(expandHome(path))
	if err != nil {
		return err
	}
	clear(k)
	return nil
}

// checkMasterKeyFile accepts a client-side master key file that loads.
func checkMasterKeyFile(path string) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("give the master key file: client-side encryption needs one")
	}
	k, err := clientside.LoadMasterKey(expandHome(path))
	if err != nil {
		return err
	}
	clear(k)
	return nil
}

// checkNewFile accepts a path where a new file can be created: nothing is
// there yet (an existing file is never replaced) and its folder exists.
func checkNewFile(path string) error {
	p := expandHome(path)
	if p == "" {
		return errors.New("give a file name")
	}
	if err := localfile.CheckFree(p); err != nil {
		var exists *localfile.ExistsError
		if errors.As(err, &exists) {
			// The same rule as the download's publishing (localfile): a file,
			// a symbolic link, even a dangling one, is never replaced.
			return fmt.Errorf("%s already exists (%s); choose another name", path, exists.What)
		}
		return fileProblem(p, err)
	}
	return checkFolder(filepath.Dir(p))
}

// checkFolder accepts an existing folder.
func checkFolder(path string) error {
	p := expandHome(path)
	if p == "" {
		return errors.New("give a folder")
	}
	info, err := os.Stat(p)
	if err != nil {
		return fileProblem(path, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a folder", path)
	}
	return nil
}

// fileProblem says in words what is wrong with path.
func fileProblem(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s cannot be read: permission denied", path)
	}
	return err
}
