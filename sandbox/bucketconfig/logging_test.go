package bucketconfig

import (
	"net/http"
	"reflect"
	"testing"
)

// loggingDoc wraps a LoggingEnabled body in a namespaced BucketLoggingStatus.
func loggingDoc(enabled string) []byte {
	return []byte(ns("BucketLoggingStatus", `<LoggingEnabled>`+enabled+`</LoggingEnabled>`))
}

// grantee builds a typed Grantee element.
func grantee(typ, inner string) string {
	return `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="` + typ + `">` + inner + `</Grantee>`
}

const target = `<TargetBucket>demo-logs</TargetBucket><TargetPrefix>access/</TargetPrefix>`

func TestParseLoggingDisabled(t *testing.T) {
	for _, doc := range []string{
		`<BucketLoggingStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`,
		`<BucketLoggingStatus xmlns="http://doc.s3.amazonaws.com/2006-03-01"></BucketLoggingStatus>`,
	} {
		l, err := ParseLogging([]byte(doc))
		checkErr(t, err, nil)
		if !reflect.DeepEqual(l, Logging{}) {
			t.Fatalf("got %+v", l)
		}
	}
	if got := string(Logging{}.XML()); got != xmlHeader+`<BucketLoggingStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>` {
		t.Fatalf("disabled XML: %s", got)
	}
}

func TestParseLoggingAcceptsEachShape(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Logging
	}{
		{"minimal", target, Logging{Enabled: true, TargetBucket: "demo-logs", TargetPrefix: "access/"}},
		{"empty prefix", `<TargetBucket>b</TargetBucket><TargetPrefix></TargetPrefix>`, Logging{Enabled: true, TargetBucket: "b"}},
		{"group grant", target + `<TargetGrants><Grant>` + grantee("Group", `<URI>http://acs.amazonaws.com/groups/s3/LogDelivery</URI>`) + `<Permission>READ</Permission></Grant></TargetGrants>`,
			Logging{Enabled: true, TargetBucket: "demo-logs", TargetPrefix: "access/", Grants: []Grant{{GranteeType: "Group", URI: "http://acs.amazonaws.com/groups/s3/LogDelivery", Permission: "READ"}}}},
		{"canonical user READ_ACP", target + `<TargetGrants><Grant>` + grantee("CanonicalUser", `<ID>abc</ID><DisplayName>me</DisplayName>`) + `<Permission>READ_ACP</Permission></Grant></TargetGrants>`,
			Logging{Enabled: true, TargetBucket: "demo-logs", TargetPrefix: "access/", Grants: []Grant{{GranteeType: "CanonicalUser", ID: "abc", DisplayName: "me", Permission: "READ_ACP"}}}},
		{"empty grant list", target + `<TargetGrants/>`, Logging{Enabled: true, TargetBucket: "demo-logs", TargetPrefix: "access/", Grants: []Grant{}}},
		{"simple prefix", target + `<TargetObjectKeyFormat><SimplePrefix/></TargetObjectKeyFormat>`,
			Logging{Enabled: true, TargetBucket: "demo-logs", TargetPrefix: "access/", KeyFormat: "SimplePrefix"}},
		{"partitioned by event time", target + `<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>EventTime</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat>`,
			Logging{Enabled: true, TargetBucket: "demo-logs", TargetPrefix: "access/", KeyFormat: "PartitionedPrefix", PartitionDateSource: "EventTime"}},
		{"partitioned by delivery time", target + `<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>DeliveryTime</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat>`,
			Logging{Enabled: true, TargetBucket: "demo-logs", TargetPrefix: "access/", KeyFormat: "PartitionedPrefix", PartitionDateSource: "DeliveryTime"}},
		{"partitioned without date source", target + `<TargetObjectKeyFormat><PartitionedPrefix/></TargetObjectKeyFormat>`,
			Logging{Enabled: true, TargetBucket: "demo-logs", TargetPrefix: "access/", KeyFormat: "PartitionedPrefix"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseLogging(loggingDoc(tt.body))
			checkErr(t, err, nil)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			again, err := ParseLogging(got.XML())
			checkErr(t, err, nil)
			if !reflect.DeepEqual(again, got) {
				t.Fatalf("round trip: got %+v, want %+v", again, got)
			}
		})
	}
}

func TestLoggingXMLEchoesGrantsAndKeyFormat(t *testing.T) {
	l := Logging{Enabled: true, TargetBucket: "logs", TargetPrefix: "p/",
		Grants:    []Grant{{GranteeType: "Group", URI: "http://acs.amazonaws.com/groups/s3/LogDelivery", Permission: "WRITE"}},
		KeyFormat: "PartitionedPrefix", PartitionDateSource: "EventTime"}
	want := xmlHeader + `<BucketLoggingStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LoggingEnabled>` +
		`<TargetBucket>logs</TargetBucket><TargetPrefix>p/</TargetPrefix><TargetGrants><Grant>` +
		`<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/s3/LogDelivery</URI></Grantee>` +
		`<Permission>WRITE</Permission></Grant></TargetGrants>` +
		`<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>EventTime</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat>` +
		`</LoggingEnabled></BucketLoggingStatus>`
	if got := string(l.XML()); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestParseLoggingRefusals(t *testing.T) {
	emailRefused := &wantErr{http.StatusMethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource."}
	grant := func(g, perm string) string {
		return target + `<TargetGrants><Grant>` + g + `<Permission>` + perm + `</Permission></Grant></TargetGrants>`
	}
	tests := []struct {
		name string
		body string
		want *wantErr
	}{
		{"email grantee", grant(grantee("AmazonCustomerByEmail", `<EmailAddress>a@example.com</EmailAddress>`), "READ"), emailRefused},
		{"missing TargetBucket", `<TargetPrefix>p</TargetPrefix>`, malformed},
		{"missing TargetPrefix", `<TargetBucket>b</TargetBucket>`, malformed},
		{"unknown permission", grant(grantee("Group", `<URI>u</URI>`), "ALL"), malformed},
		{"grantee without type", grant(`<Grantee><URI>u</URI></Grantee>`, "READ"), malformed},
		{"unknown grantee type", grant(grantee("Robot", `<URI>u</URI>`), "READ"), malformed},
		{"group without URI", grant(grantee("Group", `<ID>x</ID>`), "READ"), malformed},
		{"key format with both children", target + `<TargetObjectKeyFormat><SimplePrefix/><PartitionedPrefix/></TargetObjectKeyFormat>`, malformed},
		{"key format with neither child", target + `<TargetObjectKeyFormat/>`, malformed},
		{"unknown date source", target + `<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>Now</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat>`, malformed},
		{"simple prefix with content", target + `<TargetObjectKeyFormat><SimplePrefix><X/></SimplePrefix></TargetObjectKeyFormat>`, malformed},
		// A schema error anywhere wins over the e-mail 405.
		{"schema error beats email", grant(grantee("AmazonCustomerByEmail", `<EmailAddress>a@example.com</EmailAddress>`), "READ") + `<Bogus/>`, malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseLogging(loggingDoc(tt.body))
			checkErr(t, err, tt.want)
		})
	}
	_, err := ParseLogging([]byte(ns("BucketLoggingStatus", `<LoggingEnabled>`+target+`</LoggingEnabled><LoggingEnabled>`+target+`</LoggingEnabled>`)))
	checkErr(t, err, malformed)
}
