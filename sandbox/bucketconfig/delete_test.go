package bucketconfig

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseDelete(t *testing.T) {
	body := ns("Delete", `<Object><Key> spaced key </Key></Object><Object><Key>doc.txt</Key><VersionId>3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY</VersionId></Object>`+
		`<Object><Key>etag</Key><ETag>"abc"</ETag><Size>3</Size></Object><Quiet>true</Quiet>`)
	got, err := ParseDelete([]byte(body))
	checkErr(t, err, nil)
	want := Delete{Quiet: true, Objects: []ObjectIdentifier{
		{Key: " spaced key "}, {Key: "doc.txt", VersionID: "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"}, {Key: "etag"},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	got, err = ParseDelete([]byte(`<Delete><Object><Key>a</Key></Object></Delete>`))
	checkErr(t, err, nil)
	if got.Quiet || len(got.Objects) != 1 {
		t.Fatalf("got %+v", got)
	}
	thousand := strings.Repeat(`<Object><Key>k</Key></Object>`, 1000)
	got, err = ParseDelete([]byte(ns("Delete", thousand)))
	checkErr(t, err, nil)
	if len(got.Objects) != 1000 {
		t.Fatalf("%d objects", len(got.Objects))
	}
}

func TestParseDeleteRefusals(t *testing.T) {
	for name, body := range map[string]string{
		"no objects":      `<Quiet>true</Quiet>`,
		"1001 objects":    strings.Repeat(`<Object><Key>k</Key></Object>`, 1001),
		"object sans key": `<Object><VersionId>v</VersionId></Object>`,
		"two keys":        `<Object><Key>a</Key><Key>b</Key></Object>`,
		"bad quiet":       `<Object><Key>a</Key></Object><Quiet>yes</Quiet>`,
		"unknown element": `<Object><Key>a</Key></Object><Fast/>`,
		"nested key":      `<Object><Key><b>a</b></Key></Object>`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseDelete([]byte(ns("Delete", body)))
			checkErr(t, err, malformed)
		})
	}
}
