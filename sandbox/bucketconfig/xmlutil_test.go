package bucketconfig

import (
	"strings"
	"testing"
)

func TestParseXMLAcceptsAnyOrNoNamespace(t *testing.T) {
	for _, doc := range []string{
		`<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`,
		`<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>`,
		`<VersioningConfiguration xmlns="http://doc.s3.amazonaws.com/2006-03-01"><Status>Enabled</Status></VersioningConfiguration>`,
		`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<x:VersioningConfiguration xmlns:x="urn:any"><x:Status>Enabled</x:Status></x:VersioningConfiguration>`,
		"<!-- comment -->\n<VersioningConfiguration>\n  <Status>Enabled</Status>\n</VersioningConfiguration>\n",
	} {
		v, err := ParseVersioning([]byte(doc))
		checkErr(t, err, nil)
		if v.Status != "Enabled" {
			t.Fatalf("%s: Status = %q", doc, v.Status)
		}
	}
}

func TestParseXMLRefusesWhatIsNotOneCleanDocument(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":            ``,
		"not xml":          `Enabled`,
		"unclosed":         `<VersioningConfiguration><Status>Enabled</Status>`,
		"two roots":        `<VersioningConfiguration/><VersioningConfiguration/>`,
		"text after root":  `<VersioningConfiguration/>junk`,
		"doctype":          `<!DOCTYPE x [<!ENTITY a "Enabled">]><VersioningConfiguration><Status>&a;</Status></VersioningConfiguration>`,
		"mixed content":    `<VersioningConfiguration>x<Status>Enabled</Status></VersioningConfiguration>`,
		"too deep":         `<VersioningConfiguration>` + strings.Repeat("<a>", 40) + strings.Repeat("</a>", 40) + `</VersioningConfiguration>`,
		"bad utf-8":        "<VersioningConfiguration><Status>\xff</Status></VersioningConfiguration>",
		"latin1 declared":  `<?xml version="1.0" encoding="ISO-8859-1"?><VersioningConfiguration/>`,
		"wrong root":       `<Versioning><Status>Enabled</Status></Versioning>`,
		"unknown child":    `<VersioningConfiguration><Status>Enabled</Status><Extra/></VersioningConfiguration>`,
		"duplicate status": `<VersioningConfiguration><Status>Enabled</Status><Status>Enabled</Status></VersioningConfiguration>`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseVersioning([]byte(doc))
			checkErr(t, err, malformed)
		})
	}
}

func TestXMLDocEscapesAndSelfClosesEmptyRoot(t *testing.T) {
	d := newXMLDoc("R")
	d.elem("V", `a<b&"c"`)
	got := string(d.bytes())
	want := xmlHeader + `<R xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><V>a&lt;b&amp;&#34;c&#34;</V></R>`
	if got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	if got := string(newXMLDoc("R").bytes()); got != xmlHeader+`<R xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>` {
		t.Fatalf("empty root: %s", got)
	}
}
