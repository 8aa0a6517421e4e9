package bucketconfig

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// s3Namespace is the default namespace S3 puts on the root of success documents.
const s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// xmlHeader starts every XML document S3 sends.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// maxXMLDepth bounds nesting: the deepest S3 configuration is a handful of
// levels, so anything deeper is garbage and must not cost stack or memory.
const maxXMLDepth = 32

// xmlNode is one element of a parsed document. Names are local names: S3
// accepts configuration documents in any namespace, or none.
type xmlNode struct {
	name     string
	attrs    []xml.Attr
	children []*xmlNode
	text     []byte // character data, kept verbatim; only meaningful on leaves
}

// parseXML reads exactly one well-formed document. It refuses DTDs (no
// entity games), mixed content and non-whitespace text outside the root,
// which a schema-validating S3 would refuse too.
func parseXML(body []byte) (*xmlNode, bool) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	var root *xmlNode
	var stack []*xmlNode
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 && root != nil {
				return nil, false // a second root element
			}
			if len(stack) >= maxXMLDepth {
				return nil, false
			}
			n := &xmlNode{name: t.Name.Local, attrs: append([]xml.Attr(nil), t.Attr...)}
			if len(stack) == 0 {
				root = n
			} else {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(n.children) > 0 && len(bytes.TrimSpace(n.text)) > 0 {
				return nil, false // mixed content
			}
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, false
				}
				continue
			}
			top := stack[len(stack)-1]
			top.text = append(top.text, t...)
		case xml.Directive:
			return nil, false
		}
	}
	if root == nil || len(stack) != 0 {
		return nil, false
	}
	return root, true
}

// childSpec says how often a child element may occur; max < 0 means unbounded.
type childSpec struct {
	name     string
	min, max int
}

// opt is a child that may occur once.
func opt(name string) childSpec { return childSpec{name, 0, 1} }

// req is a child that must occur exactly once.
func req(name string) childSpec { return childSpec{name, 1, 1} }

// many is a flattened list child with at least min entries.
func many(name string, min int) childSpec { return childSpec{name, min, -1} }

// hasChildren reports whether n's children are all allowed by specs and occur
// as often as specs demand. Text in n is tolerated only as whitespace.
func (n *xmlNode) hasChildren(specs ...childSpec) bool {
	if len(bytes.TrimSpace(n.text)) > 0 {
		return false
	}
	counts := make(map[string]int, len(specs))
	for _, c := range n.children {
		counts[c.name]++
	}
	known := 0
	for _, s := range specs {
		got := counts[s.name]
		if got < s.min || (s.max >= 0 && got > s.max) {
			return false
		}
		known += got
	}
	return known == len(n.children)
}

// all returns the children called name, in document order.
func (n *xmlNode) all(name string) []*xmlNode {
	var out []*xmlNode
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// first returns the first child called name, or nil.
func (n *xmlNode) first(name string) *xmlNode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// leaf returns the verbatim text of an element that has no children.
func (n *xmlNode) leaf() (string, bool) {
	if len(n.children) > 0 {
		return "", false
	}
	return string(n.text), true
}

// token returns a leaf's text with surrounding whitespace removed, for
// enumerations, booleans and numbers (XML Schema collapses their whitespace).
func (n *xmlNode) token() (string, bool) {
	s, ok := n.leaf()
	return strings.TrimSpace(s), ok
}

// oneOf returns a leaf's token if it is one of allowed.
func (n *xmlNode) oneOf(allowed ...string) (string, bool) {
	s, ok := n.token()
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if s == a {
			return s, true
		}
	}
	return "", false
}

// boolean parses an xsd:boolean leaf.
func (n *xmlNode) boolean() (bool, bool) {
	s, ok := n.token()
	if !ok {
		return false, false
	}
	switch s {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// xmlDoc builds a success document: header, namespaced root, compact body.
type xmlDoc struct {
	b     bytes.Buffer
	root  string
	start int // buffer length right after the root start tag
}

// newXMLDoc starts a document whose root element is root.
func newXMLDoc(root string) *xmlDoc {
	d := &xmlDoc{root: root}
	d.b.WriteString(xmlHeader)
	d.b.WriteString("<" + root + ` xmlns="` + s3Namespace + `">`)
	d.start = d.b.Len()
	return d
}

// open writes a start tag.
func (d *xmlDoc) open(name string) { d.b.WriteString("<" + name + ">") }

// close writes an end tag.
func (d *xmlDoc) close(name string) { d.b.WriteString("</" + name + ">") }

// elem writes <name>value</name> with value escaped.
func (d *xmlDoc) elem(name, value string) {
	d.open(name)
	escapeXML(&d.b, value)
	d.close(name)
}

// boolElem writes an xsd:boolean element.
func (d *xmlDoc) boolElem(name string, v bool) {
	if v {
		d.elem(name, "true")
	} else {
		d.elem(name, "false")
	}
}

// bytes closes the root and returns the document. An empty root is written
// self-closing, the way S3 shows unconfigured documents.
func (d *xmlDoc) bytes() []byte {
	if d.b.Len() == d.start {
		d.b.Truncate(d.b.Len() - 1)
		d.b.WriteString("/>")
		return d.b.Bytes()
	}
	d.close(d.root)
	return d.b.Bytes()
}

// escapeXML writes s as XML character data.
func escapeXML(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // writes to a bytes.Buffer cannot fail
}
