package main

import (
	"context"
	"fmt"
	"io"
)

// runConsole opens the interactive console (against AWS, or the demo sandbox).
// Until the console lands it points to the report.
func runConsole(ctx context.Context, g *globalOptions, args []string, stdout, stderr io.Writer, demo bool) int {
	name := "s3sec"
	if demo {
		name = "demo"
	}
	fs := newFlagSet(name, g, stderr)
	if code := parseCommandFlags(fs, g, args, stdout, stderr); code >= 0 {
		return code
	}
	fmt.Fprintln(stderr, "s3sec: the interactive console is not built yet; run `s3sec report --demo` (or `s3sec report` against AWS).")
	return exitError
}
