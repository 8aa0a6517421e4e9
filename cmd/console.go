package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/views"
)

// runConsole opens the interactive console against AWS (or --endpoint-url),
// or against the in-process demo sandbox.
func runConsole(ctx context.Context, g *globalOptions, args []string, stdout, stderr io.Writer, demo bool) int {
	name := "s3sec"
	if demo {
		name = "demo"
	}
	var readOnly, tourMode bool
	fs := newFlagSet(name, g, stderr)
	fs.BoolVar(&readOnly, "read-only", false, "auditor mode: never send a request that changes anything")
	if demo {
		fs.BoolVar(&tourMode, "tour", false, "a narrated walkthrough of every topic on the demo sandbox (tour.go)")
	}
	fs.Usage = printUsage(fs, usageText)
	if code := parseCommandFlags(fs, g, args, stdout, stderr); code >= 0 {
		return code
	}
	if !isTerminal(stdout) {
		fmt.Fprintf(stderr, "s3sec: the console needs a terminal, and standard output is not one.\n"+
			"For scripts and pipes use the report instead: s3sec report%s [--json]\n", map[bool]string{true: " --demo"}[demo])
		return exitError
	}

	if tourMode {
		if readOnly {
			fmt.Fprintln(stderr, "s3sec demo: --tour changes the demo data step by step; it cannot run with --read-only")
			return exitUsage
		}
		return runTour(ctx, g, stderr)
	}
	var backend *awsops.Session
	var reset func(context.Context) error
	if demo {
		env, err := startDemo(ctx, g)
		if err != nil {
			fmt.Fprintln(stderr, "s3sec demo:", err)
			return exitError
		}
		defer env.Close()
		backend = env.session
		reset = func(context.Context) error { return env.server.Reset() }
	} else {
		sess, err := openAWS(ctx, g)
		if err != nil {
			// ErrNoCredentials already names every way to provide them, and `s3sec demo`.
			fmt.Fprintln(stderr, "s3sec:", err)
			return exitError
		}
		backend = sess
	}
	defer backend.Close()
	if _, cleanup, err := attachJournal(backend, demo); err != nil {
		// The console still works; what it applies is not recorded.
		fmt.Fprintln(stderr, "s3sec: the change journal is off:", err)
	} else {
		defer cleanup()
	}

	cfg := views.Config{Backend: backend, Demo: demo, ReadOnly: readOnly, Parallel: g.parallel}
	if demo {
		cfg.DemoAuthenticator = demoAuthenticator
		if !readOnly { // auditor mode changes nothing, the demo data included
			cfg.DemoReset = reset
		}
	}
	app := views.NewApp(cfg)
	p := tea.NewProgram(app, tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "s3sec:", err)
		return exitError
	}
	return exitOK
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
