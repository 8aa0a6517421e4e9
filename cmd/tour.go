package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
	"github.com/s3sec/s3sec/views/tour"
	"github.com/s3sec/s3sec/views/tourview"
)

// tourSandbox adapts the demo sandbox to what the tour needs of it.
type tourSandbox struct{ srv *sandbox.Server }

func (t tourSandbox) KMSCalls(bucket string) tour.KMSCalls {
	c := t.srv.KMSCalls(bucket)
	return tour.KMSCalls{GenerateDataKey: c.GenerateDataKey, Decrypt: c.Decrypt, BucketKeyHits: c.BucketKeyHits}
}
func (t tourSandbox) FlushAccessLogs() { t.srv.FlushAccessLogs() }
func (t tourSandbox) Reset() error     { return t.srv.Reset() }

// newTourEnv is the tour's environment on a running demo: the HTTPS root
// session, a second one over the sandbox's plain-HTTP listener (for the
// refusals only plain HTTP shows), and the demo MFA device.
func newTourEnv(ctx context.Context, g *globalOptions, d *demoEnv) (*tour.Env, func(), error) {
	root := d.server.Root()
	plain, err := awsops.Open(ctx, awsops.Options{
		Region:          "us-east-1",
		EndpointURL:     d.server.HTTPURL(),
		AccessKeyID:     root.AccessKeyID,
		SecretAccessKey: root.SecretAccessKey,
		Timeout:         g.timeout,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("opening a plain-HTTP session on the demo sandbox: %w", err)
	}
	env := &tour.Env{S3: d.session, Plain: plain, Sandbox: tourSandbox{d.server},
		MFASerial: sandbox.DemoMFASerial, MFASeed: sandbox.DemoMFASeed}
	return env, plain.Close, nil
}

// runTour runs `s3sec demo --tour` (the caller checked the terminal).
func runTour(ctx context.Context, g *globalOptions, stderr io.Writer) int {
	// Access logs are delivered only when the tour asks, so every run of
	// the logging step counts the same objects (a presenter rehearses).
	d, err := startDemoWith(ctx, g, sandbox.Options{Seed: true})
	if err != nil {
		fmt.Fprintln(stderr, "s3sec demo:", err)
		return exitError
	}
	defer d.Close()
	defer d.session.Close()
	env, closePlain, err := newTourEnv(ctx, g, d)
	if err != nil {
		fmt.Fprintln(stderr, "s3sec demo:", err)
		return exitError
	}
	defer closePlain()
	m := tourview.New(ctx, env)
	m.SetDemoAuthenticator(demoAuthenticator)
	p := tea.NewProgram(m, tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "s3sec:", err)
		return exitError
	}
	return exitOK
}
