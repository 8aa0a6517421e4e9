package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
)

// reportOptions are the flags of `s3sec report`.
type reportOptions struct {
	json   bool
	demo   bool
	failOn string
}

const reportUsage = `Usage: s3sec report [--json] [--demo] [--fail-on high|medium|low] [global flags]

Prints every bucket's security state and findings, as a table or as JSON.
  --json             JSON output (shape documented in README.md)
  --demo             run against an in-process sandbox seeded with the demo buckets
  --fail-on LEVEL    a gate for CI: exit 3 when a finding at or above LEVEL
                     exists, else 4 when some setting could not be read
                     (the report is incomplete), else 0; stderr says why
  --read-only        accepted like the console's: the report only ever reads

Exit status: 0 success, 1 error, 2 usage, 3 --fail-on matched a finding,
4 --fail-on found nothing but the report is incomplete (a facet unread).
`

// runReport implements `s3sec report`.
func runReport(ctx context.Context, g *globalOptions, args []string, stdout, stderr io.Writer) int {
	var o reportOptions
	fs := newFlagSet("report", g, stderr)
	fs.Usage = printUsage(fs, reportUsage)
	fs.BoolVar(&o.json, "json", false, "JSON output")
	fs.BoolVar(&o.demo, "demo", false, "use the demo sandbox")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 3 when a finding at or above this severity exists, 4 when a facet could not be read")
	fs.Bool("read-only", false, "accepted for symmetry with the console: the report only reads")
	if code := parseCommandFlags(fs, g, args, stdout, stderr); code >= 0 {
		return code
	}
	var threshold awsops.Severity
	if o.failOn != "" {
		s, err := awsops.ParseSeverity(o.failOn)
		if err != nil || s == awsops.SeverityInfo {
			fmt.Fprintf(stderr, "s3sec report: --fail-on must be high, medium or low, got %q\n", o.failOn)
			return exitUsage
		}
		threshold = s
	}

	sess, _, done, err := openSession(ctx, g, o.demo)
	if err != nil {
		fmt.Fprintln(stderr, "s3sec report:", err)
		return exitError
	}
	defer done()

	rep, err := collectReport(ctx, sess, g.parallel)
	if err != nil {
		fmt.Fprintln(stderr, "s3sec report:", err)
		return exitError
	}
	if o.json {
		err = writeReportJSON(stdout, rep)
	} else {
		safe := termsafe.NewWriter(stdout) // bucket names and messages come from the endpoint
		err = errors.Join(writeReportText(safe, rep), safe.Flush())
	}
	if err != nil {
		fmt.Fprintln(stderr, "s3sec report:", err)
		return exitError
	}
	if o.failOn == "" {
		writeUnread(stderr, rep) // a report without a gate still says what it could not see
		return exitOK
	}
	code := failOnStatus(threshold, rep.findings, len(rep.unread()))
	writeGateReasons(stderr, rep, threshold, code)
	return code
}

// report is everything `s3sec report` prints.
type report struct {
	endpoint string
	identity awsops.Identity
	states   []awsops.BucketState  // sorted by name
	findings []awsops.Finding      // from awsops.Analyse
	caps     map[awsops.Facet]bool // what the endpoint implements, learned while reading
}

// collectReport reads the identity, the bucket list and every bucket's state.
func collectReport(ctx context.Context, sess *awsops.Session, parallel int) (*report, error) {
	id, err := sess.Identity(ctx)
	if err != nil {
		return nil, fmt.Errorf("who am I (sts get-caller-identity): %w", err)
	}
	buckets, err := sess.Buckets(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing buckets: %w", err)
	}
	var mu sync.Mutex
	states := make([]awsops.BucketState, 0, len(buckets))
	sess.States(ctx, buckets, parallel, func(s awsops.BucketState) {
		mu.Lock()
		states = append(states, s)
		mu.Unlock()
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sort.Slice(states, func(i, j int) bool { return states[i].Name < states[j].Name })
	return &report{
		endpoint: sess.Endpoint(),
		identity: id,
		states:   states,
		findings: awsops.Analyse(states),
		caps:     sess.Capabilities(),
	}, nil
}

// unsupported lists, in display order, the facets the endpoint answered it does not implement.
func (r *report) unsupported() []string {
	var out []string
	for _, f := range awsops.AllFacets {
		if ok, known := r.caps[f]; known && !ok {
			out = append(out, string(f))
		}
	}
	return out
}

// findingsFor returns the findings of one bucket, in report order.
func (r *report) findingsFor(bucket string) []awsops.Finding {
	var out []awsops.Finding
	for _, f := range r.findings {
		if f.Bucket == bucket {
			out = append(out, f)
		}
	}
	return out
}

// totals counts findings by severity.
func (r *report) totals() map[awsops.Severity]int {
	t := map[awsops.Severity]int{}
	for _, f := range r.findings {
		t[f.Severity]++
	}
	return t
}
