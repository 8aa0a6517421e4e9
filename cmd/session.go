package cmd

import (
	"context"
	"fmt"
	"time"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/sandbox"
)

// openAWS opens a session the way the aws CLI would: default credential chain
// plus the global flags.
func openAWS(ctx context.Context, g *globalOptions) (*awsops.Session, error) {
	return awsops.Open(ctx, awsops.Options{
		Profile:     g.profile,
		Region:      g.region,
		EndpointURL: g.endpointURL,
		CABundle:    g.caBundle,
		Timeout:     g.timeout,
	})
}

// demoEnv is an in-process sandbox seeded with the demo buckets and a session
// on it, over HTTPS with the sandbox's own CA.
type demoEnv struct {
	server  *sandbox.Server
	session *awsops.Session
}

// demoLogInterval is the demo sandbox's access log delivery interval.
const demoLogInterval = 5 * time.Second

// startDemo starts the seeded sandbox on loopback and opens a root session on it.
func startDemo(ctx context.Context, g *globalOptions) (*demoEnv, error) {
	// Logs are delivered every few seconds so the demo's logging loops
	// visibly grow; failures are kept (Server.LogDeliveryFailures), not
	// printed, since the console owns the terminal.
	return startDemoWith(ctx, g, sandbox.Options{Seed: true, AccessLogInterval: demoLogInterval})
}

// startDemoWith starts a sandbox with opts and opens a root session on it.
func startDemoWith(ctx context.Context, g *globalOptions, opts sandbox.Options) (*demoEnv, error) {
	srv, err := sandbox.Start(opts)
	if err != nil {
		return nil, fmt.Errorf("starting the demo sandbox: %w", err)
	}
	root := srv.Root()
	region := g.region
	if region == "" {
		region = "us-east-1"
	}
	sess, err := awsops.Open(ctx, awsops.Options{
		Region:          region,
		EndpointURL:     srv.HTTPSURL(),
		CABundle:        srv.CAFile(),
		AccessKeyID:     root.AccessKeyID,
		SecretAccessKey: root.SecretAccessKey,
		Timeout:         g.timeout,
	})
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("opening a session on the demo sandbox: %w", err)
	}
	sess.SetPlainHTTPEndpoint(srv.HTTPURL()) // for the TLS-only probe (awsops.TLSOnlyProbe)
	return &demoEnv{server: srv, session: sess}, nil
}

// demoAuthenticator is the demo's stand-in for the user's phone: the
// current code of the sandbox's seeded root MFA device, whose seed is public.
func demoAuthenticator(t time.Time) (serial, code string) {
	code, err := otp.Code(sandbox.DemoMFASeed, t)
	if err != nil {
		code = "------"
	}
	return sandbox.DemoMFASerial, code
}

// Close stops the sandbox.
func (d *demoEnv) Close() { d.server.Close() }

// openSession opens what a one-shot command reads from: the demo sandbox
// (--demo) or AWS and --endpoint-url. done releases it (the sandbox stops,
// its CA file is removed).
func openSession(ctx context.Context, g *globalOptions, demo bool) (sess *awsops.Session, env *demoEnv, done func(), err error) {
	if !demo {
		s, err := openAWS(ctx, g)
		if err != nil {
			return nil, nil, nil, err
		}
		return s, nil, s.Close, nil
	}
	env, err = startDemo(ctx, g)
	if err != nil {
		return nil, nil, nil, err
	}
	return env.session, env, env.Close, nil
}
