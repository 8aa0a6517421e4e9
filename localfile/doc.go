// Package localfile publishes downloaded files without ever replacing one
// silently. A download is written to a temporary file (mode 0600, created
// with O_EXCL) in the destination's directory and appears under its name
// only once complete: without replace it is hard-linked into place, which
// fails atomically when anything (a file, a directory, a symbolic link, even
// a dangling one) already has that name, so a file that appears while the
// download runs is never overwritten; with replace it is renamed over it.
//
// Temporary files of downloads that were killed (SIGKILL, power loss) keep
// the prefix TempPrefix; CleanStale removes the ones older than StaleAfter
// that belong to the current user, and says which, so the caller can report
// them. The package knows nothing of AWS: cmd (s3sec cp) and views (the
// console's download) both use it.
package localfile
