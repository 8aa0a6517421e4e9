package localfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// TempPrefix starts the name of every temporary download file.
const TempPrefix = ".s3sec-cp-"

// ExistsError says the destination already has something under its name.
type ExistsError struct {
	Path string
	What string // "file", "directory", "symbolic link", ...
}

// Error implements error.
func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists (%s) and was left as it is", e.Path, e.What)
}

// Is makes errors.Is(err, fs.ErrExist) true.
func (e *ExistsError) Is(target error) bool { return target == fs.ErrExist }

// CheckFree returns an *ExistsError when dest names anything, a dangling
// symbolic link included. It lets a caller refuse before downloading; the
// refusal that counts is Publish's, which cannot race.
func CheckFree(dest string) error {
	info, err := os.Lstat(dest)
	switch {
	case err == nil:
		return &ExistsError{Path: dest, What: describe(dest, info)}
	case errors.Is(err, fs.ErrNotExist):
		return nil
	default:
		return err
	}
}

// describe names the kind of directory entry info (of path) is.
func describe(path string, info fs.FileInfo) string {
	switch m := info.Mode(); {
	case m&fs.ModeSymlink != 0:
		if _, err := os.Stat(path); err != nil {
			return "a dangling symbolic link"
		}
		return "a symbolic link"
	case m.IsDir():
		return "a directory"
	case m.IsRegular():
		return "a file"
	default:
		return "a special file"
	}
}

// Temp is a download being written beside its destination. Write to File,
// then Publish it or Discard it; Discard after Publish does nothing, so
// `defer t.Discard()` is always safe.
type Temp struct {
	File *os.File
	dest string
	done bool // published or discarded
}

// NewTemp creates the temporary file for dest in dest's directory, with
// mode 0600 and O_EXCL (os.CreateTemp), so it is never someone else's file.
func NewTemp(dest string) (*Temp, error) {
	f, err := os.CreateTemp(filepath.Dir(dest), TempPrefix+"*")
	if err != nil {
		return nil, err
	}
	return &Temp{File: f, dest: dest}, nil
}

// Name is the temporary file's path.
func (t *Temp) Name() string { return t.File.Name() }

// beforePublish runs once the temporary file is complete, just before it is
// published; tests use it to make the destination appear at the worst moment.
var beforePublish = func(dest string) {}

// Publish syncs and closes the temporary file and gives it dest's name.
// Without replace, anything already named dest (even created a moment ago)
// makes it fail with an *ExistsError and leaves that entry untouched; with
// replace, a file or symbolic link at dest is replaced atomically (the link
// itself, never its target). On failure the temporary file is removed.
func (t *Temp) Publish(replace bool) error {
	if t.done {
		return errors.New("localfile: already published or discarded")
	}
	if err := errors.Join(t.File.Sync(), t.File.Close()); err != nil {
		t.Discard()
		return err
	}
	beforePublish(t.dest)
	var err error
	if replace {
		err = os.Rename(t.Name(), t.dest)
	} else {
		err = linkNoReplace(t.Name(), t.dest)
	}
	if err != nil {
		t.Discard()
		return err
	}
	t.done = true
	return nil
}

// linkNoReplace gives tmp the name dest only if dest does not exist.
// link(2) fails with EEXIST atomically; the temporary name is then removed
// (if that fails the file is merely a stale temp for CleanStale). On a
// file system without hard links (FAT, some network shares) it falls back
// to a checked rename, which leaves a window between the check and the
// rename: the best such a file system allows.
func linkNoReplace(tmp, dest string) error {
	err := os.Link(tmp, dest)
	switch {
	case err == nil:
		_ = os.Remove(tmp)
		return nil
	case errors.Is(err, fs.ErrExist):
		if e := CheckFree(dest); e != nil {
			return e
		}
		return &ExistsError{Path: dest, What: "something"}
	}
	if e := CheckFree(dest); e != nil {
		return e
	}
	return os.Rename(tmp, dest)
}

// Discard closes and removes the temporary file unless it was published.
func (t *Temp) Discard() {
	if t.done {
		return
	}
	t.done = true
	t.File.Close()
	os.Remove(t.Name())
}
