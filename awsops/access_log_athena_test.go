package awsops

import (
	"regexp"
	"strings"
	"testing"
)

// hiveUnescape undoes the escapes of a single-quoted Hive string.
func hiveUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestAthenaRegexReadsEveryField runs the DDL's regex (as Athena sees it)
// on a record with every field set, escaped quotes included.
func TestAthenaRegexReadsEveryField(t *testing.T) {
	re := regexp.MustCompile("^" + hiveUnescape(athenaRegex))
	line := `owner src [06/Feb/2019:00:00:38 +0000] 192.0.2.3 arn:aws:iam::1:user/a REQ REST.GET.OBJECT a%20b ` +
		`"GET /src/a%20b HTTP/1.1" 200 - 5 5 7 3 "https://r/x y" "ua \"q\" 1" vid hid SigV4 TLS_AES_128_GCM_SHA256 ` +
		`AuthHeader localhost TLSv1.3 arn:ap Yes us-east-1 future`
	m := re.FindStringSubmatch(line)
	if len(m) != len(athenaColumns)+1 {
		t.Fatalf("%d groups, want %d: %q", len(m)-1, len(athenaColumns), m)
	}
	want := map[int]string{3: "06/Feb/2019:00:00:38 +0000", 9: `"GET /src/a%20b HTTP/1.1"`, 10: "200",
		16: `"https://r/x y"`, 17: `"ua \"q\" 1"`, 24: "TLSv1.3", 26: "Yes"}
	for i, w := range want {
		if m[i] != w {
			t.Errorf("group %d (%s) = %q, want %q", i, athenaColumns[i-1], m[i], w)
		}
	}
	old := `owner src [06/Feb/2019:00:00:38 +0000] - - REQ REST.HEAD.BUCKET - "HEAD /src HTTP/1.1" 200 - - - 1 - "-" "ua" -`
	if m := re.FindStringSubmatch(old); m == nil || m[18] != "-" || m[19] != "" {
		t.Errorf("an 18-field record: %q", m)
	}
}

func TestAthenaDDLPerKeyFormat(t *testing.T) {
	simple := AthenaDDL(AccessLogTarget{SourceBucket: "My.App", TargetBucket: "logs", TargetPrefix: "app/", KeyFormat: LogKeySimple})
	for _, want := range []string{"CREATE EXTERNAL TABLE `s3_access_logs_my_app` (", "LOCATION 's3://logs/app/';", "WHERE bucket_name = 'My.App'", "`aclrequired` STRING\n)"} {
		if !strings.Contains(simple, want) {
			t.Errorf("simple DDL lacks %q:\n%s", want, simple)
		}
	}
	part := AthenaDDL(AccessLogTarget{SourceBucket: "app", SourceAccount: "111122223333", SourceRegion: "eu-west-1",
		TargetBucket: "logs", TargetPrefix: "p/", KeyFormat: LogKeyPartitionedEventTime})
	for _, want := range []string{"PARTITIONED BY (`timestamp` STRING)", "LOCATION 's3://logs/p/111122223333/eu-west-1/app/'",
		"'storage.location.template'='s3://logs/p/111122223333/eu-west-1/app/${timestamp}'"} {
		if !strings.Contains(part, want) {
			t.Errorf("partitioned DDL lacks %q:\n%s", want, part)
		}
	}
}
