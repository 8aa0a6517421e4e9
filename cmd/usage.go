package cmd

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
)

// printUsage returns a flag set's Usage function: text, written to the
// flag set's current output, which parseOnce points at stdout for -h and
// --help and at stderr for mistakes.
func printUsage(fs *flag.FlagSet, text string) func() {
	return func() { fmt.Fprint(fs.Output(), text) }
}

// parseOnce parses args like fs.Parse, except where the flag package's own
// output goes: asked for with -h or --help, the usage is the answer and
// goes to stdout (the caller exits 0); after a mistake the message and the
// usage go to the flag set's output (stderr; the caller exits 2).
func parseOnce(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	out := fs.Output()
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	err := fs.Parse(args)
	fs.SetOutput(out)
	if errors.Is(err, flag.ErrHelp) {
		out = stdout
	}
	_, _ = buf.WriteTo(out)
	return err
}
