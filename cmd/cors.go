package cmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
)

const corsUsage = `Usage: s3sec cors test BUCKET --origin ORIGIN --method METHOD [--header NAME]... [flags]

Sends a real CORS preflight (an unsigned OPTIONS request, as a browser sends
it) to the bucket's endpoint, evaluates the bucket's CORS rules locally as S3
does, and prints both: the endpoint's status and Access-Control-* headers, and
the rule that allows the request or why none does. A disagreement between the
two means the endpoint behaves unlike S3.
  --origin ORIGIN    the page's origin, scheme://host[:port]
  --method METHOD    the method the page wants to use (GET, PUT, POST, DELETE, HEAD)
  --header NAME      a request header the page wants to send (repeatable)
  --key KEY          preflight an object URL instead of the bucket's
  --demo             run against an in-process sandbox seeded with the demo buckets

Exit status: 0 the endpoint allows the request (as a browser judges its
answer), 1 it refuses it or an error occurred, 2 usage.
`

// headerList collects repeated --header flags.
type headerList []string

func (h *headerList) String() string { return strings.Join(*h, ",") }

// Set accepts one name, or several separated by commas as in
// Access-Control-Request-Headers.
func (h *headerList) Set(v string) error {
	for _, name := range strings.Split(v, ",") {
		if name = strings.TrimSpace(name); name != "" {
			*h = append(*h, name)
		}
	}
	return nil
}

// corsTestOptions are the flags of `s3sec cors test`.
type corsTestOptions struct {
	origin, method, key string
	headers             headerList
	demo                bool
}

// runCORS implements `s3sec cors SUBCOMMAND`.
func runCORS(ctx context.Context, g *globalOptions, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprint(stdout, corsUsage)
		return exitOK
	}
	if len(args) == 0 || args[0] != "test" {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "s3sec cors: unknown subcommand %q\n", args[0])
		}
		fmt.Fprint(stderr, corsUsage)
		return exitUsage
	}
	return runCORSTest(ctx, g, args[1:], stdout, stderr)
}

// runCORSTest implements `s3sec cors test`.
func runCORSTest(ctx context.Context, g *globalOptions, args []string, stdout, stderr io.Writer) int {
	var o corsTestOptions
	fs := newFlagSet("cors test", g, stderr)
	fs.Usage = printUsage(fs, corsUsage)
	fs.StringVar(&o.origin, "origin", "", "the page's origin")
	fs.StringVar(&o.method, "method", "", "the method the page wants to use")
	fs.Var(&o.headers, "header", "a request header the page wants to send (repeatable)")
	fs.StringVar(&o.key, "key", "", "preflight this object's URL")
	fs.BoolVar(&o.demo, "demo", false, "use the demo sandbox")
	bucket, code := parseWithBucket(fs, g, args, stdout, stderr)
	if code >= 0 {
		return code
	}
	if err := o.check(bucket); err != nil {
		fmt.Fprintf(stderr, "s3sec cors test: %v\n\n%s", err, corsUsage)
		return exitUsage
	}

	sess, _, done, err := openSession(ctx, g, o.demo)
	if err != nil {
		fmt.Fprintln(stderr, "s3sec cors test:", err)
		return exitError
	}
	defer done()
	region, err := sess.BucketRegion(ctx, bucket)
	if err != nil {
		fmt.Fprintf(stderr, "s3sec cors test: the region of %s: %v\n", bucket, err)
		return exitError
	}
	req := awsops.CORSRequest{Origin: o.origin, Method: o.method, Headers: o.headers}
	c, err := sess.CheckPreflight(ctx, bucket, region, o.key, req)
	if err != nil {
		fmt.Fprintln(stderr, "s3sec cors test:", err)
		return exitError
	}
	safe := termsafe.NewWriter(stdout) // header values and messages come from the endpoint
	writeCORSCheck(safe, c)
	if err := safe.Flush(); err != nil {
		fmt.Fprintln(stderr, "s3sec cors test:", err)
		return exitError
	}
	switch {
	case !c.Compared():
		fmt.Fprintln(stderr, "s3sec cors test: the rules could not be read, so the answer was not compared with S3's")
	case !c.Agrees():
		fmt.Fprintln(stderr, "s3sec cors test: the endpoint's answer differs from S3's for these rules (see above)")
	}
	if c.Allowed() {
		return exitOK
	}
	return exitError
}

