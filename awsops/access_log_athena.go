package awsops

import (
	"fmt"
	"strings"
)

// athenaColumns are the columns of an access log table, one per field in
// order (S3-BEHAVIOR 4.4), named as AWS's Athena examples name them.
var athenaColumns = []string{
	"bucketowner STRING", "bucket_name STRING", "requestdatetime STRING", "remoteip STRING",
	"requester STRING", "requestid STRING", "operation STRING", "key STRING", "request_uri STRING",
	"httpstatus STRING", "errorcode STRING", "bytessent BIGINT", "objectsize BIGINT",
	"totaltime STRING", "turnaroundtime STRING", "referrer STRING", "useragent STRING",
	"versionid STRING", "hostid STRING", "sigv STRING", "ciphersuite STRING", "authtype STRING",
	"endpoint STRING", "tlsversion STRING", "accesspointarn STRING", "aclrequired STRING",
}

// athenaRegex has one group per column: quoted fields may hold escaped
// quotes, the fields after Version Id are optional (older records end
// there) and anything AWS appends later is ignored. It is written as the
// body of a single-quoted Hive string, so each backslash is doubled.
const athenaRegex = `([^ ]*) ([^ ]*) \\[(.*?)\\] ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ` +
	`(\"(?:[^\"\\\\]|\\\\.)*\"|-) (-|[0-9]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ` +
	`(\"(?:[^\"\\\\]|\\\\.)*\"|-) (\"(?:[^\"\\\\]|\\\\.)*\"|-) ([^ ]*)` +
	`(?: ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*))?.*$`

// AthenaDDL is the CREATE TABLE statement that lets Amazon Athena query
// the access logs of t's source where they are delivered. A partitioned
// target gets a table partitioned by day with partition projection, so
// no partition needs adding; a simple prefix shared by several sources
// needs a WHERE on bucket_name, which the statement's comment says.
func AthenaDDL(t AccessLogTarget) string {
	table := "s3_access_logs_" + athenaName(t.SourceBucket)
	location := "s3://" + t.TargetBucket + "/" + t.TargetPrefix
	var b strings.Builder
	fmt.Fprintf(&b, "-- Server access logs of s3://%s, delivered to %s (%s)\n", t.SourceBucket, location, t.KeyFormat)
	partitioned := t.KeyFormat.Partitioned() && t.SourceAccount != "" && t.SourceRegion != ""
	if partitioned {
		location += t.SourceAccount + "/" + t.SourceRegion + "/" + t.SourceBucket + "/"
	} else {
		fmt.Fprintf(&b, "-- Other buckets may log under the same prefix: query with WHERE bucket_name = '%s'\n", t.SourceBucket)
	}
	fmt.Fprintf(&b, "CREATE EXTERNAL TABLE `%s` (\n", table)
	for i, c := range athenaColumns {
		sep := ","
		if i == len(athenaColumns)-1 {
			sep = ""
		}
		name, typ, _ := strings.Cut(c, " ")
		fmt.Fprintf(&b, "  `%s` %s%s\n", name, typ, sep)
	}
	b.WriteString(")\n")
	if partitioned {
		b.WriteString("PARTITIONED BY (`timestamp` STRING)\n")
	}
	b.WriteString("ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'\n")
	fmt.Fprintf(&b, "WITH SERDEPROPERTIES ('input.regex'='%s')\n", athenaRegex)
	b.WriteString("STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'\n")
	b.WriteString("OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\n")
	fmt.Fprintf(&b, "LOCATION '%s'", athenaString(location))
	if partitioned {
		b.WriteString("\nTBLPROPERTIES (\n")
		b.WriteString("  'projection.enabled'='true',\n")
		b.WriteString("  'projection.timestamp.type'='date',\n")
		b.WriteString("  'projection.timestamp.format'='yyyy/MM/dd',\n")
		b.WriteString("  'projection.timestamp.interval'='1',\n")
		b.WriteString("  'projection.timestamp.interval.unit'='DAYS',\n")
		b.WriteString("  'projection.timestamp.range'='2024/01/01,NOW',\n")
		fmt.Fprintf(&b, "  'storage.location.template'='%s${timestamp}'\n)", athenaString(location))
	}
	b.WriteString(";\n")
	return b.String()
}

// athenaName makes a bucket name a table name: letters, digits and _.
func athenaName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return '_'
	}, s)
}

// athenaString escapes a value for a single-quoted string.
func athenaString(s string) string { return strings.ReplaceAll(s, "'", "''") }
