package localfile

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// StaleAfter is how long a temporary download file must have gone
// unwritten before CleanStale takes it for the leftover of a killed run.
// A live download writes to its file continuously, so an hour of silence
// means its process is gone (or stalled far beyond any useful wait).
const StaleAfter = time.Hour

// stalePrefixes are the temporary names removed by CleanStale: today's,
// and the console's from before it shared this package.
var stalePrefixes = []string{TempPrefix, ".s3sec-download-"}

// Stale is a leftover temporary file CleanStale found.
type Stale struct {
	Path string
	Age  time.Duration
	Err  error // why it could not be removed; nil when it was
}

// CleanStale removes, from dir, the temporary download files of killed
// runs: regular files (never symbolic links) named like ours
// (prefix followed only by the digits os.CreateTemp adds), owned by the
// current user, unmodified for StaleAfter. It returns what it found, so the
// caller can say so; an unreadable dir returns nothing: the download itself
// will report the real problem.
func CleanStale(dir string, now time.Time) []Stale {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var found []Stale
	for _, e := range entries {
		if !e.Type().IsRegular() || !isTempName(e.Name()) {
			continue
		}
		info, err := e.Info()
		if err != nil || !ownedByMe(info) {
			continue
		}
		age := now.Sub(info.ModTime())
		if age < StaleAfter {
			continue
		}
		p := filepath.Join(dir, e.Name())
		s := Stale{Path: p, Age: age.Truncate(time.Minute)}
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			s.Err = err
		}
		found = append(found, s)
	}
	return found
}

// isTempName reports whether name is one of our temporary names.
func isTempName(name string) bool {
	for _, p := range stalePrefixes {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return true
		}
	}
	return false
}
