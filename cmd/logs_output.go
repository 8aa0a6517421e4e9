package cmd

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/internal/termsafe"
)

// logRecordJSON is one record of `s3sec logs --json`: every field, named
// in snake_case, empty values as "" (sizes and times as 0).
type logRecordJSON struct {
	BucketOwner      string   `json:"bucket_owner"`
	Bucket           string   `json:"bucket"`
	Time             string   `json:"time"`
	RemoteIP         string   `json:"remote_ip"`
	Requester        string   `json:"requester"`
	RequestID        string   `json:"request_id"`
	Operation        string   `json:"operation"`
	Key              string   `json:"key"`
	RequestURI       string   `json:"request_uri"`
	HTTPStatus       int      `json:"http_status"`
	ErrorCode        string   `json:"error_code"`
	BytesSent        int64    `json:"bytes_sent"`
	ObjectSize       int64    `json:"object_size"`
	TotalTimeMS      int64    `json:"total_time_ms"`
	TurnAroundTimeMS int64    `json:"turn_around_time_ms"`
	Referer          string   `json:"referer"`
	UserAgent        string   `json:"user_agent"`
	VersionID        string   `json:"version_id"`
	HostID           string   `json:"host_id"`
	SignatureVersion string   `json:"signature_version"`
	CipherSuite      string   `json:"cipher_suite"`
	AuthType         string   `json:"authentication_type"`
	HostHeader       string   `json:"host_header"`
	TLSVersion       string   `json:"tls_version"`
	AccessPointARN   string   `json:"access_point_arn"`
	ACLRequired      bool     `json:"acl_required"`
	Region           string   `json:"region"`
	PlainHTTP        bool     `json:"plain_http"`
	Extra            []string `json:"extra,omitempty"`
}

// logJSON converts a record.
func logJSON(r awsops.LogRecord) logRecordJSON {
	return logRecordJSON{
		BucketOwner: r.BucketOwner, Bucket: r.Bucket, Time: r.Time.Format(time.RFC3339), RemoteIP: r.RemoteIP,
		Requester: r.Requester, RequestID: r.RequestID, Operation: r.Operation, Key: r.Key, RequestURI: r.RequestURI,
		HTTPStatus: r.HTTPStatus, ErrorCode: r.ErrorCode, BytesSent: r.BytesSent, ObjectSize: r.ObjectSize,
		TotalTimeMS: r.TotalTime.Milliseconds(), TurnAroundTimeMS: r.TurnAroundTime.Milliseconds(), Referer: r.Referer,
		UserAgent: r.UserAgent, VersionID: r.VersionID, HostID: r.HostID, SignatureVersion: r.SignatureVersion,
		CipherSuite: r.CipherSuite, AuthType: r.AuthType, HostHeader: r.HostHeader, TLSVersion: r.TLSVersion,
		AccessPointARN: r.AccessPointARN, ACLRequired: r.ACLRequired, Region: r.Region, PlainHTTP: r.PlainHTTP(), Extra: r.Extra,
	}
}

// logCSVHeader is the header row of --csv, the JSON names in order.
var logCSVHeader = []string{
	"bucket_owner", "bucket", "time", "remote_ip", "requester", "request_id", "operation", "key", "request_uri",
	"http_status", "error_code", "bytes_sent", "object_size", "total_time_ms", "turn_around_time_ms", "referer",
	"user_agent", "version_id", "host_id", "signature_version", "cipher_suite", "authentication_type",
	"host_header", "tls_version", "access_point_arn", "acl_required", "region", "plain_http",
}

// logCSV is one record as a CSV row.
func logCSV(r awsops.LogRecord) []string {
	j := logJSON(r)
	i64 := func(v int64) string { return strconv.FormatInt(v, 10) }
	return []string{
		j.BucketOwner, j.Bucket, j.Time, j.RemoteIP, j.Requester, j.RequestID, j.Operation, j.Key, j.RequestURI,
		strconv.Itoa(j.HTTPStatus), j.ErrorCode, i64(j.BytesSent), i64(j.ObjectSize), i64(j.TotalTimeMS),
		i64(j.TurnAroundTimeMS), j.Referer, j.UserAgent, j.VersionID, j.HostID, j.SignatureVersion, j.CipherSuite,
		j.AuthType, j.HostHeader, j.TLSVersion, j.AccessPointARN, strconv.FormatBool(j.ACLRequired), j.Region,
		strconv.FormatBool(j.PlainHTTP),
	}
}

// writeLogs prints the records oldest first (they arrive newest first),
// as the chosen format.
func writeLogs(w io.Writer, newestFirst []awsops.LogRecord, o logsOptions) error {
	recs := make([]awsops.LogRecord, len(newestFirst))
	for i, r := range newestFirst {
		recs[len(recs)-1-i] = r
	}
	switch {
	case o.json:
		enc := json.NewEncoder(w) // JSON escapes control characters itself
		for _, r := range recs {
			if err := enc.Encode(logJSON(r)); err != nil {
				return err
			}
		}
		return nil
	case o.csv:
		cw := csv.NewWriter(w)
		_ = cw.Write(logCSVHeader)
		for _, r := range recs {
			_ = cw.Write(logCSV(r))
		}
		cw.Flush()
		return cw.Error()
	}
	// Text: names from the endpoint are escaped so they cannot act on the terminal.
	safe := termsafe.NewWriter(w)
	tw := tabwriter.NewWriter(safe, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tSTATUS\tERROR\tOPERATION\tKEY\tREQUESTER\tTLS")
	for _, r := range recs {
		tls := r.TLSVersion
		if r.PlainHTTP() {
			tls = "plain-http"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Time.Format(time.RFC3339), dashIfEmpty(strconv.Itoa(r.HTTPStatus)),
			dashIfEmpty(r.ErrorCode), dashIfEmpty(r.Operation), dashIfEmpty(keyField(r.Key)), awsops.RequesterName(r), dashIfEmpty(tls))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return safe.Flush()
}

// keyField keeps a key on one column: its spaces and tabs would shift the
// columns, so they are escaped as the log itself writes them.
func keyField(k string) string {
	return strings.NewReplacer(" ", "%20", "\t", "%09").Replace(k)
}

// dashIfEmpty writes an absent value as "-".
func dashIfEmpty(s string) string {
	if s == "" || s == "0" {
		return "-"
	}
	return s
}
