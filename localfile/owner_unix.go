//go:build unix

package localfile

import (
	"io/fs"
	"os"
	"syscall"
)

// ownedByMe reports whether the current user owns the file: another
// user's temporary file in a shared directory is not ours to remove.
func ownedByMe(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
