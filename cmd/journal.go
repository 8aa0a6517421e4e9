package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
)

const journalUsage = `Usage: s3sec journal [--json | --markdown] [--file PATH]

Prints the change journal: every plan s3sec applied (console and s3sec fix),
with the time, who applied it, the endpoint, the bucket, each step's aws CLI
equivalent and its result. It never holds a secret (no SSE-C key, no MFA
code). The journal is $XDG_STATE_HOME/s3sec/journal.jsonl
(~/.local/state/s3sec/journal.jsonl by default).
  --json       one JSON array of entries
  --markdown   Markdown for a change ticket
  --file PATH  read this journal instead
`

// runJournal implements s3sec journal.
func runJournal(g *globalOptions, args []string, stdout, stderr io.Writer) int {
	var asJSON, asMarkdown bool
	var path string
	fs := newFlagSet("journal", g, stderr)
	fs.Usage = printUsage(fs, journalUsage)
	fs.BoolVar(&asJSON, "json", false, "JSON output")
	fs.BoolVar(&asMarkdown, "markdown", false, "Markdown output")
	fs.StringVar(&path, "file", "", "journal file")
	if code := parseCommandFlags(fs, g, args, stdout, stderr); code >= 0 {
		return code
	}
	if asJSON && asMarkdown {
		fmt.Fprintf(stderr, "s3sec journal: choose --json or --markdown, not both\n\n%s", journalUsage)
		return exitUsage
	}
	if path == "" {
		p, err := awsops.DefaultJournalPath()
		if err != nil {
			fmt.Fprintln(stderr, "s3sec journal:", err)
			return exitError
		}
		path = p
	}
	entries, err := awsops.ReadJournal(path)
	if err != nil {
		fmt.Fprintln(stderr, "s3sec journal:", err)
		return exitError
	}
	switch {
	case asJSON:
		if entries == nil {
			entries = []awsops.JournalEntry{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(entries)
	case asMarkdown:
		safe := termsafe.NewWriter(stdout)
		writeJournalMarkdown(safe, path, entries)
		err = safe.Flush()
	default:
		safe := termsafe.NewWriter(stdout)
		writeJournalText(safe, path, entries)
		err = safe.Flush()
	}
	if err != nil {
		fmt.Fprintln(stderr, "s3sec journal:", err)
		return exitError
	}
	return exitOK
}

// writeJournalText prints one block per entry.
func writeJournalText(w io.Writer, path string, entries []awsops.JournalEntry) {
	if len(entries) == 0 {
		fmt.Fprintf(w, "The change journal %s is empty: no plan has been applied.\n", path)
		return
	}
	for _, e := range entries {
		fmt.Fprintf(w, "%s  %s  %s\n", e.Time.Format("2006-01-02 15:04:05Z"), e.Bucket, e.Title)
		fmt.Fprintf(w, "  by %s on %s\n", orDash(e.Identity), endpointName(e.Endpoint))
		for i, s := range e.Steps {
			fmt.Fprintf(w, "  %d. %-11s %s (%s)\n", i+1, s.Result, s.Title, s.API)
			if s.Error != "" {
				fmt.Fprintf(w, "     error: %s\n", s.Error)
			}
			fmt.Fprintf(w, "     $ %s\n", s.CLI)
		}
		fmt.Fprintln(w)
	}
}

// writeJournalMarkdown prints the journal as a change ticket's body: one
// section per entry, a table of steps, the commands in a code block.
func writeJournalMarkdown(w io.Writer, path string, entries []awsops.JournalEntry) {
	fmt.Fprintln(w, "# S3 changes applied with s3sec")
	fmt.Fprintln(w)
	if len(entries) == 0 {
		fmt.Fprintf(w, "No change recorded in `%s`.\n", path)
		return
	}
	for _, e := range entries {
		fmt.Fprintf(w, "## %s: %s\n\n", e.Time.Format("2006-01-02 15:04:05Z"), mdCell(e.Title))
		fmt.Fprintf(w, "- Bucket: `%s` (%s)\n", e.Bucket, orDash(e.Region))
		fmt.Fprintf(w, "- Applied by: `%s`\n", orDash(e.Identity))
		fmt.Fprintf(w, "- Endpoint: %s\n\n", endpointName(e.Endpoint))
		fmt.Fprintln(w, "| # | Step | API | Result |")
		fmt.Fprintln(w, "|---|------|-----|--------|")
		for i, s := range e.Steps {
			res := s.Result
			if s.Error != "" {
				res += ": " + s.Error
			}
			fmt.Fprintf(w, "| %d | %s | %s | %s |\n", i+1, mdCell(s.Title), s.API, mdCell(res))
		}
		fmt.Fprintln(w, "\n```sh")
		for _, s := range e.Steps {
			fmt.Fprintln(w, s.CLI)
		}
		fmt.Fprintln(w, "```")
		fmt.Fprintln(w)
	}
}

// mdCell keeps a value on one table row.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// endpointName is the endpoint, or "AWS" for AWS itself.
func endpointName(e string) string {
	if e == "" {
		return "AWS"
	}
	return e
}
