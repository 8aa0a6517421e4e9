package awsops

import (
	"regexp"
	"time"
)

// Log object keys end in the delivery time (SimplePrefix) or in a date
// path and a time (PartitionedPrefix) and a unique string; the time parts
// sort as text, so a listing can start at a time (StartAfter). The
// unique string is 16 hex characters on AWS; any letters and digits are
// accepted, since other endpoints differ.

// logStamp is the time part every log object key ends with.
const logStamp = `\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-[0-9A-Za-z]+$`

// logKeyLayout is the layout of that time part.
const logKeyLayout = "2006-01-02-15-04-05"

// logListing is where a target's log objects of one source are listed
// and how their keys are recognised.
type logListing struct {
	prefix string         // listed prefix
	match  *regexp.Regexp // a log object of the source
	// startAt is the StartAfter of a listing of what was delivered since
	// t, or "" when the keys do not allow starting anywhere but the top.
	startAt func(t time.Time) string
}

// listingOf derives the listing of a target. A partitioned target names
// the source in the key, so only its partition is listed when the account
// is known; a simple one mixes every source that shares the prefix, and
// the records' Bucket field tells them apart.
func listingOf(t AccessLogTarget) logListing {
	q := regexp.QuoteMeta
	if !t.KeyFormat.Partitioned() {
		return logListing{
			prefix:  t.TargetPrefix,
			match:   regexp.MustCompile("^" + q(t.TargetPrefix) + logStamp),
			startAt: func(at time.Time) string { return t.TargetPrefix + at.UTC().Format(logKeyLayout) },
		}
	}
	datePath := `\d{4}/\d\d/\d\d/`
	if t.SourceAccount == "" || t.SourceRegion == "" {
		return logListing{
			prefix: t.TargetPrefix,
			match:  regexp.MustCompile("^" + q(t.TargetPrefix) + `[^/]+/[^/]+/` + q(t.SourceBucket) + "/" + datePath + logStamp),
		}
	}
	base := t.TargetPrefix + t.SourceAccount + "/" + t.SourceRegion + "/" + t.SourceBucket + "/"
	return logListing{
		prefix: base,
		match:  regexp.MustCompile("^" + q(base) + datePath + logStamp),
		// Day granularity: an EventTime key carries the day of its records.
		startAt: func(at time.Time) string { return base + at.UTC().AddDate(0, 0, -1).Format("2006/01/02/") + "~" },
	}
}