// corsMethods are the methods a CORS rule may allow.
var corsMethods = []string{http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodHead}

// check validates the flags before anything is sent.
func (o *corsTestOptions) check(bucket string) error {
	o.method = strings.ToUpper(strings.TrimSpace(o.method))
	o.origin = strings.TrimSpace(o.origin)
	var errs []error
	if bucket == "" {
		errs = append(errs, errors.New("name the bucket: s3sec cors test BUCKET --origin ... --method ..."))
	}
	if o.origin == "" {
		errs = append(errs, errors.New("--origin is required (e.g. https://app.example.com)"))
	} else if err := awsops.CheckRequestOrigin(o.origin); err != nil {
		errs = append(errs, fmt.Errorf("--origin: %w", err))
	}
	switch {
	case o.method == "":
		errs = append(errs, errors.New("--method is required (GET, PUT, POST, DELETE or HEAD)"))
	case !slices.Contains(corsMethods, o.method):
		errs = append(errs, fmt.Errorf("--method %s: S3 CORS rules allow only GET, PUT, POST, DELETE and HEAD", o.method))
	}
	for _, h := range o.headers {
		if err := awsops.CheckRequestHeader(h); err != nil {
			errs = append(errs, fmt.Errorf("--header: %w", err))
		}
	}
	return errors.Join(errs...)
}

// parseWithBucket parses fs allowing the one positional BUCKET before,
// between or after the flags (the flag package stops at the first
// argument that is not a flag). code is non-negative when the caller should stop.
func parseWithBucket(fs *flag.FlagSet, g *globalOptions, args []string, stdout, stderr io.Writer) (bucket string, code int) {
	for {
		if err := parseOnce(fs, args, stdout); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", exitOK
			}
			return "", exitUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if bucket != "" {
			fmt.Fprintf(stderr, "s3sec cors test: unexpected argument %q (one bucket per test)\n", rest[0])
			return "", exitUsage
		}
		bucket, args = rest[0], rest[1:]
	}
	if g.version {
		fmt.Fprintln(stdout, "s3sec", versionString())
		return "", exitOK
	}
	if err := g.validate(); err != nil {
		fmt.Fprintf(stderr, "s3sec cors test: %v\n", err)
		return "", exitUsage
	}
	return bucket, -1
}

// writeCORSCheck prints the request, the endpoint's answer, the local
// evaluation and their agreement.
func writeCORSCheck(w io.Writer, c awsops.PreflightCheck) {
	fmt.Fprintf(w, "Preflight  OPTIONS %s\n", c.Endpoint.URL)
	fmt.Fprintf(w, "  Origin: %s\n  Access-Control-Request-Method: %s\n", c.Request.Origin, c.Request.Method)
	if len(c.Request.Headers) > 0 {
		fmt.Fprintf(w, "  Access-Control-Request-Headers: %s\n", strings.ToLower(strings.Join(c.Request.Headers, ",")))
	}
	fmt.Fprintln(w)
	verdict := "refused"
	if c.Allowed() {
		verdict = "allowed"
	}
	fmt.Fprintf(w, "Endpoint   %d %s: %s\n", c.Endpoint.Status, http.StatusText(c.Endpoint.Status), verdict)
	if c.Endpoint.Code != "" {
		fmt.Fprintf(w, "  %s: %s\n", c.Endpoint.Code, c.Endpoint.Message)
	}
	for _, h := range c.Endpoint.Headers {
		fmt.Fprintf(w, "  %s: %s\n", h.Name, h.Value)
	}
	fmt.Fprintln(w)
	switch {
	case c.RulesErr != nil:
		fmt.Fprintf(w, "Local      not evaluated: the rules could not be read (%v)\n", c.RulesErr)
	case c.Local.Allowed:
		fmt.Fprintf(w, "Local      allowed by %s\n", awsops.RuleName(c.Local))
	default:
		fmt.Fprintf(w, "Local      refused: %s\n", c.Local.Reason)
	}
	fmt.Fprintln(w)
	switch {
	case !c.Compared():
		fmt.Fprintln(w, "Agreement  not compared")
	case c.Agrees():
		fmt.Fprintln(w, "Agreement  the endpoint answered as S3 would")
	default:
		fmt.Fprintln(w, "Agreement  DISAGREE: the endpoint behaves unlike S3")
		for _, d := range c.Differences {
			fmt.Fprintf(w, "  - %s\n", d)
		}
	}
}
