package sandbox

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// sealTestPiece seals plaintext into a memory piece under keys.
func sealTestPiece(t *testing.T, s *Server, keys [][]byte, plaintext []byte) *sealedPiece {
	t.Helper()
	pw, err := s.newPieceWriter(keys)
	if err != nil {
		t.Fatal(err)
	}
	// Odd-sized writes: segment boundaries must not depend on how bytes arrive.
	for rest := plaintext; len(rest) > 0; {
		n := min(len(rest), 77777)
		if _, err := pw.Write(rest[:n]); err != nil {
			t.Fatal(err)
		}
		rest = rest[n:]
	}
	p, err := pw.finish()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// readTestRange reads [from, to) of pieces through a cursor.
func readTestRange(d sealedData, keys [][]byte, from, to int64) ([]byte, error) {
	cur := newRangeCursor(d, keys, from, to)
	defer cur.close()
	var out []byte
	for {
		b, err := cur.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, b...)
	}
}

// testPlaintext is n bytes that differ from segment to segment.
func testPlaintext(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/segmentSize)
	}
	return b
}

func TestSegmentsRoundTripEveryLayerCount(t *testing.T) {
	s := &Server{blobs: memoryBlobs{}}
	for _, layers := range []int{1, 2} {
		keys := make([][]byte, layers)
		for i := range keys {
			keys[i] = randomBytes(dataKeySize)
		}
		for _, size := range []int{0, 1, segmentSize - 1, segmentSize, segmentSize + 1, 3*segmentSize + 5} {
			plain := testPlaintext(size)
			p := sealTestPiece(t, s, keys, plain)
			if want := segmentCount(int64(size)); int64(len(p.blob.(*memoryBlob).segments)) != want {
				t.Fatalf("layers %d size %d: %d segments, want %d", layers, size, len(p.blob.(*memoryBlob).segments), want)
			}
			if want := int64(size) + segmentCount(int64(size))*int64(layers*segmentLayerOverhead); p.blob.atRest() != want {
				t.Fatalf("layers %d size %d: %d bytes at rest, want %d", layers, size, p.blob.atRest(), want)
			}
			got, err := readTestRange(sealedData{Pieces: []*sealedPiece{p}}, keys, 0, int64(size))
			if err != nil || !bytes.Equal(got, plain) {
				t.Fatalf("layers %d size %d: round trip differs (err %v)", layers, size, err)
			}
		}
	}
}

// TestSegmentsBoundToTheirPlace moves sealed segments around at rest: each
// kind of move must fail authentication, not yield other bytes.
func TestSegmentsBoundToTheirPlace(t *testing.T) {
	s := &Server{blobs: memoryBlobs{}}
	keys := [][]byte{randomBytes(dataKeySize)}
	plain := testPlaintext(3 * segmentSize)
	fresh := func() (*sealedPiece, *memoryBlob) {
		p := sealTestPiece(t, s, keys, plain)
		return p, p.blob.(*memoryBlob)
	}
	_, otherBlob := fresh() // a second piece under the same key, as parts of one upload are
	cases := []struct {
		name  string
		alter func(m *memoryBlob)
		from  int64 // a range read that must fail
	}{
		{"bit flipped", func(m *memoryBlob) { m.segments[1][100] ^= 1 }, segmentSize},
		{"segments swapped", func(m *memoryBlob) { m.segments[0], m.segments[1] = m.segments[1], m.segments[0] }, 0},
		{"segment from another piece", func(m *memoryBlob) { m.segments[1] = otherBlob.segments[1] }, segmentSize},
		{"last segment dropped", func(m *memoryBlob) { m.segments = m.segments[:2] }, 2 * segmentSize},
	}
	for _, tc := range cases {
		p, m := fresh()
		tc.alter(m)
		d := sealedData{Pieces: []*sealedPiece{p}}
		_, err := readTestRange(d, keys, tc.from, int64(len(plain)))
		if !errors.Is(err, errSegment) && !errors.Is(err, errSegmentMissing) {
			t.Errorf("%s: read from %d: err %v, want an authentication failure", tc.name, tc.from, err)
		}
		// The untouched first segment still reads (each segment stands alone),
		// except where the first segment itself was moved.
		if tc.name != "segments swapped" {
			got, err := readTestRange(d, keys, 0, 10)
			if err != nil || !bytes.Equal(got, plain[:10]) {
				t.Errorf("%s: the intact first segment fails: %v", tc.name, err)
			}
		}
	}
	// A shortened piece whose metadata is shortened too: the former middle
	// segment is not marked last, so it is refused.
	p, m := fresh()
	m.segments = m.segments[:2]
	p.Size = 2 * segmentSize
	if _, err := readTestRange(sealedData{Pieces: []*sealedPiece{p}}, keys, segmentSize, 2*segmentSize); !errors.Is(err, errSegment) {
		t.Errorf("truncated piece with truncated size: err %v, want errSegment", err)
	}
}
