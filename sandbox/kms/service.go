package kms

import (
	"sync"
	"time"
)

// DefaultAccountID is the account that owns the keys when Options.AccountID is empty.
const DefaultAccountID = "111122223333"

// Options configure a Service. Zero values give the documented defaults.
type Options struct {
	AccountID         string           // owner of every key; default DefaultAccountID
	Clock             func() time.Time // stamps CreationDate and friends; default time.Now
	RequestsPerSecond float64          // shared crypto quota per (account, region); 0 = unlimited

	// IdentityDenies reports whether the caller's identity policy explicitly
	// denies action (e.g. "kms:Decrypt") to principalARN; nil denies nothing.
	IdentityDenies func(principalARN, action string) bool
}

// Service is the sandbox KMS: keys and aliases per Region, all in memory.
// It is safe for concurrent use.
type Service struct {
	account string
	clock   func() time.Time
	quota   *quota
	ids     idSource
	denies  func(principalARN, action string) bool

	mu      sync.Mutex
	regions map[string]*regionKeys
}

// regionKeys is the key store of one Region of the account.
type regionKeys struct {
	byID    map[string]*key
	order   []*key // creation order: ListKeys pages through it
	aliases map[string]*alias
}

// New returns an empty Service.
func New(o Options) *Service {
	if o.AccountID == "" {
		o.AccountID = DefaultAccountID
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	return &Service{
		account: o.AccountID,
		clock:   o.Clock,
		// The quota runs on the real clock: Options.Clock may be frozen for
		// deterministic demo data, and a frozen bucket would never refill.
		quota:   newQuota(o.RequestsPerSecond, time.Now),
		regions: map[string]*regionKeys{},
		denies:  o.IdentityDenies,
	}
}

// SetRequestsPerSecond changes the crypto quota (0 = unlimited) and refills
// every bucket; the sandbox loads its demo data before turning the quota on.
func (s *Service) SetRequestsPerSecond(rps float64) { s.quota.setRate(rps) }

// AccountID is the account that owns the service's keys.
func (s *Service) AccountID() string { return s.account }

// DeterministicIDs makes new key ids reproducible (seed != nil), for demo
// data that must list the same on every start, or random again (nil).
// Key material is always drawn from crypto/rand.
func (s *Service) DeterministicIDs(seed *[32]byte) { s.ids.Deterministic(seed) }

// region returns the key store of a Region, creating it on first use; the
// caller holds s.mu.
func (s *Service) region(name string) *regionKeys {
	rk := s.regions[name]
	if rk == nil {
		rk = &regionKeys{byID: map[string]*key{}, aliases: map[string]*alias{}}
		s.regions[name] = rk
	}
	return rk
}

// now is the service clock truncated to milliseconds, the precision KMS reports.
func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Millisecond) }
