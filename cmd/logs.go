package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
)

// logsOptions are the flags of `s3sec logs`.
type logsOptions struct {
	since    time.Duration
	json     bool
	csv      bool
	athena   bool
	demo     bool
	limit    int
	objects  int
	maxBytes int64
}

const logsUsage = `Usage: s3sec logs BUCKET [--since DURATION] [--json|--csv] [--limit N] [global flags]
       s3sec logs BUCKET --athena

Prints the server access log records of BUCKET, read from the target its
logging configuration names (newest log objects first, within bounds),
one record per line, oldest first. What was read, the bounds that stopped
the read and lines that are not records are reported on stderr.
  --since DURATION   only records of the last DURATION (e.g. 1h, 30m, 48h)
  --json             one JSON object per record (every field)
  --csv              CSV with a header row (every field)
  --limit N          print only the newest N records
  --max-objects N    read at most N log objects (default 20)
  --max-bytes N      read at most N bytes of logs (default 8388608)
  --athena           print the CREATE TABLE statement that lets Amazon Athena
                     query the logs where they are delivered, and nothing else
  --demo             run against an in-process demo sandbox: every bucket is
                     read once (as the console would) and the logs delivered
                     before they are printed

Exit status: 0 success (also when no record was found), 1 error (logging off
included), 2 usage.
`

// runLogs implements `s3sec logs`.
func runLogs(ctx context.Context, g *globalOptions, args []string, stdout, stderr io.Writer) int {
	var o logsOptions
	fs := newFlagSet("logs", g, stderr)
	fs.Usage = printUsage(fs, logsUsage)
	fs.DurationVar(&o.since, "since", 0, "only records of the last DURATION")
	fs.BoolVar(&o.json, "json", false, "JSON lines output")
	fs.BoolVar(&o.csv, "csv", false, "CSV output")
	fs.BoolVar(&o.athena, "athena", false, "print the Athena CREATE TABLE statement")
	fs.BoolVar(&o.demo, "demo", false, "use the demo sandbox")
	fs.IntVar(&o.limit, "limit", 0, "print only the newest N records")
	fs.IntVar(&o.objects, "max-objects", 0, "read at most N log objects")
	fs.Int64Var(&o.maxBytes, "max-bytes", 0, "read at most N bytes")
	pos, code := parseInterspersed(fs, args, stdout)
	if code >= 0 {
		return code
	}
	if g.version {
		fmt.Fprintln(stdout, "s3sec", versionString())
		return exitOK
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintln(stderr, "s3sec logs: "+termsafe.String(fmt.Sprintf(format, a...)))
		return exitUsage
	}
	switch {
	case g.validate() != nil:
		return usageErr("%v", g.validate())
	case len(pos) != 1:
		return usageErr("want one BUCKET, got %d argument(s); see s3sec logs -h", len(pos))
	case o.json && o.csv:
		return usageErr("--json and --csv exclude each other")
	case o.since < 0 || o.limit < 0 || o.objects < 0 || o.maxBytes < 0:
		return usageErr("--since, --limit, --max-objects and --max-bytes must not be negative")
	}
	bucket := pos[0]

	sess, closeSess, err := logsSession(ctx, g, o.demo)
	if err != nil {
		fmt.Fprintln(stderr, "s3sec logs:", err)
		return exitError
	}
	defer closeSess()
	fail := func(err error) int {
		msg := termsafe.String(err.Error())
		if errors.Is(err, awsops.ErrLoggingOff) {
			msg = termsafe.String(bucket) + ": " + msg + " (nothing is logged; turn it on in the console's Logging pane)"
		}
		fmt.Fprintln(stderr, "s3sec logs:", msg)
		return exitError
	}
	target, err := sess.AccessLogTarget(ctx, bucket)
	if err != nil {
		return fail(err)
	}
	if o.athena {
		_, err := io.WriteString(stdout, awsops.AthenaDDL(target))
		if err != nil {
			return fail(err)
		}
		return exitOK
	}
	q := awsops.LogQuery{MaxObjects: o.objects, MaxBytes: o.maxBytes, MaxRecords: o.limit}
	if o.since > 0 {
		q.Since = time.Now().Add(-o.since)
	}
	res, err := sess.ReadAccessLogs(ctx, target, q)
	if err != nil {
		return fail(err)
	}
	if err := writeLogs(stdout, res.Records, o); err != nil {
		return fail(err)
	}
	writeLogsNotes(stderr, res)
	return exitOK
}

// logsSession opens the session: AWS (or --endpoint-url), or the demo
// sandbox, read once and flushed so its logs hold the reads.
func logsSession(ctx context.Context, g *globalOptions, demo bool) (*awsops.Session, func(), error) {
	if !demo {
		s, err := openAWS(ctx, g)
		if err != nil {
			return nil, nil, err
		}
		return s, s.Close, nil
	}
	env, err := startDemo(ctx, g)
	if err != nil {
		return nil, nil, err
	}
	// A fresh sandbox has no history: read every bucket once, as the
	// console does on start, and deliver what that logged.
	if _, err := collectReport(ctx, env.session, g.parallel); err != nil {
		env.Close()
		return nil, nil, err
	}
	env.server.FlushAccessLogs()
	return env.session, env.Close, nil
}

// writeLogsNotes says on stderr what was read and what was left out.
func writeLogsNotes(w io.Writer, res awsops.LogResult) {
	t := res.Target
	safe := termsafe.NewWriter(w)
	fmt.Fprintf(safe, "s3sec logs: %s of %s from %s (%d bytes) under s3://%s/%s (%s)\n",
		logsCount(len(res.Records), "record", "records"), t.SourceBucket, logsCount(len(res.Objects), "log object", "log objects"),
		res.Bytes, t.TargetBucket, t.TargetPrefix, t.KeyFormat)
	if len(res.Objects) == 0 {
		fmt.Fprintln(safe, "  no log object found: none delivered yet (AWS delivers within hours), or the target refuses delivery")
	}
	for _, u := range res.Unread {
		fmt.Fprintln(safe, "  unreadable:", u.Error())
	}
	for _, l := range res.Limits {
		fmt.Fprintln(safe, "  limit:", l)
	}
	for i, b := range res.BadLines {
		if i == 5 {
			fmt.Fprintf(safe, "  ... and %d more lines that are not records\n", len(res.BadLines)-i)
			break
		}
		fmt.Fprintln(safe, "  skipped:", b.Error())
	}
	_ = safe.Flush()
}

// logsCount is "1 record", "2 records".
func logsCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
