package sandbox

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// s3Namespace is the default namespace of every S3 success document.
const s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// xmlHeader starts every XML body S3 sends.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// writeElement appends <name>escaped text</name>.
func writeElement(b *strings.Builder, name, text string) {
	b.WriteString("<" + name + ">")
	_ = xml.EscapeText(b, []byte(text))
	b.WriteString("</" + name + ">")
}

// writeXMLBody sends an already rendered XML document (without the XML header).
func writeXMLBody(w http.ResponseWriter, status int, doc []byte) {
	body := append([]byte(xmlHeader), doc...)
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeXML marshals v (whose XMLName carries the S3 namespace) and sends it.
func writeXML(w http.ResponseWriter, status int, v any) *s3Error {
	doc, err := xml.Marshal(v)
	if err != nil {
		return errInternal(err)
	}
	writeXMLBody(w, status, doc)
	return nil
}

// writeEmpty sends a success answer without a body.
func writeEmpty(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(status)
}

// isoTime formats t the way S3 XML documents do: UTC, milliseconds fixed at .000.
func isoTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05") + ".000Z"
}

// httpTime formats t for Last-Modified and Date headers (RFC 1123, GMT).
func httpTime(t time.Time) string {
	return t.UTC().Format(http.TimeFormat)
}

// xmlEscape escapes text for use inside an XML element.
func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// writeXMLDocument sends a complete XML document that already starts with the XML header.
func writeXMLDocument(w http.ResponseWriter, status int, doc []byte) {
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", fmt.Sprint(len(doc)))
	w.WriteHeader(status)
	_, _ = w.Write(doc)
}

// namedElement marshals Value under an element name chosen at run time, for
// lists whose siblings differ in name (Version / DeleteMarker, Deleted /
// Error). It avoids an XMLName field, which encoding/xml would mark with
// xmlns="" inside a namespaced parent.
type namedElement[V any] struct {
	Name  string
	Value V
}

// MarshalXML implements xml.Marshaler.
func (n namedElement[V]) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	return e.EncodeElement(n.Value, xml.StartElement{Name: xml.Name{Local: n.Name}})
}
