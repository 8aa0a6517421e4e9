// Package tour is the step logic of `s3sec demo --tour`: each step performs
// one demonstration against the demo sandbox through awsops (plans for every
// change, real requests for every refusal) and reports what it observed.
// It knows nothing of the screen: views/tourview renders it, and the test
// runs it headless against a real sandbox.
package tour

import (
	"context"
	"time"

	"github.com/s3sec/s3sec/awsops"
)

// KMSCalls is the KMS work S3 did for one bucket's objects, as the sandbox
// counts it (sandbox.KMSCallCount).
type KMSCalls struct {
	GenerateDataKey int
	Decrypt         int
	BucketKeyHits   int
}

// Sandbox is what the tour needs of the demo sandbox beyond its S3 API:
// counters nobody but the sandbox can see, the access-log delivery clock,
// and a reset. cmd adapts *sandbox.Server to it (views never imports the
// sandbox).
type Sandbox interface {
	KMSCalls(bucket string) KMSCalls
	// FlushAccessLogs delivers the buffered server access logs now.
	FlushAccessLogs()
	// Reset re-seeds the demo data.
	Reset() error
}

// Env is what the steps run against.
type Env struct {
	S3      *awsops.Session // the root user over HTTPS
	Plain   *awsops.Session // the root user over plain HTTP, same sandbox
	Sandbox Sandbox

	MFASerial, MFASeed string // the demo root MFA device (public demo values)
	// Now is the clock MFA codes are computed from; nil means time.Now.
	Now func() time.Time
	// Writes is how many objects the bucket-key step writes per bucket;
	// 0 means DefaultWrites.
	Writes int

	codes codeSource
}

// DefaultWrites is the bucket-key step's writes per bucket.
const DefaultWrites = 1000

// Step is one topic of the tour.
type Step struct {
	ID     string   // stable name, for tests: "sse-s3", "bucket-key", ...
	Title  string   // one line
	What   []string // what it is
	Why    []string // why it matters
	Cost   []string // what AWS would charge, or what is at risk
	Screen string   // where the console shows it, in words
	Bucket string   // the bucket the console opens on for this step (c in the tour)
	Pane   string   // and the pane, by its tab title ("Encryption")
	Action string   // what `n` does, in words
	Run    func(ctx context.Context, e *Env) (Outcome, error)
}

// Outcome is what a step observed on the sandbox.
type Outcome struct {
	Lines   []string       // the observed effects, in order, for the screen
	Figures map[string]int // measured numbers ("kms.plain", "logs.grown", ...)
	Checks  map[string]bool
}

func newOutcome() Outcome {
	return Outcome{Figures: map[string]int{}, Checks: map[string]bool{}}
}

// Steps are the tour's steps in order.
func Steps() []Step {
	return []Step{
		stepSSES3(),
		stepBucketKey(),
		stepSSEC(),
		stepClientSide(),
		stepCORS(),
		stepMFADelete(),
		stepVersioning(),
		stepLoggingLoop(),
		stepTLS(),
	}
}

// Reset puts the demo data back and forgets the MFA codes the tour used.
func (e *Env) Reset() error {
	if err := e.Sandbox.Reset(); err != nil {
		return err
	}
	// The reset sandbox has forgotten which codes it accepted.
	e.codes.forget()
	return nil
}

func (e *Env) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *Env) writes() int {
	if e.Writes > 0 {
		return e.Writes
	}
	return DefaultWrites
}
