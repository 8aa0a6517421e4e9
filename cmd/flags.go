package cmd

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/s3sec/s3sec/awsops"
)

// globalOptions are the flags every command accepts. Empty values leave the
// choice to the AWS default chain, exactly as the aws CLI does
// (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, AWS_CA_BUNDLE, SSO, files).
type globalOptions struct {
	profile     string
	region      string
	endpointURL string
	caBundle    string
	parallel    int
	timeout     time.Duration
	version     bool
}

// defaultParallel is the number of concurrent API calls when reading buckets.
const defaultParallel = 16

// defaultTimeout is how long one call waits for an answer, and a transfer
// for its next byte, before giving up (--timeout).
const defaultTimeout = awsops.DefaultTimeout

// addGlobalFlags registers the global flags on fs, so they work both before
// and after the subcommand name.
func addGlobalFlags(fs *flag.FlagSet, g *globalOptions) {
	fs.StringVar(&g.profile, "profile", g.profile, "named profile from the shared AWS config (default: AWS_PROFILE or default)")
	fs.StringVar(&g.region, "region", g.region, "region for requests that are not bucket-specific (default: AWS_REGION or the profile's)")
	fs.StringVar(&g.endpointURL, "endpoint-url", g.endpointURL, "custom S3-compatible endpoint (default: AWS_ENDPOINT_URL or AWS)")
	fs.StringVar(&g.caBundle, "ca-bundle", g.caBundle, "PEM file of CA certificates to trust (default: AWS_CA_BUNDLE)")
	fs.IntVar(&g.parallel, "parallel", g.parallel, "concurrent API calls when reading bucket settings")
	fs.DurationVar(&g.timeout, "timeout", g.timeout, "how long a call waits for an answer, and a transfer for its next byte")
	fs.BoolVar(&g.version, "version", g.version, "print the version and exit")
}

// newFlagSet returns a flag set that reports errors instead of exiting, with
// the global flags already registered.
func newFlagSet(name string, g *globalOptions, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	addGlobalFlags(fs, g)
	return fs
}

// validate checks values the flag package cannot.
func (g *globalOptions) validate() error {
	if g.parallel < 1 || g.parallel > 512 {
		return fmt.Errorf("--parallel must be between 1 and 512, got %d", g.parallel)
	}
	if g.timeout <= 0 {
		return fmt.Errorf("--timeout must be positive (e.g. 30s, 2m), got %s", g.timeout)
	}
	return nil
}
