//go:build unix

package sandbox

import (
	"os"
	"path/filepath"
	"syscall"
)

// runLockName is the file in a run directory whose flock(2) says its
// sandbox is alive; the kernel drops the lock when the process ends, however
// it ends.
const runLockName = ".lock"

// lockRunDir takes the lock of a fresh run directory, held until released.
func lockRunDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, runLockName), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// removeAbandonedRuns removes the run directories in dataDir whose sandbox
// was killed before it could remove them (its lock is free). A directory
// without a lock file (one being created this instant) or whose lock cannot
// be opened (another user's) is left alone.
func removeAbandonedRuns(dataDir string) {
	dirs, _ := filepath.Glob(filepath.Join(dataDir, runDirPattern))
	for _, dir := range dirs {
		f, err := os.OpenFile(filepath.Join(dir, runLockName), os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			_ = os.RemoveAll(dir)
		}
		f.Close()
	}
}
