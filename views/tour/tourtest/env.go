// Package tourtest starts the tour's environment on a real seeded sandbox
// for the tests of the tour's steps (views/tour) and of its screen
// (views/tourview), so both drive the same wiring cmd/tour.go sets up.
package tourtest

import (
	"context"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
	"github.com/s3sec/s3sec/views/tour"
)

// adapter is what cmd wires: the sandbox's counters, delivery and reset.
type adapter struct{ srv *sandbox.Server }

func (a adapter) KMSCalls(b string) tour.KMSCalls {
	c := a.srv.KMSCalls(b)
	return tour.KMSCalls{GenerateDataKey: c.GenerateDataKey, Decrypt: c.Decrypt, BucketKeyHits: c.BucketKeyHits}
}
func (a adapter) FlushAccessLogs() { a.srv.FlushAccessLogs() }
func (a adapter) Reset() error     { return a.srv.Reset() }

// NewEnv starts the seeded sandbox (log delivery only when the tour asks)
// and root sessions on it over HTTPS and plain HTTP; writes is the number
// of writes per bucket of the KMS step (0: the real tour's).
func NewEnv(t testing.TB, writes int) (*tour.Env, *sandbox.Server) {
	t.Helper()
	srv, err := sandbox.Start(sandbox.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	open := func(url string) *awsops.Session {
		s, err := awsops.Open(context.Background(), awsops.Options{Region: "us-east-1", EndpointURL: url, CABundle: srv.CAFile(),
			AccessKeyID: srv.Root().AccessKeyID, SecretAccessKey: srv.Root().SecretAccessKey})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s
	}
	return &tour.Env{S3: open(srv.HTTPSURL()), Plain: open(srv.HTTPURL()), Sandbox: adapter{srv},
		MFASerial: sandbox.DemoMFASerial, MFASeed: sandbox.DemoMFASeed, Writes: writes}, srv
}
