package bucketconfig

import (
	"net/http"
	"strings"
	"testing"
)

// lcRule builds a Rule from its inner elements.
func lcRule(inner string) string { return `<Rule>` + inner + `</Rule>` }

const expire = `<Expiration><Days>30</Days></Expiration>`

func TestParseLifecycleStoresCanonicalDocument(t *testing.T) {
	body := "<?xml version=\"1.0\"?>\n<LifecycleConfiguration xmlns=\"urn:other\">\n  <Rule>\n    <ID>tmp</ID>\n    <Filter><Prefix>tmp/ </Prefix></Filter>\n    <Status>Enabled</Status>\n" +
		"    <Expiration><Days>1</Days></Expiration>\n  </Rule>\n  <Rule><Prefix>logs/</Prefix><Status>Disabled</Status>" +
		"<Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition><Transition><Days>90</Days><StorageClass>DEEP_ARCHIVE</StorageClass></Transition></Rule>\n</LifecycleConfiguration>"
	l, err := ParseLifecycle([]byte(body))
	checkErr(t, err, nil)
	if l.Rules != 2 {
		t.Fatalf("Rules = %d", l.Rules)
	}
	want := xmlHeader + `<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
		`<Rule><ID>tmp</ID><Filter><Prefix>tmp/ </Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>` +
		`<Rule><Prefix>logs/</Prefix><Status>Disabled</Status><Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition>` +
		`<Transition><Days>90</Days><StorageClass>DEEP_ARCHIVE</StorageClass></Transition></Rule></LifecycleConfiguration>`
	if got := string(l.XML()); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	again, err := ParseLifecycle(l.XML())
	checkErr(t, err, nil)
	if again.Rules != l.Rules || string(again.Doc) != string(l.Doc) {
		t.Fatalf("round trip changed the document: %s", again.Doc)
	}
}

func TestParseLifecycleAcceptsFilters(t *testing.T) {
	for _, f := range []string{
		`<Filter/>`, `<Filter></Filter>`, `<Filter><Prefix></Prefix></Filter>`,
		`<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>`,
		`<Filter><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></Filter>`,
		`<Filter><And><Prefix>a/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter>`,
	} {
		_, err := ParseLifecycle([]byte(ns("LifecycleConfiguration", lcRule(f+`<Status>Enabled</Status>`+expire))))
		checkErr(t, err, nil)
	}
	for _, action := range []string{
		`<AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload>`,
		`<NoncurrentVersionExpiration><NoncurrentDays>30</NoncurrentDays></NoncurrentVersionExpiration>`,
		`<NoncurrentVersionTransition><NoncurrentDays>30</NoncurrentDays><StorageClass>GLACIER</StorageClass></NoncurrentVersionTransition>`,
	} {
		_, err := ParseLifecycle([]byte(ns("LifecycleConfiguration", lcRule(`<Filter/><Status>Enabled</Status>`+action))))
		checkErr(t, err, nil)
	}
}

func TestParseLifecycleRefusals(t *testing.T) {
	badDays := &wantErr{http.StatusBadRequest, "InvalidArgument", "'Days' for Expiration action must be a positive integer"}
	noAction := &wantErr{http.StatusBadRequest, "InvalidRequest", "At least one action needs to be specified in a rule"}
	tooMany := strings.Repeat(lcRule(`<Filter/><Status>Enabled</Status>`+expire), 1001)
	tests := []struct {
		name string
		body string
		want *wantErr
	}{
		{"no rules", ``, malformed},
		{"1001 rules", tooMany, malformed},
		{"status wrong case", lcRule(`<Filter/><Status>enabled</Status>` + expire), malformed},
		{"status missing", lcRule(`<Filter/>` + expire), malformed},
		{"neither filter nor prefix", lcRule(`<Status>Enabled</Status>` + expire), malformed},
		{"both filter and prefix", lcRule(`<Filter/><Prefix>a</Prefix><Status>Enabled</Status>` + expire), malformed},
		{"two filter predicates without And", lcRule(`<Filter><Prefix>a</Prefix><ObjectSizeLessThan>5</ObjectSizeLessThan></Filter><Status>Enabled</Status>` + expire), malformed},
		{"unknown predicate", lcRule(`<Filter><Suffix>a</Suffix></Filter><Status>Enabled</Status>` + expire), malformed},
		{"unknown rule element", lcRule(`<Filter/><Status>Enabled</Status><Delete/>` + expire), malformed},
		{"two expirations", lcRule(`<Filter/><Status>Enabled</Status>` + expire + expire), malformed},
		{"no action", lcRule(`<Filter/><Status>Enabled</Status>`), noAction},
		{"expiration days 0", lcRule(`<Filter/><Status>Enabled</Status><Expiration><Days>0</Days></Expiration>`), badDays},
		{"expiration days -1", lcRule(`<Filter/><Status>Enabled</Status><Expiration><Days>-1</Days></Expiration>`), badDays},
		{"expiration days not a number", lcRule(`<Filter/><Status>Enabled</Status><Expiration><Days>ten</Days></Expiration>`), malformed},
		{"schema error beats bad days", lcRule(`<Filter/><Status>Enabled</Status><Expiration><Days>0</Days></Expiration>`) + lcRule(`<Status>Enabled</Status>`+expire), malformed},
		{"schema error beats no action", lcRule(`<Filter/><Status>Enabled</Status>`) + lcRule(`<Status>Enabled</Status>`+expire), malformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseLifecycle([]byte(ns("LifecycleConfiguration", tt.body)))
			checkErr(t, err, tt.want)
		})
	}
	_, err := ParseLifecycle([]byte(ns("LifecycleConfiguration", strings.Repeat(lcRule(`<Filter/><Status>Enabled</Status>`+expire), 1000))))
	checkErr(t, err, nil)
}
