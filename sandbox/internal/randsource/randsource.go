// Package randsource supplies the random bytes of sandbox identifiers (S3
// version ids, opaque ETags, KMS key ids): crypto/rand in normal operation,
// a seeded ChaCha8 generator while demo data is loaded, so seeded listings
// are reproducible.
package randsource

import (
	crand "crypto/rand"
	"math/rand/v2"
	"sync"
)

// Source is a byte source safe for concurrent use; its zero value draws from
// crypto/rand.
type Source struct {
	mu  sync.Mutex
	rng *rand.Rand // nil: crypto/rand
}

// Read fills b with fresh bytes from the current generator.
func (s *Source) Read(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rng == nil {
		_, _ = crand.Read(b)
		return
	}
	for i := range b {
		b[i] = byte(s.rng.Uint32())
	}
}

// Deterministic switches to a generator seeded with seed, or back to
// crypto/rand when seed is nil.
func (s *Source) Deterministic(seed *[32]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seed == nil {
		s.rng = nil
		return
	}
	s.rng = rand.New(rand.NewChaCha8(*seed))
}
