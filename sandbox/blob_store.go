package sandbox

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// blobStore keeps the sealed segments of content pieces: in memory (the
// default) or as one file per piece under Options.DataDir. Only sealed bytes
// ever reach it; the metadata that makes them readable (sizes, piece ids,
// wrapped keys) stays in memory, so a data directory is useless without the
// process that wrote it and is not read again after a restart.
type blobStore interface {
	// create starts the blob of piece id; segments are appended in order.
	create(id [pieceIDSize]byte) (blobWriter, error)
	// close releases the store (the disk store removes its directory).
	close() error
}

// blobWriter receives a piece's sealed segments in order.
type blobWriter interface {
	// add appends one sealed segment; the store copies what it keeps.
	add(segment []byte) error
	// finish returns the stored blob; the writer is spent.
	finish() (segmentBlob, error)
	// discard drops what was written (a failed or refused upload).
	discard()
}

// segmentBlob is a stored piece: read segment by segment.
type segmentBlob interface {
	// open returns a reader of the blob's segments, to close after use.
	open() (segmentSource, error)
	// atRest is the number of bytes stored.
	atRest() int64
}

// segmentSource reads the sealed segments of one blob.
type segmentSource interface {
	// segment reads segment i into buf (grown when too small) and returns it.
	segment(i int64, buf []byte) ([]byte, error)
	Close() error
}

// errSegmentMissing is a segment index beyond what the blob holds: data
// truncated at rest.
var errSegmentMissing = errors.New("sandbox: stored object segment missing")

// memoryBlobs is the in-memory store: each blob is a list of segments.
type memoryBlobs struct{}

func (memoryBlobs) create([pieceIDSize]byte) (blobWriter, error) { return &memoryBlob{}, nil }
func (memoryBlobs) close() error                                 { return nil }

// memoryBlob is a piece's segments held in memory; it is its own writer and reader.
type memoryBlob struct {
	segments [][]byte
	size     int64
}

func (m *memoryBlob) add(segment []byte) error {
	m.segments = append(m.segments, append([]byte(nil), segment...))
	m.size += int64(len(segment))
	return nil
}
func (m *memoryBlob) finish() (segmentBlob, error) { return m, nil }
func (m *memoryBlob) discard()                     { m.segments = nil }
func (m *memoryBlob) open() (segmentSource, error) { return m, nil }
func (m *memoryBlob) atRest() int64                { return m.size }
func (m *memoryBlob) Close() error                 { return nil }
func (m *memoryBlob) segment(i int64, buf []byte) ([]byte, error) {
	if i < 0 || i >= int64(len(m.segments)) {
		return nil, errSegmentMissing
	}
	// A copy: opening decrypts in place, and the stored segment must stay sealed.
	return append(buf[:0], m.segments[i]...), nil
}

// diskBlobs keeps each piece in its own file under dir, a directory of its
// own inside Options.DataDir, removed on close. A piece's file is removed
// once nothing references the piece (a deleted version, an aborted upload, a
// replaced part), by a cleanup the garbage collector runs.
type diskBlobs struct {
	dir  string
	lock *os.File // held while the server runs (blob_dir_lock_unix.go); nil where there is none
}

// runDirPattern names the run directories inside a data directory.
const runDirPattern = "s3sec-sandbox-*"

// newDiskBlobs makes a fresh directory for this server inside dataDir (which
// is created if missing), so several sandboxes may share one data directory
// and none ever reads another's or an earlier run's files. The directories
// of sandboxes that were killed before Close are removed first.
func newDiskBlobs(dataDir string) (*diskBlobs, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("sandbox: data directory: %w", err)
	}
	removeAbandonedRuns(dataDir)
	dir, err := os.MkdirTemp(dataDir, runDirPattern)
	if err != nil {
		return nil, fmt.Errorf("sandbox: data directory: %w", err)
	}
	lock, err := lockRunDir(dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("sandbox: data directory: %w", err)
	}
	return &diskBlobs{dir: dir, lock: lock}, nil
}

func (d *diskBlobs) create(id [pieceIDSize]byte) (blobWriter, error) {
	path := filepath.Join(d.dir, hex.EncodeToString(id[:]))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	return &diskBlobWriter{f: f, blob: &diskBlob{path: path}}, nil
}

func (d *diskBlobs) close() error {
	err := os.RemoveAll(d.dir)
	if d.lock != nil {
		d.lock.Close()
	}
	return err
}

// diskBlobWriter appends segments to a piece's file.
type diskBlobWriter struct {
	f    *os.File
	blob *diskBlob
}

func (w *diskBlobWriter) add(segment []byte) error {
	if w.blob.full == 0 {
		w.blob.full = int64(len(segment)) // every segment but the last has this length
	}
	n, err := w.f.Write(segment)
	w.blob.size += int64(n)
	return err
}

func (w *diskBlobWriter) finish() (segmentBlob, error) {
	if err := w.f.Close(); err != nil {
		_ = os.Remove(w.blob.path)
		return nil, err
	}
	runtime.AddCleanup(w.blob, removeFile, w.blob.path)
	return w.blob, nil
}

func (w *diskBlobWriter) discard() {
	_ = w.f.Close()
	_ = os.Remove(w.blob.path)
}

// removeFile is the cleanup of an unreferenced disk blob.
func removeFile(path string) { _ = os.Remove(path) }

// diskBlob is a piece's file: segments back to back, all but the last of
// length full, so segment i starts at i*full.
type diskBlob struct {
	path       string
	full, size int64
}

func (b *diskBlob) atRest() int64 { return b.size }

func (b *diskBlob) open() (segmentSource, error) {
	f, err := os.Open(b.path)
	if err != nil {
		return nil, err
	}
	return &diskSource{f: f, blob: b}, nil
}

// diskSource reads segments of an open piece file.
type diskSource struct {
	f    *os.File
	blob *diskBlob
}

func (s *diskSource) Close() error { return s.f.Close() }

func (s *diskSource) segment(i int64, buf []byte) ([]byte, error) {
	off := i * s.blob.full
	if i < 0 || off >= s.blob.size {
		return nil, errSegmentMissing
	}
	n := min(s.blob.full, s.blob.size-off)
	if int64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := s.f.ReadAt(buf, off); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errSegmentMissing // the file was cut short at rest
		}
		return nil, err
	}
	return buf, nil
}
