package sandbox

import (
	"errors"
	"fmt"
	"github.com/s3sec/s3sec/otp"
)

// Reset puts a sandbox started with Options.Seed back to its demo data, as
// if it had just started: every bucket, object, KMS key, MFA device, bucket
// key, KMS call count and buffered access-log record is forgotten and the
// demo data is loaded again (with the same version ids and key ARNs). The
// listeners, certificate and credentials stay, so clients keep working.
// A presenter rehearsing `s3sec demo --tour` resets between runs.
//
// Requests in flight during a Reset may act on the old data; callers reset
// when the console is idle.
func (s *Server) Reset() error {
	if !s.opts.Seed {
		return errors.New("sandbox: Reset needs a sandbox started with the demo data (Options.Seed)")
	}
	// One flush at a time: no delivery may write into the new buckets
	// records of the old ones.
	s.logs.deliverMu.Lock()
	s.logs.buf.Drain()
	s.logs.mu.Lock()
	s.logs.failures = nil
	s.logs.mu.Unlock()
	s.logs.deliverMu.Unlock()

	s.store.mu.Lock()
	s.store.buckets = map[string]*bucket{}
	s.store.mu.Unlock()

	s.iam.mu.Lock()
	s.iam.devices = nil
	s.iam.guard = otp.Guard{}
	s.iam.tries = mfaThrottle{}
	s.iam.mu.Unlock()

	s.sse.bucketKeys.mu.Lock()
	s.sse.bucketKeys.current = nil
	s.sse.bucketKeys.opened = nil
	s.sse.bucketKeys.mu.Unlock()

	s.kms.ForgetKeys()
	if err := s.seed(); err != nil { // seed resets the KMS call counts when done
		return fmt.Errorf("sandbox: reseed: %w", err)
	}
	return nil
}
