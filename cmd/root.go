// Package cmd holds s3sec's commands, one file per command: the console
// launcher (console.go), report, sandbox, cp and logs. main.go only calls Main.
package cmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// Exit codes shared by every command.
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitFindings = 3 // report --fail-on matched a finding
)

// version is set at build time with
// -ldflags "-X github.com/s3sec/s3sec/cmd.version=..."; otherwise
// the module version from the build info is used.
var version = ""

const usageText = `s3sec: a terminal console for the security settings of Amazon S3 buckets

Usage:
  s3sec [global flags] [--read-only]        open the console against AWS (or --endpoint-url)
  s3sec demo [global flags] [--read-only]   open the console on an embedded sandbox with demo buckets
  s3sec demo --tour                         a narrated walkthrough of every topic on the demo sandbox
  s3sec report [flags]                      print every bucket's security state and findings
  s3sec sandbox [flags]                     run the embedded S3 sandbox for the aws CLI and scripts
  s3sec cp [flags] SRC DST                  copy one object to or from S3 with the chosen encryption
  s3sec cors test BUCKET --origin O --method M [--header H]...
                                            send a CORS preflight; compare with S3's evaluation
  s3sec fix --finding ID (--bucket B... | --all) [--yes] [--mfa "SERIAL CODE"]
                                            fix one finding on many buckets (plans; --yes applies)
  s3sec journal [--json | --markdown]       print the change journal of applied plans
  s3sec logs BUCKET [flags]                 print a bucket's server access log records (or --athena DDL)

Global flags (also accepted after the command name):
  --profile NAME        named profile (default: AWS_PROFILE, then "default")
  --region REGION       default region (default: AWS_REGION or the profile's region)
  --endpoint-url URL    S3-compatible endpoint (default: AWS_ENDPOINT_URL, else AWS)
  --ca-bundle FILE      PEM CA bundle to trust (default: AWS_CA_BUNDLE)
  --parallel N          concurrent API calls when reading buckets (default 16)
  --timeout DURATION    per-attempt wait for an answer or a transfer's next byte
                        (default 30s); a read of bucket settings stops after ~2x
  --version             print the version

Console flag (s3sec and s3sec demo; report accepts it too, as it only reads):
  --read-only           auditor mode: never send a request that changes anything

Exit status: 0 success, 1 error, 2 usage; cors test: 0 allowed, 1 refused;
report --fail-on: 3 a finding at or above the level, 4 nothing found but a
setting could not be read (incomplete).

Run "s3sec COMMAND -h" for the flags of a command.
`

// Main runs the command line args (without the program name) and returns the
// process exit status. SIGINT, SIGTERM and SIGHUP (the terminal closed)
// cancel the command's context, so every command returns through its
// deferred cleanup: the demo and the sandbox remove their CA file.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	return run(ctx, args, os.Stdout, os.Stderr)
}

// run parses the command line and runs one command; it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	g := &globalOptions{parallel: defaultParallel, timeout: defaultTimeout}
	root := newFlagSet("s3sec", g, stderr)
	root.Usage = printUsage(root, usageText)
	if err := parseOnce(root, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if g.version {
		fmt.Fprintln(stdout, "s3sec", versionString())
		return exitOK
	}
	rest := root.Args()
	cmd := ""
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	switch cmd {
	case "":
		return runConsole(ctx, g, rest, stdout, stderr, false)
	case "demo":
		return runConsole(ctx, g, rest, stdout, stderr, true)
	case "report":
		return runReport(ctx, g, rest, stdout, stderr)
	case "sandbox":
		return runSandbox(ctx, g, rest, stdout, stderr)
	case "cp":
		return runCp(ctx, g, rest, stdout, stderr)
	case "cors":
		return runCORS(ctx, g, rest, stdout, stderr)
	case "fix":
		return runFix(ctx, g, rest, stdout, stderr)
	case "journal":
		return runJournal(g, rest, stdout, stderr)
	case "logs":
		return runLogs(ctx, g, rest, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usageText)
		return exitOK
	default:
		fmt.Fprintf(stderr, "s3sec: unknown command %q\n\n%s", cmd, usageText)
		return exitUsage
	}
}

// parseCommandFlags parses a subcommand's flags and rejects stray arguments.
// It returns a non-negative exit code when the caller should stop.
func parseCommandFlags(fs *flag.FlagSet, g *globalOptions, args []string, stdout, stderr io.Writer) int {
	if err := parseOnce(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "s3sec %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	if g.version {
		fmt.Fprintln(stdout, "s3sec", versionString())
		return exitOK
	}
	if err := g.validate(); err != nil {
		fmt.Fprintf(stderr, "s3sec %s: %v\n", fs.Name(), err)
		return exitUsage
	}
	return -1
}

// versionString returns the build's version.
func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
